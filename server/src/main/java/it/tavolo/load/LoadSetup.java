package it.tavolo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import it.tavolo.core.ops.Op;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * The people and tables a load run needs, made through the public HTTP API exactly as a
 * coordinator and invited partners would (docs/api.md): the coordinator logs in and opens
 * the tavoli; each participant registers through an invitation (that is a login: it answers
 * with a token) and accepts an invitation to every other tavolo. Nothing bypasses the API.
 */
final class LoadSetup {
  record Table(String tavoloId, String docId) {
  }

  record User(String id, String email, String token) {
  }

  record Population(User coordinator, List<Table> tables, List<User> users) {
  }

  private final LoadHttp http;
  private final PrintStream out;

  LoadSetup(LoadHttp http, PrintStream out) {
    this.http = http;
    this.out = out;
  }

  /**
   * {@code tables} tavoli, each with one document, and {@code users} participants who are
   * members of all of them.
   */
  Population create(String runId, String coordinatorEmail, String coordinatorPassword, int tables, int users) {
    long t0 = System.nanoTime();
    ObjectNode login = LoadHttp.JSON.createObjectNode().put("email", coordinatorEmail).put("password", coordinatorPassword);
    JsonNode l = http.post("/api/auth/login", null, login, 200).join();
    User coord = new User(l.path("user").path("id").asText(), coordinatorEmail, l.path("token").asText());
    String orgId = l.path("user").path("organisation").path("id").asText();

    List<Table> tavoli = inParallel(tables, 16, i -> {
      ObjectNode body = LoadHttp.JSON.createObjectNode()
          .put("title", "Tavolo di carico " + runId + " n. " + (i + 1))
          .put("ambito", "Prova di carico");
      return http.post("/api/tavoli", coord.token(), body, 201)
          .thenApply(t -> new Table(t.path("id").asText(), t.path("documents").path(0).path("id").asText()));
    });
    out.printf("  %d tavoli opened by %s%n", tables, coordinatorEmail);

    Table first = tavoli.get(0);
    // a new account's organisation is the inviter's choice (issue 22): the coordinator's own here
    List<User> people = inParallel(users, 8, i -> invite(coord, first, orgId).thenCompose(inv -> {
      String email = "partecipante-" + runId + "-" + (i + 1) + "@carico.tavolo";
      ObjectNode body = LoadHttp.JSON.createObjectNode()
          .put("email", email)
          .put("password", "password-di-carico-" + runId)
          .put("name", "Partecipante " + (i + 1))
          .put("organisationId", orgId);
      return http.post("/api/invitations/" + inv + "/register", null, body, 201)
          .thenApply(r -> new User(r.path("user").path("id").asText(), email, r.path("token").asText()));
    }));
    out.printf("  %d participants registered through invitations%n", users);

    int others = tables - 1;
    if (others > 0) {
      inParallel(others * users, 32, k -> {
        Table t = tavoli.get(1 + k / users);
        User u = people.get(k % users);
        return invite(coord, t, null).thenCompose(inv -> http.post("/api/invitations/" + inv + "/accept", u.token(), null, 200));
      });
      out.printf("  %d invitations accepted%n", others * users);
    }
    out.printf("  setup took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return new Population(coord, tavoli, people);
  }

  /** The coordinator gives each document the sections the typists write in. */
  static void createSections(Vertx vertx, WebSocketClient ws, ServerProcess server, Population pop, int sections,
                             List<String> ownSections, LoadStats stats) {
    inParallel(pop.tables().size(), 16, t -> {
      LoadClient c = new LoadClient("setup-" + t, pop.tables().get(t), pop.coordinator(), vertx.getOrCreateContext(),
          stats, Map.of());
      return c.open(ws, server.wsHost(), server.wsPort())
          .thenCompose(v -> c.call(() -> {
            List<Op> ops = new ArrayList<>();
            for (int k = 0; k < sections; k++) {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("order", String.format("a%03d", k));
              fields.put("title", "Sezione " + (k + 1));
              fields.put("body", "");
              ops.add(new Op.Create("sections", "load-sec-" + k, fields));
            }
            for (int k = 0; k < ownSections.size(); k++) {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("order", String.format("b%04d", k));
              fields.put("title", "Sezione di " + ownSections.get(k));
              fields.put("body", "");
              ops.add(new Op.Create("sections", ownSections.get(k), fields));
            }
            c.edit(ops);
            return null;
          }))
          .thenCompose(v -> LoadRun.until(c, () -> c.doc().isSettled(), 30))
          .thenCompose(v -> c.close().toCompletionStage());
    });
  }

  /** An invitation to {@code t}; {@code organisationId} for someone new, null for an existing account. */
  private CompletableFuture<String> invite(User coord, Table t, String organisationId) {
    ObjectNode body = LoadHttp.JSON.createObjectNode().put("role", "member");
    if (organisationId != null) body.put("organisationId", organisationId);
    return http.post("/api/tavoli/" + t.tavoloId() + "/invitations", coord.token(), body, 201)
        .thenApply(r -> r.path("token").asText());
  }

  /** Runs {@code n} calls with at most {@code width} in flight; the results in order. */
  static <T> List<T> inParallel(int n, int width, IntFunction<CompletableFuture<T>> call) {
    Semaphore slots = new Semaphore(width);
    List<CompletableFuture<T>> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      slots.acquireUninterruptibly();
      CompletableFuture<T> f = call.apply(i);
      f.whenComplete((r, e) -> slots.release());
      all.add(f);
    }
    List<T> out = new ArrayList<>(n);
    for (CompletableFuture<T> f : all) {
      out.add(f.join());
    }
    return out;
  }
}
