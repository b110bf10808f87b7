package it.tavolo.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import it.tavolo.core.model.StateCodec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The end of a load run: every client must hold what the server holds (a full client the
 * whole document, a light one its own section). Used once per run from the run's thread; the
 * clients are read on their own event loops.
 */
final class ConvergenceCheck {
  private final ServerProcess server;
  private final PrintStream out;

  ConvergenceCheck(ServerProcess server, PrintStream out) {
    this.server = server;
    this.out = out;
  }

  /**
   * Waits until every typist has its last batch acked, then, per tavolo, takes a fresh welcome
   * snapshot and waits until every client has reached its seq with an equal document.
   */
  String verify(Vertx vertx, WebSocketClient ws, LoadSetup.Population pop, List<LoadClient> clients,
                        LoadStats stats) {
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> settled = new ArrayList<>();
    for (LoadClient c : clients) {
      settled.add(LoadRun.until(c, () -> !c.isOpen() || c.doc().isSettled(), 60));
    }
    try {
      CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      return "NOT CHECKED: clients did not settle within 60 s (" + e.getMessage() + ")";
    }
    Map<LoadSetup.Table, List<LoadClient>> byTable = new LinkedHashMap<>();
    clients.forEach(c -> byTable.computeIfAbsent(c.table, k -> new ArrayList<>()).add(c));
    int diverged = 0;
    int closed = 0;
    int checked = 0;
    long ops = 0;
    for (Map.Entry<LoadSetup.Table, List<LoadClient>> e : byTable.entrySet()) {
      LoadClient probe = new LoadClient("verify-" + e.getKey().docId().substring(0, 8), e.getKey(), pop.coordinator(),
          vertx.getOrCreateContext(), stats, Map.of());
      probe.open(ws, server.wsHost(), server.wsPort()).join();
      long seq = probe.call(() -> probe.doc().seq()).join();
      JsonNode truth = probe.call(() -> StateCodec.snapshot(probe.doc().document()).get("collections")).join();
      it.tavolo.core.model.DocumentState truthState = probe.call(() -> probe.doc().document()).join();
      probe.close();
      ops += seq;
      for (LoadClient c : e.getValue()) {
        if (!c.call(c::isOpen).join()) {
          closed++;
          continue;
        }
        try {
          LoadRun.until(c, () -> c.doc().seq() >= seq, 30).join();
        } catch (RuntimeException timeout) {
          diverged++;
          continue;
        }
        boolean equal;
        if (c.isLight()) {
          // a light client holds only its own section's text right (others' batches reach it empty)
          String own = c.typist == null ? null : c.typist.section();
          equal = own == null || c.call(() -> truthState.value("sections", own, "body")
              .equals(c.doc().document().value("sections", own, "body"))).join();
        } else {
          JsonNode mine = c.call(() -> StateCodec.snapshot(c.doc().document()).get("collections")).join();
          equal = truth.equals(mine);
        }
        checked++;
        if (!equal) {
          diverged++;
          if (diverged == 1) {
            out.println("  first divergence: " + c.clientId + " at seq " + seq);
          }
        }
      }
    }
    String verdict = diverged == 0 && closed == 0 ? "OK" : "FAILED";
    return String.format("%s: %,d of %,d clients equal the server's snapshot (a light client: its own section; %d diverged, %d closed early; "
            + "%,d batches in the logs; checked in %.1f s)", verdict, checked - diverged, clients.size(), diverged,
        closed, ops, (System.nanoTime() - t0) / 1e9);
  }

}
