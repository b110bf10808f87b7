package it.tavolo.live.document;

import it.tavolo.db.OpLogEntry;
import it.tavolo.db.OpLogStore;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Letting connections into a document: they wait until the engine holds exactly the committed
 * state (between commits), their client id is checked (whose it is: the resend memory, else
 * the op log), what they missed since {@code since} is gathered (the tail, else the op log),
 * and they are welcomed ({@link Welcomes}). Touched only on its owner's context.
 */
final class Joins {
  private static final Logger LOG = LoggerFactory.getLogger(Joins.class);
  /** Client ids the server writes its own batches under (record layer): no connection may use them. */
  private static final List<String> SERVER_CLIENT_PREFIXES = List.of("integration:", "restore:");

  /**
   * A connection to welcome; {@code older}: batches read from the op log for a {@code since}
   * the tail no longer reaches; {@code clientLookedUp}: the op log was asked whose its client
   * id is (the resend memory had forgotten), and said {@code loggedOwner} (null: nobody's).
   */
  private record Joining(Participant p, Long since, List<RenderedBatch> older, boolean clientLookedUp, UUID loggedOwner) {
    Joining(Participant p, Long since) {
      this(p, since, null, false, null);
    }

    Joining withOlder(List<RenderedBatch> batches) {
      return new Joining(p, since, batches, clientLookedUp, loggedOwner);
    }

    Joining withOwner(UUID owner) {
      return new Joining(p, since, older, true, owner);
    }
  }

  private final DocumentOwner owner;
  private final Welcomes welcomes;
  private final ArrayDeque<Joining> waiting = new ArrayDeque<>();
  /** Joiners whose client id or missed batches are being read from the op log. */
  private final List<Joining> readingLog = new ArrayList<>();

  Joins(DocumentOwner owner) {
    this.owner = owner;
    this.welcomes = new Welcomes(owner);
  }

  /** Nobody waits to be welcomed (those reading the log aside). */
  boolean noneWaiting() {
    return waiting.isEmpty();
  }

  void onJoin(Participant p, Long since) {
    if (owner.stopping() && !owner.closed()) {
      p.run(() -> p.joinFailed(ErrorCode.GOING_AWAY, "The server is restarting: reconnect shortly."));
      return;
    }
    if (owner.closed()) {
      owner.registry.join(p, owner.docId, since); // unloaded meanwhile: a fresh owner takes it
      return;
    }
    owner.unloading.cancelIdle();
    if (owner.connections.isEmpty() && waiting.isEmpty()) {
      // the first joiner read the document's row just now: the freshest mode and lock we know
      owner.state.setFlags(p.admission().mode(), p.admission().locked());
    }
    waiting.add(new Joining(p, since));
    serve();
  }

  /** Welcomes waiting joiners, but only while the engine holds exactly the committed state. */
  void serve() {
    if (!owner.betweenCommits()) {
      return;
    }
    while (!waiting.isEmpty()) {
      Joining j = waiting.poll();
      Participant p = j.p();
      if (!j.clientLookedUp() && !owner.state.engine().knowsClient(p.clientId())) {
        lookUpClient(j);
        continue;
      }
      String taken = takenBecause(p, j.loggedOwner());
      if (taken != null) {
        // refused before anything of it is here; whoever holds the id is left alone
        p.run(() -> p.joinFailed(ErrorCode.CLIENT_TAKEN, taken));
        continue;
      }
      if (needsLog(j)) {
        readLog(j);
        continue;
      }
      Participant previous = owner.connections.add(p);
      if (previous != null) {
        owner.roster.unlist(previous);
        if (owner.connections.remove(previous)) {
          owner.registry.left(owner, previous);
        }
        previous.run(() -> previous.kick(ErrorCode.REPLACED, "A newer connection took over this client id."));
      }
      owner.roster.list(p);
      owner.elsewhere.takenHere(p.clientId());
      owner.registry.joined(owner, p);
      String welcome = welcomes.render(p, missed(j));
      long seq = owner.state.seq();
      long version = owner.roster.version(); // the welcome's list: this joiner is not sent it again
      OpenDocument doc = owner.open;
      p.run(() -> p.joined(doc, welcome, seq, version));
    }
  }

  /** A connection left before it was welcomed. */
  void forget(Participant p) {
    waiting.removeIf(j -> j.p() == p);
    readingLog.removeIf(j -> j.p() == p);
  }

  /** The owner ends: every waiting joiner is refused. */
  void failAll(ErrorCode code, String message) {
    for (Joining j : waiting) {
      j.p().run(() -> j.p().joinFailed(code, message));
    }
    waiting.clear();
  }

