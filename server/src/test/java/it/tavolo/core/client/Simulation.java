package it.tavolo.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.core.sequencer.SubmitResult;
import it.tavolo.core.text.AuthorRuns;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Several {@link ClientDocument}s and one {@link Sequencer} over a simulated network: random
 * edits, random delivery order across clients (FIFO per client and direction, as over one
 * WebSocket), disconnects that lose messages in transit, reconnects with catch-up and
 * resends, and server restarts from a snapshot plus the op log after it.
 */
final class Simulation {
  private static final int TAIL = 6; // small, so late batches need history from the "op log"

  private final Random r;
  private final List<Client> clients = new ArrayList<>();
  /** The op log: every committed batch, index = seq - 1. */
  private final List<CommittedBatch> log = new ArrayList<>();
  private Sequencer server;
  private String snapshot; // the last "database snapshot"
  private long snapshotSeq;
  private long time;
  int restarts;
  int duplicates;
  int histories;
  int notes;

  private final class Client {
    final String user;
    final ClientDocument doc;
    final RandomEdits gen;
    final Deque<Object> up = new ArrayDeque<>(); // Outgoing
    final Deque<Object> down = new ArrayDeque<>(); // Ack | CommittedBatch
    boolean connected = true;

    Client(int i, DocumentState initial) {
      user = "user" + i;
      doc = new ClientDocument("client" + i, user, initial, 0, 0);
      gen = new RandomEdits(r, "e", 5, alphabet(i));
    }
  }

  private record Ack(long clientSeq, long seq) {}

  /** Each user types only its own letters and its own emoji, so every character names its author. */
  static String[] alphabet(int i) {
    String letters = "abcdefghijklmnopqrstuvwxyz".substring(i * 5, i * 5 + 5);
    List<String> out = new ArrayList<>();
    for (char c : letters.toCharArray()) out.add(String.valueOf(c));
    out.add(new String(Character.toChars(0x1F600 + i)));
    out.add(letters.charAt(0) + new String(Character.toChars(0x1F680 + i)) + letters.charAt(1));
    return out.toArray(new String[0]);
  }

  static int authorOfCodePoint(int cp) {
    if (cp >= 'a' && cp <= 'z') return (cp - 'a') / 5;
    if (cp >= 0x1F600 && cp < 0x1F610) return cp - 0x1F600;
    if (cp >= 0x1F680 && cp < 0x1F690) return cp - 0x1F680;
    throw new AssertionError("character U+" + Integer.toHexString(cp) + " typed by nobody");
  }

  Simulation(long seed, int clientCount) {
    r = new Random(seed);
    server = Sequencer.restore(null, List.of(), Limits.DEFAULT, TAIL);
    server.setPledgeOwnership(false); // random edits name random contributors: ownership is PledgesTest's
    snapshot = server.serialise();
    for (int i = 0; i < clientCount; i++) clients.add(new Client(i, new DocumentState()));
  }

  void run(int steps) {
    for (int i = 0; i < steps; i++) step();
    settle();
    check();
  }

  private void step() {
    Client c = clients.get(r.nextInt(clients.size()));
    int k = r.nextInt(100);
    if (k < 30) {
      Op op = c.gen.op(c.doc.document());
      c.doc.edit(List.of(op));
    } else if (k < 45) {
      if (c.connected) c.doc.nextToSend().ifPresent(c.up::add);
    } else if (k < 70) {
      if (!c.up.isEmpty()) serverReceives(c, (Outgoing) c.up.poll());
    } else if (k < 95) {
      if (c.connected && !c.down.isEmpty()) clientReceives(c, c.down.poll());
    } else if (k < 98) {
      if (c.connected) disconnect(c);
      else reconnect(c);
    } else if (k < 99 && r.nextInt(3) == 0) {
      takeSnapshot();
    } else if (r.nextInt(4) == 0) {
      restartServer();
    }
  }

  private void disconnect(Client c) {
    // messages already on the wire may or may not reach the server
    if (r.nextBoolean()) while (!c.up.isEmpty()) serverReceives(c, (Outgoing) c.up.poll());
    c.up.clear();
    c.down.clear();
    c.connected = false;
  }

  private void reconnect(Client c) {
    c.connected = true;
    // hello with since = last seq seen: the server sends what was missed
    long since = c.doc.seq();
    List<CommittedBatch> missed = server.batchesAfter(since).orElseGet(() -> log.subList((int) since, log.size()));
    c.down.addAll(missed);
    // a careful client resends after applying them; a hasty one at once: both must work
    if (r.nextBoolean()) c.doc.resend().ifPresent(c.up::add);
    else c.down.add("resend");
  }

  private void serverReceives(Client c, Outgoing out) {
    SubmitResult res = server.submit(out.toSubmission(c.user, Role.MEMBER, c.doc.clientId()), ++time);
    if (res instanceof SubmitResult.NeedsHistory h) {
      histories++;
      res = server.submit(
          out.toSubmission(c.user, Role.MEMBER, c.doc.clientId()),
          time,
          log.subList((int) h.afterSeq(), (int) h.upToSeq()));
    }
    if (res instanceof SubmitResult.Accepted a) {
      CommittedBatch b = a.batch();
      notes += b.notes().size();
      log.add(new CommittedBatch(b.seq(), b.author(), b.clientId(), b.clientSeq(), b.time(), b.ops()));
      if (c.connected) c.down.add(new Ack(b.clientSeq(), b.seq()));
      for (Client o : clients) if (o != c && o.connected) o.down.add(b);
    } else if (res instanceof SubmitResult.Duplicate d) {
      duplicates++;
      long seq = d.seqKnown() ? d.seq() : lookUp(c.doc.clientId(), d.clientSeq());
      if (c.connected) c.down.add(new Ack(d.clientSeq(), seq));
    } else {
      fail("server refused a batch made of valid edits: " + res + " ops=" + out.ops());
    }
  }

  private long lookUp(String clientId, long clientSeq) {
    for (CommittedBatch b : log) if (b.clientId().equals(clientId) && b.clientSeq() == clientSeq) return b.seq();
    throw new AssertionError("duplicate of a batch not in the log");
  }

  private void clientReceives(Client c, Object msg) {
    if (msg instanceof Ack a) c.doc.onAck(a.clientSeq(), a.seq());
    else if (msg instanceof CommittedBatch b) c.doc.onBatch(b.seq(), b.author(), b.clientId(), b.clientSeq(), b.ops());
    else c.doc.resend().ifPresent(c.up::add);
  }

  private void takeSnapshot() {
    snapshot = server.serialise();
    snapshotSeq = server.head();
  }

  private void restartServer() {
    restarts++;
    for (Client c : clients) if (c.connected) disconnect(c);
    Sequencer restored =
        Sequencer.restore(snapshot, log.subList((int) snapshotSeq, log.size()), Limits.DEFAULT, TAIL);
    assertEquals(StateCodec.stateJson(server.state()), StateCodec.stateJson(restored.state()), "restart restores");
    assertEquals(server.serialise(), restored.serialise(), "restart restores the resend memory");
    server = restored;
    server.setPledgeOwnership(false);
  }

  /** Everyone reconnects; all messages are delivered until nothing moves. */
  private void settle() {
    for (Client c : clients) if (!c.connected) reconnect(c);
    for (int guard = 0; guard < 100_000; guard++) {
      boolean moved = false;
      for (Client c : clients) {
        if (!c.down.isEmpty()) {
          clientReceives(c, c.down.poll());
          moved = true;
        } else if (!c.up.isEmpty()) {
          serverReceives(c, (Outgoing) c.up.poll());
          moved = true;
        } else if (c.doc.nextToSend().map(c.up::add).isPresent()) {
          moved = true;
        }
      }
      if (!moved) return;
    }
    fail("did not settle");
  }

  private void check() {
    String expected = StateCodec.snapshotJson(server.state());
    String expectedAuthors = withoutSeqs(StateCodec.authorshipJson(server.state()));
    for (Client c : clients) {
      assertEquals(true, c.doc.isSettled(), c.user + " settled");
      assertEquals(server.head(), c.doc.seq(), c.user + " has every batch");
      assertEquals(expected, StateCodec.snapshotJson(c.doc.document()), c.user + " equals the server");
      assertEquals(expectedAuthors, withoutSeqs(StateCodec.authorshipJson(c.doc.document())), c.user + " authorship");
    }
    checkEveryCharacterIsByItsTypist(server.state());
  }

  /** Clients do not learn the seq of their own sets; who set them they do know. */
  private static String withoutSeqs(String authorship) {
    return authorship.replaceAll("\"seq\":-?\\d+", "");
  }

  private static void checkEveryCharacterIsByItsTypist(DocumentState d) {
    for (var c : it.tavolo.core.model.Schema.collections()) {
      for (String id : d.ids(c.name())) {
        for (var f : c.fields()) {
          if (!f.isText()) continue;
          String text = d.textView(c.name(), id, f.name()).toString();
          AuthorRuns runs = d.authorRuns(c.name(), id, f.name());
          assertEquals(text.length(), runs.length());
          for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            String who = "user" + authorOfCodePoint(text.codePointAt(i));
            assertEquals(who, runs.authorAt(i), "author of unit " + i + " of " + c.name() + "/" + id);
          }
        }
      }
    }
  }
}