  /**
   * Why {@code p} may not use its client id in this document, or null when it may. A client
   * id is its user's (issue 22): the one who committed under it (resend memory, or the op log
   * when the memory forgot), else the one connected with it. Only a connection of that same
   * user takes it over ({@code replaced}); a guest of a read-only link only from a guest of
   * the same link, never from a member, and never one with anything committed under it.
   */
  private String takenBecause(Participant p, UUID loggedOwner) {
    String id = p.clientId();
    for (String prefix : SERVER_CLIENT_PREFIXES) {
      if (id.startsWith(prefix)) {
        return "Client ids starting with " + prefix + " are the server's own: connect with another one.";
      }
    }
    LiveUser u = p.user();
    UUID committer = owner.state.engine().clientOwner(id);
    if (committer == null) {
      committer = loggedOwner;
    }
    if (committer != null && (u.isViewer() || !committer.equals(u.userId()))) {
      return "This client id is another user's: connect with a new one.";
    }
    Participant holder = owner.connections.holder(id);
    if (holder != null && holder != p && !sameHolder(holder.user(), u)) {
      return "This client id is another user's: connect with a new one.";
    }
    return null;
  }

  /** The same person: the same account, or two guests of the same read-only link. */
  private static boolean sameHolder(LiveUser a, LiveUser b) {
    if (a.isViewer() || b.isViewer()) {
      return a.isViewer() && b.isViewer() && a.viewerLink().equals(b.viewerLink());
    }
    return a.userId().equals(b.userId());
  }

  /**
   * The resend memory forgot this joiner's client id: the op log says whose it is (its last
   * batch's author) before the joiner is let in with it.
   */
  private void lookUpClient(Joining j) {
    readingLog.add(j);
    owner.store.lastBatchOf(owner.docId, j.p().clientId()).onComplete(owner.onOwner(ar -> {
      if (!stillWaiting(j)) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("document {}: looking up a client id failed ({})", owner.docId, ar.cause().toString());
        j.p().run(() -> j.p().joinFailed(ErrorCode.UNAVAILABLE, "The document cannot be opened now: retry shortly."));
        return;
      }
      OpLogStore.LastBatch last = ar.result().orElse(null);
      if (last != null) {
        owner.state.engine().rememberClient(j.p().clientId(), last.clientSeq(), last.seq(), last.author());
      }
      backInLine(j.withOwner(last == null ? null : last.author()));
    }));
  }

  /** A reconnect from further back than the tail, not yet looked up in the op log. */
  private boolean needsLog(Joining j) {
    Long since = j.since();
    long head = owner.state.seq();
    return j.older() == null && since != null && since >= 0 && since < head
        // furthest a client may be behind and still get what it missed rather than a snapshot,
        // which would make it drop its unsent edits (TAVOLO_WS_CATCH_UP_BATCHES)
        && head - since <= owner.settings.maxLogCatchUp() && owner.tail.after(since, head) == null;
  }

  /** Reads the batches between {@code since} and the tail, then welcomes the joiner with them. */
  private void readLog(Joining j) {
    readingLog.add(j);
    long upTo = owner.tail.reachesBackTo(owner.state.seq());
    owner.store.range(owner.docId, j.since(), upTo).onComplete(owner.onOwner(ar -> {
      if (!stillWaiting(j)) {
        return;
      }
      List<RenderedBatch> older = new ArrayList<>();
      if (ar.succeeded()) {
        for (OpLogEntry e : ar.result()) {
          older.add(RenderedBatch.of(e));
        }
      } else {
        LOG.warn("document {}: reading missed batches failed ({}); the joiner gets a snapshot", owner.docId,
            ar.cause().toString());
      }
      backInLine(j.withOlder(older));
    }));
  }

  /** After a read of the op log: false when the joiner left, or went to a fresh owner, meanwhile. */
  private boolean stillWaiting(Joining j) {
    if (!readingLog.remove(j)) {
      return false; // left meanwhile
    }
    if (owner.closed()) {
      owner.registry.join(j.p(), owner.docId, j.since()); // unloaded meanwhile: a fresh owner takes it
      return false;
    }
    return true;
  }

  private void backInLine(Joining j) {
    waiting.addFirst(j);
    serve();
    if (owner.stopping()) {
      owner.unloading.finishIfIdle();
    }
  }

  /** What a joiner missed: from the tail, or the op log's batches then the tail; null: send a snapshot. */
  private List<RenderedBatch> missed(Joining j) {
    Long since = j.since();
    if (since == null) {
      return null;
    }
    long head = owner.state.seq();
    List<RenderedBatch> fromTail = owner.tail.after(since, head);
    if (fromTail != null || j.older() == null || j.older().isEmpty()) {
      return fromTail;
    }
    long last = j.older().get(j.older().size() - 1).seq();
    List<RenderedBatch> rest = owner.tail.after(last, head);
    if (j.older().get(0).seq() != since + 1 || rest == null) {
      return null; // a gap: the tail moved on meanwhile
    }
    List<RenderedBatch> out = new ArrayList<>(j.older());
    out.addAll(rest);
    return out;
  }
}
