package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import it.tavolo.db.OpLogEntry;
import it.tavolo.db.OpLogStore;
import it.tavolo.db.SeqConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one owner of an open document in this process, pinned to one Vert.x context: every
 * field below is touched only there (public methods hop onto it).
 *
 * <p>Submissions queue up while a group is being committed. When the database is free, the
 * owner sequences everything queued (transform, validate, apply: the core's sequencer),
 * writes the accepted batches with ONE insert (group commit), and only when that commit
 * succeeds acks each sender and broadcasts to everyone else, in seq order. So between
 * commits the engine's state is exactly the committed state: welcomes and snapshots are
 * taken then.
 *
 * <p>When a commit fails, nothing of the group is acked: on a seq conflict (another process
 * committed to this document) the owner reloads from the op log, broadcasts what the other
 * process wrote, and sequences the group again; on any other failure the senders get
 * {@code unavailable} and the owner reloads from the log (a commit whose outcome was unknown
 * is then found there, and its resend is acked, never applied twice).
 */
final class DocumentOwner {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentOwner.class);
  private static final int RELOAD_ATTEMPTS = 5;
  private static final int CATCH_UP_BATCHES = 1000;

  private enum Phase { LOADING, READY, RELOADING, CLOSED }

  /**
   * A batch waiting to be sequenced: a client's ({@code origin} set) or the server's own
   * ({@code done} set: an accepted integration, a restore), which completes with its seq.
   */
  private record Submission(Session origin, UUID author, String role, String clientId, long clientSeq,
                            long baseSeq, JsonNode ops, Instant at, List<OpLogEntry> older,
                            boolean strict, io.vertx.core.Promise<Long> done, boolean organisationsFresh,
                            boolean clientLookedUp) {
    Submission(Session origin, UUID author, String role, String clientId, long clientSeq, long baseSeq,
               JsonNode ops, Instant at, List<OpLogEntry> older, boolean strict, io.vertx.core.Promise<Long> done) {
      this(origin, author, role, clientId, clientSeq, baseSeq, ops, at, older, strict, done, false, false);
    }

    Submission withOlder(List<OpLogEntry> history) {
      return new Submission(origin, author, role, clientId, clientSeq, baseSeq, ops, at, history, strict, done,
          organisationsFresh, clientLookedUp);
    }

    /** Sequenced again after the tavolo's organisations were read anew. */
    Submission withFreshOrganisations() {
      return new Submission(origin, author, role, clientId, clientSeq, baseSeq, ops, at, older, strict, done, true,
          clientLookedUp);
    }

    /** Sequenced again once the op log said what this client last committed. */
    Submission withClientLookedUp() {
      return new Submission(origin, author, role, clientId, clientSeq, baseSeq, ops, at, older, strict, done,
          organisationsFresh, true);
    }
  }

  /** A sequenced batch in the group being committed. */
  private record Pending(Submission sub, Outgoing out) {
  }

  /** A committed batch with its two renderings: {@code ops} for others, {@code ack} for its sender. */
  record Outgoing(Committed committed, String opsMessage, String ackMessage) {
    static Outgoing of(Committed c) {
      return new Outgoing(c, Wire.ops(c), Wire.ack(c.clientSeq(), c.seq(), c.notes()));
    }
  }

  /** A client's latest presence, rendered once for every recipient. */
  record PresenceOut(String clientId, String message) {
  }

  /** A person in the members list: who they are (as their latest connection said) and their clients. */
  private static final class Listed {
    LiveUser user;
    String role;
    final java.util.LinkedHashSet<String> clients = new java.util.LinkedHashSet<>();

    Member member() {
      return new Member(user.userId(), user.name(), user.orgId(), user.orgName(), user.side(), role, List.copyOf(clients));
    }
  }

  /**
   * Members changes go out at most once per this interval, together: a join storm costs each
   * connection a few members messages per second, not one per join.
   */
  static final long MEMBERS_INTERVAL_MILLIS = 100;

  /**
   * A connection to welcome; {@code older}: batches read from the op log for a {@code since}
   * the tail no longer reaches; {@code clientLookedUp}: the op log was asked whose its client
   * id is (the resend memory had forgotten), and said {@code loggedOwner} (null: nobody's).
   */
  private record Joining(Session session, Long since, List<Outgoing> older, boolean clientLookedUp, UUID loggedOwner) {
    Joining(Session session, Long since) {
      this(session, since, null, false, null);
    }

    Joining withOlder(List<Outgoing> batches) {
      return new Joining(session, since, batches, clientLookedUp, loggedOwner);
    }

    Joining withOwner(UUID owner) {
      return new Joining(session, since, older, true, owner);
    }
  }

  /** Client ids the server writes its own batches under (record layer): no connection may use them. */
  private static final List<String> SERVER_CLIENT_PREFIXES = List.of("integration:", "restore:");

  final UUID docId;
  private final Context ctx;
  private final Vertx vertx;
  private final OpLogStore store;
  private final DocumentEngine.Factory engines;
  private final LiveSettings settings;
  private final DocumentOwners registry;

  private Phase phase = Phase.LOADING;
  private DocumentEngine engine;
  private volatile long committedSeq;
  private long lastSnapshotSeq;
  private String mode = "live";
  private boolean locked;

  private final ArrayDeque<Submission> queued = new ArrayDeque<>();
  private List<Pending> inFlight;
  private final ArrayDeque<Joining> joining = new ArrayDeque<>();
  /** Joiners whose missed batches are being read from the op log. */
  private final List<Joining> readingLog = new ArrayList<>();
  private final ArrayDeque<Outgoing> tail = new ArrayDeque<>();
  private final Set<Session> sessions = new HashSet<>();
  private final Map<String, Session> byClient = new LinkedHashMap<>();
  private final Map<String, PresenceState> presence = new LinkedHashMap<>();
  /**
   * The members list, kept up to date join by join and leave by leave (O(1) each): one entry
   * per person (guests of viewer links are not listed) with their clients here.
   */
  private final Map<UUID, Listed> roster = new LinkedHashMap<>();
  /** Bumped by every change of the roster; each session knows the version it has. */
  private long membersVersion;
  /** The version the last members fan-out carried. */
  private long membersSentVersion;
  /** People whose entry changed (or who left) since the last members fan-out. */
  private final Set<UUID> membersChanged = new java.util.LinkedHashSet<>();
  private long membersTimer = -1;
  private long lastMembersFanOut;
  /** Reading what the first queued submission needs (see holdFor): nothing is sequenced meanwhile. */
  private boolean holding;
  /** Committed batches and cursor moves not yet fanned out to every connection. */
  private final List<Outgoing> unsent = new ArrayList<>();
  private final Map<String, PresenceOut> unsentPresence = new LinkedHashMap<>();
  private long fanOutTimer = -1;
  private long fanOutDue;
  private long lastFanOut;
  private long lastOpsFanOut;
  /** The highest seq another process said it committed (it is in the op log). */
  private long remoteHead;
  private boolean catchingUp;
  private boolean stopping;
  private final io.vertx.core.Promise<Void> stopped = io.vertx.core.Promise.promise();
  private long idleTimer = -1;
  private int reloadFailures;

  DocumentOwner(UUID docId, Context ctx, Vertx vertx, OpLogStore store, DocumentEngine.Factory engines,
                LiveSettings settings, DocumentOwners registry) {
    this.docId = docId;
    this.ctx = ctx;
    this.vertx = vertx;
    this.store = store;
    this.engines = engines;
    this.settings = settings;
    this.registry = registry;
    ctx.runOnContext(v -> load(false));
  }

  // ---- entry points (any context) ----

  void join(Session s, Long since) {
    ctx.runOnContext(v -> onJoin(s, since));
  }

  void leave(Session s) {
    ctx.runOnContext(v -> onLeave(s));
  }

  void submit(Session s, long clientSeq, long baseSeq, JsonNode ops) {
    LiveUser u = s.user();
    Submission sub = new Submission(s, u.userId(), s.admission().role(), s.clientId(), clientSeq, baseSeq,
        ops, Instant.now(), List.of(), false, null);
    ctx.runOnContext(v -> onSubmit(sub));
  }

  /**
   * A batch written by the server itself, sequenced and committed like a client's and
   * broadcast as an {@code ops} message to every session. {@code mode}/{@code locked} are
   * the document's row as the caller just read it (used when no session brought them).
   */
  void submitServer(ServerBatch b, String docMode, boolean docLocked, io.vertx.core.Promise<Long> done) {
    Submission sub = new Submission(null, b.author(), b.role(), b.clientId(), b.clientSeq(), b.baseSeq(), b.ops(),
        Instant.now(), List.of(), b.strict(), done);
    ctx.runOnContext(v -> {
      if (stopping) {
        refuse(sub, ErrorCode.UNAVAILABLE, "The server is stopping: try again shortly.");
        return;
      }
      if (phase == Phase.CLOSED) {
        registry.submitServer(docId, b, docMode, docLocked, done); // unloaded meanwhile: a fresh owner takes it
        return;
      }
      cancelIdle();
      if (sessions.isEmpty() && joining.isEmpty()) {
        mode = docMode;
        locked = docLocked;
        if (engine != null) {
          engine.setFlags(mode, locked);
        }
      }
      queued.add(sub);
      flush();
    });
  }

  /** A member's submit in proposal mode: recorded as an integration, answered with {@code proposed}. */
  private void propose(Submission sub, ProposalSink sink) {
    if (sub.baseSeq() < 0 || sub.baseSeq() > committedSeq) {
      refuse(sub, ErrorCode.BAD_BASE_SEQ, "baseSeq " + sub.baseSeq() + " is not between 0 and the head " + committedSeq);
      return;
    }
    sink.propose(docId, sub.author(), sub.clientId(), sub.clientSeq(), sub.baseSeq(), Wire.text(sub.ops()))
        .onComplete(onOwner(ar -> {
          if (ar.succeeded()) {
            ObjectNode n = Wire.object("proposed");
            n.put("clientSeq", sub.clientSeq());
            n.put("integration", ar.result());
            n.put("baseSeq", sub.baseSeq());
            String msg = Wire.text(n);
            sub.origin().run(() -> sub.origin().reply(msg));
          } else if (ar.cause() instanceof LiveRefusal r) {
            refuse(sub, r.code(), r.getMessage());
          } else {
            LOG.warn("document {}: recording a proposal failed ({})", docId, ar.cause().toString());
            refuse(sub, ErrorCode.UNAVAILABLE, "The proposal was not recorded: resend it with the same clientSeq.");
          }
        }));
  }

  /** Answers a submission that was not committed: an error to its client, or a failed future. */
  private void refuse(Submission sub, ErrorCode code, String message) {
    if (sub.done() != null) {
      sub.done().tryFail(new LiveRefusal(code, message));
      return;
    }
    String err = Wire.error(code, message, sub.clientSeq());
    Session to = sub.origin();
    to.run(() -> to.reply(err));
  }

  /** Answers a resend of a batch committed earlier as {@code seq}. */
  private void answerDuplicate(Submission sub, long seq, List<Committed.Note> notes) {
    if (sub.done() != null) {
      sub.done().tryComplete(seq);
      return;
    }
    sub.origin().run(() -> sub.origin().duplicate(sub.clientSeq(), seq, notes));
  }

  void presence(Session s, PresenceState p) {
    ctx.runOnContext(v -> onPresence(s, p));
  }

  /** Sends {@code s} the committed batches after {@code seq} from the tail (null if gone). */
  void committedAfter(Session s, long seq) {
    ctx.runOnContext(v -> {
      List<Outgoing> missed = tailAfter(seq);
      s.run(() -> s.caughtUp(missed));
    });
  }

  /** A coordinator changed the document's mode or lock (HTTP layer): applies to the next batch. */
  void documentChanged(String newMode, boolean newLocked) {
    ctx.runOnContext(v -> {
      if (newMode.equals(mode) && newLocked == locked) {
        return; // several connections noticed the same change
      }
      mode = newMode;
      locked = newLocked;
      if (engine != null) {
        engine.setFlags(mode, locked);
      }
      ObjectNode n = Wire.object("doc");
      n.put("mode", mode);
      n.put("locked", locked);
      String msg = Wire.text(n);
      sessions.forEach(x -> x.run(() -> x.reply(msg)));
    });
  }

  /** Sends a server message to every connection of this document (another layer's announcement). */
  void broadcast(String message) {
    ctx.runOnContext(v -> sessions.forEach(x -> x.run(() -> x.reply(message))));
  }

  /** Closes the connections of guests who came through these read-only links. */
  /** The member's sessions here read their role again (it changed, or they left). */
  void recheckMember(UUID tavoloId, UUID userId) {
    ctx.runOnContext(v -> {
      boolean ours = false;
      for (Session x : sessions) {
        if (tavoloId.equals(x.admission().tavoloId())) {
          ours = true;
          if (userId.equals(x.user().userId())) {
            x.recheckNow();
          }
        }
      }
      if (ours && engine != null) {
        // a member who left may have taken the tavolo's last tie to their organisation
        registry.organisationsAt(docId).onComplete(onOwner(ar -> {
          if (ar.succeeded() && engine != null) {
            engine.setOrganisations(ar.result());
          }
        }));
      }
    });
  }

  void recheckRevocations() {
    ctx.runOnContext(v -> sessions.forEach(Session::checkRevoked));
  }

  void closeViewers(java.util.Collection<UUID> links, String message) {
    ctx.runOnContext(v -> {
      for (Session x : sessions) {
        UUID link = x.user().viewerLink();
        if (link != null && links.contains(link)) {
          x.run(() -> x.kick(ErrorCode.TOKEN_REVOKED, message));
        }
      }
    });
  }

  /**
   * Server stopping: nothing new is sequenced (queued batches get {@code unavailable}: resend
   * after reconnecting), the group in flight finishes and is acked, then every connection is
   * closed with {@code going_away}. Idempotent.
   */
  Future<Void> shutdown() {
    ctx.runOnContext(v -> {
      if (!stopping) {
        stopping = true;
        for (Submission s : queued) {
          refuse(s, ErrorCode.UNAVAILABLE, "The server is stopping: resend this batch after reconnecting.");
        }
        queued.clear();
      }
      finishStopIfIdle();
    });
    return stopped.future();
  }

  private void finishStopIfIdle() {
    if (!stopping || inFlight != null || phase == Phase.LOADING || phase == Phase.RELOADING) {
      return;
    }
    phase = Phase.CLOSED;
    registry.remove(docId, this);
    for (Joining j : joining) {
      j.session().run(() -> j.session().joinFailed(ErrorCode.GOING_AWAY, "The server is restarting: reconnect shortly."));
    }
    joining.clear();
    new ArrayList<>(sessions).forEach(s -> s.run(() -> s.kick(ErrorCode.GOING_AWAY,
        "The server is restarting: reconnect shortly (with since).")));
    sessions.forEach(s -> registry.left(this, s));
    sessions.clear();
    stopped.tryComplete();
  }

  /**
   * Another process committed batches of this document up to {@code seq} (a negative seq:
   * it may have, look). They are read from the op log between this owner's own commits,
   * applied and broadcast like its own.
   */
  void advancedElsewhere(long seq) {
    ctx.runOnContext(v -> {
      remoteHead = Math.max(remoteHead, seq < 0 ? committedSeq + 1 : seq);
      catchUp();
    });
  }

  private void catchUp() {
    if (phase != Phase.READY || inFlight != null || catchingUp || remoteHead <= committedSeq) {
      return;
    }
    catchingUp = true;
    store.after(docId, committedSeq, CATCH_UP_BATCHES).onComplete(onOwner(ar -> {
      catchingUp = false;
      if (phase != Phase.READY) {
        return;
      }
      if (ar.failed()) {
        LOG.warn("document {}: reading other processes' batches failed ({}); the next commit or poll retries",
            docId, ar.cause().toString());
        remoteHead = committedSeq;
        flush();
        return;
      }
      List<Outgoing> out = new ArrayList<>();
      try {
        for (OpLogEntry e : ar.result()) {
          if (e.seq() != committedSeq + 1) {
            break;
          }
          engine.applyCommitted(e);
          Outgoing o = Outgoing.of(new Committed(e.seq(), e.author(), e.clientId(), e.clientSeq(), e.opsJson(), List.of()));
          committedSeq = e.seq();
          remember(o);
          out.add(o);
        }
      } catch (RuntimeException e) {
        LOG.error("document {}: a batch from the op log does not apply; reloading", docId, e);
        broadcast(out);
        phase = Phase.RELOADING;
        load(true);
        return;
      }
      broadcast(out);
      if (ar.result().size() == CATCH_UP_BATCHES) {
        remoteHead = Math.max(remoteHead, committedSeq + 1); // more to read
      } else {
        remoteHead = committedSeq;
      }
      maybeSnapshot();
      catchUp();
      flush();
    }));
  }

  // ---- loading ----

  private void load(boolean reload) {
    Future<Optional<OpLogStore.StoredSnapshot>> snap = store.latestSnapshot(docId);
    snap.compose(s -> {
      long snapSeq = s.map(OpLogStore.StoredSnapshot::seq).orElse(0L);
      // the batches after the snapshot rebuild the state; the ones just before it refill the tail
      long from = Math.max(0, snapSeq - settings.tailBatches());
      if (reload) {
        from = Math.min(from, committedSeq); // everything this process has not sent out yet
      }
      return store.after(docId, from, Integer.MAX_VALUE)
          .compose(entries -> registry.organisationsAt(docId).map(organisations -> {
            List<OpLogEntry> replay = entries.stream().filter(e -> e.seq() > snapSeq).toList();
            DocumentEngine e = engines.restore(s.map(OpLogStore.StoredSnapshot::stateJson).orElse(null), replay);
            e.setOrganisations(organisations);
            return new Object[] {e, entries, snapSeq};
          }));
    }).onComplete(onOwner(ar -> {
      if (ar.failed()) {
        loadFailed(reload, ar.cause());
        return;
      }
      DocumentEngine e = (DocumentEngine) ar.result()[0];
      @SuppressWarnings("unchecked")
      List<OpLogEntry> entries = (List<OpLogEntry>) ar.result()[1];
      long snapSeq = (Long) ar.result()[2];
      reloadFailures = 0;
      engine = e;
      engine.setFlags(mode, locked);
      lastSnapshotSeq = Math.max(lastSnapshotSeq, snapSeq);
      List<Outgoing> foreign = new ArrayList<>();
      for (OpLogEntry entry : entries) {
        if (entry.seq() <= committedSeq && reload) {
          continue; // already sent out by this process
        }
        Outgoing o = Outgoing.of(new Committed(entry.seq(), entry.author(), entry.clientId(), entry.clientSeq(),
            entry.opsJson(), List.of()));
        remember(o);
        if (reload) {
          foreign.add(o); // written by another process, or our commit whose answer was lost
        }
      }
      broadcast(foreign);
      committedSeq = e.seq();
      phase = Phase.READY;
      maybeSnapshot();
      flush();
    }));
  }

  private void loadFailed(boolean reload, Throwable err) {
    LOG.warn("document {}: loading from the op log failed ({})", docId, err.toString());
    if (++reloadFailures < RELOAD_ATTEMPTS) {
      vertx.setTimer(200L * reloadFailures, t -> ctx.runOnContext(v -> load(reload)));
      return;
    }
    phase = Phase.CLOSED;
    registry.remove(docId, this);
    for (Joining j : joining) {
      j.session().run(() -> j.session().joinFailed(ErrorCode.UNAVAILABLE, "The document cannot be loaded now: retry shortly."));
    }
    joining.clear();
    for (Submission s : queued) {
      refuse(s, ErrorCode.UNAVAILABLE, "Not committed: resend later.");
    }
    queued.clear();
    new ArrayList<>(sessions).forEach(s -> s.run(() -> s.kick(ErrorCode.UNAVAILABLE,
        "The document cannot be reached now: reconnect shortly.")));
    sessions.forEach(s -> registry.left(this, s));
    sessions.clear();
    stopped.tryComplete();
  }

  // ---- joining and leaving ----

  private void onJoin(Session s, Long since) {
    if (stopping && phase != Phase.CLOSED) {
      s.run(() -> s.joinFailed(ErrorCode.GOING_AWAY, "The server is restarting: reconnect shortly."));
      return;
    }
    if (phase == Phase.CLOSED) {
      registry.join(s, docId, since); // unloaded meanwhile: a fresh owner takes it
      return;
    }
    cancelIdle();
    if (sessions.isEmpty() && joining.isEmpty()) {
      // the first joiner read the document's row just now: the freshest mode and lock we know
      mode = s.admission().mode();
      locked = s.admission().locked();
      if (engine != null) {
        engine.setFlags(mode, locked);
      }
    }
    joining.add(new Joining(s, since));
    serveJoins();
  }

  /** Welcomes waiting joiners, but only while the engine holds exactly the committed state. */
  private void serveJoins() {
    if (phase != Phase.READY || inFlight != null) {
      return;
    }
    while (!joining.isEmpty()) {
      Joining j = joining.poll();
      Session s = j.session();
      if (!j.clientLookedUp() && !engine.knowsClient(s.clientId())) {
        lookUpJoiner(j);
        continue;
      }
      String taken = takenBecause(s, j.loggedOwner());
      if (taken != null) {
        // refused before anything of it is here; whoever holds the id is left alone
        s.run(() -> s.joinFailed(ErrorCode.CLIENT_TAKEN, taken));
        continue;
      }
      if (needsLog(j)) {
        readLogFor(j);
        continue;
      }
      Session previous = byClient.put(s.clientId(), s);
      if (previous != null && previous != s) {
        unlist(previous);
        if (sessions.remove(previous)) {
          registry.left(this, previous);
        }
        previous.run(() -> previous.kick(ErrorCode.REPLACED, "A newer connection took over this client id."));
      }
      sessions.add(s);
      list(s);
      registry.joined(this, s);
      String welcome = welcome(s, j);
      long seq = committedSeq;
      long version = membersVersion; // the welcome's list: this joiner is not sent it again
      s.run(() -> s.joined(this, welcome, seq, version));
    }
  }

  /**
   * Why {@code s} may not use its client id in this document, or null when it may. A client
   * id is its user's (issue 22): the one who committed under it (resend memory, or the op log
   * when the memory forgot), else the one connected with it. Only a connection of that same
   * user takes it over ({@code replaced}); a guest of a read-only link only from a guest of
   * the same link, never from a member, and never one with anything committed under it.
   */
  private String takenBecause(Session s, UUID loggedOwner) {
    String id = s.clientId();
    for (String prefix : SERVER_CLIENT_PREFIXES) {
      if (id.startsWith(prefix)) {
        return "Client ids starting with " + prefix + " are the server's own: connect with another one.";
      }
    }
    LiveUser u = s.user();
    UUID owner = engine.clientOwner(id);
    if (owner == null) {
      owner = loggedOwner;
    }
    if (owner != null && (u.isViewer() || !owner.equals(u.userId()))) {
      return "This client id is another user's: connect with a new one.";
    }
    Session holder = byClient.get(id);
    if (holder != null && holder != s && !sameHolder(holder.user(), u)) {
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
  private void lookUpJoiner(Joining j) {
    readingLog.add(j);
    store.lastBatchOf(docId, j.session().clientId()).onComplete(onOwner(ar -> {
      if (!readingLog.remove(j)) {
        return; // left meanwhile
      }
      if (phase == Phase.CLOSED) {
        registry.join(j.session(), docId, j.since()); // unloaded meanwhile: a fresh owner takes it
        return;
      }
      if (ar.failed()) {
        LOG.warn("document {}: looking up a client id failed ({})", docId, ar.cause().toString());
        j.session().run(() -> j.session().joinFailed(ErrorCode.UNAVAILABLE, "The document cannot be opened now: retry shortly."));
        return;
      }
      OpLogStore.LastBatch last = ar.result().orElse(null);
      if (last != null) {
        engine.rememberClient(j.session().clientId(), last.clientSeq(), last.seq(), last.author());
      }
      joining.addFirst(j.withOwner(last == null ? null : last.author()));
      serveJoins();
      if (stopping) {
        finishStopIfIdle();
      }
    }));
  }

  /** A reconnect from further back than the tail, not yet looked up in the op log. */
  private boolean needsLog(Joining j) {
    Long since = j.since();
    return j.older() == null && since != null && since >= 0 && since < committedSeq
        // furthest a client may be behind and still get what it missed rather than a snapshot,
        // which would make it drop its unsent edits (TAVOLO_WS_CATCH_UP_BATCHES)
        && committedSeq - since <= settings.maxLogCatchUp() && tailAfter(since) == null;
  }

  /** Reads the batches between {@code since} and the tail, then welcomes the joiner with them. */
  private void readLogFor(Joining j) {
    readingLog.add(j);
    long upTo = tail.isEmpty() ? committedSeq : tail.peekFirst().committed().seq() - 1;
    store.range(docId, j.since(), upTo).onComplete(onOwner(ar -> {
      if (!readingLog.remove(j)) {
        return; // left meanwhile
      }
      if (phase == Phase.CLOSED) {
        registry.join(j.session(), docId, j.since()); // unloaded meanwhile: a fresh owner takes it
        return;
      }
      List<Outgoing> older = new ArrayList<>();
      if (ar.succeeded()) {
        for (OpLogEntry e : ar.result()) {
          older.add(Outgoing.of(new Committed(e.seq(), e.author(), e.clientId(), e.clientSeq(), e.opsJson(), List.of())));
        }
      } else {
        LOG.warn("document {}: reading missed batches failed ({}); the joiner gets a snapshot", docId, ar.cause().toString());
      }
      joining.addFirst(j.withOlder(older));
      serveJoins();
      if (stopping) {
        finishStopIfIdle();
      }
    }));
  }

  /** What a joiner missed: from the tail, or the op log's batches then the tail; null: send a snapshot. */
  private List<Outgoing> missed(Joining j) {
    Long since = j.since();
    if (since == null) {
      return null;
    }
    List<Outgoing> fromTail = tailAfter(since);
    if (fromTail != null || j.older() == null || j.older().isEmpty()) {
      return fromTail;
    }
    long last = j.older().get(j.older().size() - 1).committed().seq();
    List<Outgoing> rest = tailAfter(last);
    if (j.older().get(0).committed().seq() != since + 1 || rest == null) {
      return null; // a gap: the tail moved on meanwhile
    }
    List<Outgoing> out = new ArrayList<>(j.older());
    out.addAll(rest);
    return out;
  }

  private String welcome(Session s, Joining j) {
    ObjectNode n = Wire.object("welcome");
    n.put("doc", docId.toString());
    n.put("tavolo", s.admission().tavoloId().toString());
    n.put("seq", committedSeq);
    List<Outgoing> missed = missed(j);
    if (missed != null) {
      ArrayNode ops = n.putArray("ops");
      for (Outgoing o : missed) {
        ops.add(Wire.batchFields(Wire.JSON.createObjectNode(), o.committed()));
      }
    } else {
      n.putRawValue("snapshot", new com.fasterxml.jackson.databind.util.RawValue(rendered().snapshot()));
    }
    n.putRawValue("authors", new com.fasterxml.jackson.databind.util.RawValue(rendered().authors()));
    n.put("mode", mode);
    n.put("locked", locked);
    LiveUser u = s.user();
    ObjectNode you = n.putObject("you");
    you.put("user", u.userId().toString());
    you.put("name", u.name());
    you.put("role", s.admission().role());
    you.put("org", u.orgId() == null ? null : u.orgId().toString());
    you.put("orgName", u.orgName());
    you.put("side", u.side());
    you.put("client", s.clientId());
    n.set("members", Wire.members(members()));
    ArrayNode p = n.putArray("presence");
    presence.values().forEach(x -> p.add(Wire.presence(x).without("type")));
    ObjectNode limits = n.putObject("limits");
    limits.put("maxMessageBytes", settings.maxMessageBytes());
    limits.put("presenceMillis", settings.presenceInterval().toMillis());
    return Wire.text(n);
  }

  /**
   * The document and its authorship as JSON, rendered once per committed state: every joiner
   * until the next commit gets the same text (a storm of joins does not serialise the document
   * once per join). The engine holds exactly the committed state whenever welcomes are made.
   */
  private Rendered rendered() {
    if (rendered == null || rendered.engine() != engine || rendered.seq() != committedSeq) {
      rendered = new Rendered(engine, committedSeq, Wire.text(engine.wireSnapshot()), Wire.text(engine.authors()));
    }
    return rendered;
  }

  private record Rendered(DocumentEngine engine, long seq, String snapshot, String authors) {
  }

  private Rendered rendered;

  private void onLeave(Session s) {
    if (!sessions.remove(s)) {
      joining.removeIf(j -> j.session() == s);
      readingLog.removeIf(j -> j.session() == s);
      return;
    }
    registry.left(this, s);
    if (byClient.get(s.clientId()) == s) {
      byClient.remove(s.clientId());
      unlist(s);
      unsentPresence.remove(s.clientId());
      if (presence.remove(s.clientId()) != null) {
        String gone = Wire.text(Wire.presence(new PresenceState(s.user().userId(), s.clientId(), NullNode.getInstance(), false, false)));
        sessions.forEach(x -> x.run(() -> x.deliverPresence(gone)));
      }
    }
    if (sessions.isEmpty()) {
      scheduleIdle();
    }
  }

  /** Adds a welcomed connection's client to the members list (guests of a read-only link watch unseen). */
  private void list(Session s) {
    LiveUser u = s.user();
    if (u.isViewer()) {
      return;
    }
    Listed l = roster.computeIfAbsent(u.userId(), k -> new Listed());
    String role = s.admission().role();
    boolean changed = l.clients.add(s.clientId()) || !role.equals(l.role) || l.user == null
        || !java.util.Objects.equals(l.user.name(), u.name());
    l.user = u;
    l.role = role;
    if (changed) {
      membersChanged(u.userId());
    }
  }

  /** Takes a connection's client off the members list (the person too, with their last client). */
  private void unlist(Session s) {
    LiveUser u = s.user();
    if (u == null || u.isViewer()) {
      return;
    }
    Listed l = roster.get(u.userId());
    if (l != null && l.clients.remove(s.clientId())) {
      if (l.clients.isEmpty()) {
        roster.remove(u.userId());
      }
      membersChanged(u.userId());
    }
  }

  private void membersChanged(UUID user) {
    membersVersion++;
    membersChanged.add(user);
    long now = System.nanoTime();
    if (membersTimer >= 0) {
      return;
    }
    long wait = MEMBERS_INTERVAL_MILLIS - (now - lastMembersFanOut) / 1_000_000;
    if (wait <= 0) {
      // at once after a quiet spell, but after the join's own welcome (queued on the joiner's context)
      membersTimer = 0;
      ctx.runOnContext(v -> {
        membersTimer = -1;
        fanOutMembers();
      });
    } else {
      membersTimer = vertx.setTimer(wait, t -> ctx.runOnContext(v -> {
        membersTimer = -1;
        fanOutMembers();
      }));
    }
  }

  private List<Member> members() {
    List<Member> out = new ArrayList<>(roster.size());
    roster.values().forEach(l -> out.add(l.member()));
    return out;
  }

  /**
   * One members message per connection for all the changes since the last one: the whole list,
   * or (to clients that announced {@code members_diff} and had the previous version) the entries
   * that changed and the people who left. Rendered once; one task per event loop.
   */
  private void fanOutMembers() {
    if (membersVersion == membersSentVersion) {
      return;
    }
    lastMembersFanOut = System.nanoTime();
    long from = membersSentVersion;
    long to = membersVersion;
    membersSentVersion = to;
    String full = Wire.membersMessage(members());
    List<Member> set = new ArrayList<>();
    List<UUID> gone = new ArrayList<>();
    for (UUID u : membersChanged) {
      Listed l = roster.get(u);
      if (l == null) {
        gone.add(u);
      } else {
        set.add(l.member());
      }
    }
    membersChanged.clear();
    String diff = Wire.membersDiff(set, gone);
    Map<Context, List<Session>> byContext = new HashMap<>();
    for (Session s : sessions) {
      byContext.computeIfAbsent(s.context(), k -> new ArrayList<>()).add(s);
    }
    byContext.forEach((c, list) -> c.runOnContext(v -> {
      for (Session s : list) {
        s.deliverMembers(from, to, full, diff);
      }
    }));
  }

  private void onPresence(Session s, PresenceState p) {
    if (!sessions.contains(s)) {
      return;
    }
    presence.put(s.clientId(), p);
    unsentPresence.put(s.clientId(), new PresenceOut(s.clientId(), Wire.text(Wire.presence(p))));
    scheduleFanOut();
  }

  // ---- submitting and committing ----

  private void onSubmit(Submission sub) {
    if (!sessions.contains(sub.origin())) {
      return; // the connection closed or was replaced: its client resends on the new one
    }
    if (stopping) {
      sub.origin().run(() -> sub.origin().reply(Wire.error(ErrorCode.UNAVAILABLE,
          "The server is stopping: resend this batch after reconnecting.", sub.clientSeq())));
      return;
    }
    ProposalSink sink = registry.proposals();
    if (sink != null && "proposal".equals(mode) && !locked && "member".equals(sub.role())) {
      propose(sub, sink);
      return;
    }
    queued.add(sub);
    flush();
  }

  /** A resend of a batch committed before the last one of its client: its seq is in the op log. */
  private void answerOldResend(Submission sub) {
    for (Iterator<Outgoing> it = tail.descendingIterator(); it.hasNext(); ) {
      Committed c = it.next().committed();
      if (c.clientId().equals(sub.clientId()) && c.clientSeq() == sub.clientSeq()
          && (sub.done() != null || c.author().equals(sub.author()))) {
        answerDuplicate(sub, c.seq(), c.notes());
        return;
      }
    }
    store.byClient(docId, sub.clientId(), sub.clientSeq()).onComplete(onOwner(ar -> {
      if (ar.failed()) {
        refuse(sub, ErrorCode.UNAVAILABLE, "Not answered (database unavailable): resend later.");
      } else if (ar.result().isEmpty()) {
        refuse(sub, ErrorCode.BAD_CLIENT_SEQ, "This clientSeq is older than your last committed batch and was "
            + "never committed (it had been refused).");
      } else if (sub.done() == null && !ar.result().get().author().equals(sub.author())) {
        // an id another user once wrote under (before ids were scoped): their ack is not ours to give
        refuse(sub, ErrorCode.CLIENT_TAKEN, "This client id is another user's: connect with a new one.");
      } else {
        answerDuplicate(sub, ar.result().get().seq(), List.of());
      }
    }));
  }

  /** Loads the op log's batches a late submission needs, then sequences again. */
  private void fetchHistory(Submission sub, DocumentEngine.NeedsHistory h) {
    holdFor(sub, store.range(docId, h.afterSeq(), h.upToSeq()), sub::withOlder);
  }

  /**
   * Reads the tavolo's organisations again, then sequences {@code sub} once more: a member
   * who joined, or a partner named, since the document loaded (maybe on another process).
   */
  private void fetchOrganisations(Submission sub) {
    holdFor(sub, registry.organisationsAt(docId), organisations -> {
      engine.setOrganisations(organisations);
      return sub.withFreshOrganisations();
    });
  }

  /**
   * The resend memory once overflowed and does not know this client: what it last committed
   * comes from the op log, so that a resend of it is answered, not applied twice.
   */
  private void lookUpClient(Submission sub) {
    holdFor(sub, store.lastBatchOf(docId, sub.clientId()), last -> {
      last.ifPresent(l -> engine.rememberClient(sub.clientId(), l.clientSeq(), l.seq(), l.author()));
      return sub.withClientLookedUp();
    });
  }

  /**
   * Holds the queue, with {@code sub} first, until {@code read} answers what it needs; then
   * sequences what {@code then} makes of it. A failed read refuses it: the client resends.
   */
  private <T> void holdFor(Submission sub, Future<T> read, java.util.function.Function<T, Submission> then) {
    holding = true;
    queued.addFirst(sub);
    read.onComplete(onOwner(ar -> {
      holding = false;
      if (queued.peekFirst() == sub) {
        queued.poll();
        if (ar.succeeded()) {
          queued.addFirst(then.apply(ar.result()));
        } else {
          refuse(sub, ErrorCode.UNAVAILABLE, "Not committed (database unavailable): resend it with the same clientSeq.");
        }
      }
      flush();
    }));
  }

  /** Sequences what is queued and commits it as one group, unless a commit is in flight. */
  private void flush() {
    if (phase != Phase.READY || inFlight != null || catchingUp) {
      return;
    }
    if (stopping) {
      finishStopIfIdle();
      return;
    }
    serveJoins();
    List<Pending> group = new ArrayList<>();
    while (!holding && !queued.isEmpty() && group.size() < settings.maxGroupBatches()) {
      Submission sub = queued.poll();
      if (!sub.clientLookedUp() && !engine.knowsClient(sub.clientId())) {
        lookUpClient(sub);
        continue;
      }
      DocumentEngine.Outcome out = sequence(sub);
      if (out instanceof DocumentEngine.Accepted a) {
        Committed c = new Committed(a.seq(), sub.author(), sub.clientId(), sub.clientSeq(), a.opsJson(), a.notes());
        group.add(new Pending(sub, Outgoing.of(c)));
      } else if (out instanceof DocumentEngine.Duplicate d) {
        if (d.seq() < 0) {
          answerOldResend(sub);
        } else {
          // when it is still in this group or in flight, the stream brings its ack
          answerDuplicate(sub, d.seq(), notesOf(d.seq()));
        }
      } else if (out instanceof DocumentEngine.NeedsHistory h) {
        fetchHistory(sub, h);
      } else if (out instanceof DocumentEngine.UnknownOrganisation u) {
        if (sub.organisationsFresh()) {
          refuse(sub, ErrorCode.INVALID_OP, "The batch names an organisation that is not at this tavolo ("
              + u.id() + "); the document is unchanged.");
        } else {
          fetchOrganisations(sub);
        }
      } else if (out instanceof DocumentEngine.Rejected r) {
        refuse(sub, r.code(), r.message());
      }
    }
    if (group.isEmpty()) {
      if (sessions.isEmpty()) {
        scheduleIdle();
      }
      return;
    }
    inFlight = group;
    List<OpLogEntry> rows = new ArrayList<>(group.size());
    for (Pending p : group) {
      Committed c = p.out().committed();
      rows.add(new OpLogEntry(docId, c.seq(), c.author(), c.clientId(), c.clientSeq(), null, c.opsJson()));
    }
    registry.committer().append(rows).onComplete(onOwner(ar -> committed(group, ar)));
  }

  private List<Committed.Note> notesOf(long seq) {
    for (Iterator<Outgoing> it = tail.descendingIterator(); it.hasNext(); ) {
      Committed c = it.next().committed();
      if (c.seq() == seq) {
        return c.notes();
      }
    }
    return List.of();
  }

  private DocumentEngine.Outcome sequence(Submission sub) {
    try {
      return engine.submit(sub.author(), sub.role(), sub.clientId(), sub.clientSeq(), sub.baseSeq(), sub.ops(),
          sub.at(), sub.older(), sub.strict(), sub.done() != null);
    } catch (RuntimeException e) {
      LOG.error("document {}: the engine failed on a batch", docId, e);
      return new DocumentEngine.Rejected(ErrorCode.INTERNAL, "The batch could not be applied; the document is unchanged.");
    }
  }

  private void committed(List<Pending> group, AsyncResult<Void> ar) {
    inFlight = null;
    if (ar.succeeded()) {
      List<Outgoing> out = new ArrayList<>(group.size());
      for (Pending p : group) {
        Outgoing o = p.out();
        committedSeq = o.committed().seq();
        remember(o);
        out.add(o);
        if (p.sub().done() != null) {
          p.sub().done().tryComplete(o.committed().seq());
        }
      }
      broadcast(out);
      registry.committed(docId, committedSeq);
      maybeSnapshot();
      catchUp();
      flush();
      return;
    }
    List<Submission> subs = group.stream().map(Pending::sub).toList();
    if (ar.cause() instanceof SeqConflictException && !stopping) {
      LOG.info("document {}: another process committed first; catching up and sequencing again", docId);
      for (int i = subs.size() - 1; i >= 0; i--) {
        queued.addFirst(subs.get(i));
      }
    } else {
      LOG.warn("document {}: commit of {} batches failed ({}); senders may resend", docId, subs.size(), ar.cause().toString());
      Set<String> failedClients = new HashSet<>();
      subs.forEach(s -> failedClients.add(s.clientId()));
      List<Submission> dropped = new ArrayList<>(subs);
      // a client's later batch may build on the failed one: it fails too
      queued.removeIf(q -> failedClients.contains(q.clientId()) && dropped.add(q));
      for (Submission s : dropped) {
        if (s.done() != null) {
          refuse(s, ErrorCode.UNAVAILABLE, "Not committed (database unavailable): try again.");
          continue;
        }
        Session to = byClient.getOrDefault(s.clientId(), s.origin());
        String err = Wire.error(ErrorCode.UNAVAILABLE,
            "Not committed (database unavailable): resend it with the same clientSeq.", s.clientSeq());
        to.run(() -> to.reply(err));
      }
    }
    if (stopping) {
      finishStopIfIdle();
      return;
    }
    phase = Phase.RELOADING;
    load(true);
  }

  private void remember(Outgoing o) {
    tail.add(o);
    while (tail.size() > settings.tailBatches()) {
      tail.poll();
    }
  }

  /** One task per connection per group: it writes the group in seq order. */
  /**
   * Committed batches go out: each sender's connection at once (its ack, after everything
   * committed before it that it has not had yet), everyone else with the next fan-out.
   */
  private void broadcast(List<Outgoing> group) {
    if (group.isEmpty()) {
      return;
    }
    unsent.addAll(group);
    List<Outgoing> upToNow = List.copyOf(unsent);
    Set<Session> senders = new HashSet<>();
    for (Outgoing o : group) {
      Session s = byClient.get(o.committed().clientId());
      if (s != null && sessions.contains(s) && senders.add(s)) {
        s.run(() -> s.deliverCommitted(upToNow));
      }
    }
    scheduleFanOut();
  }

  /**
   * Fans out at most once per {@code fanOutInterval}: the first event after a quiet spell at
   * once, later ones together at the end of the interval. A busy document's connections
   * then get one frame per interval (with the {@code batch} extension) instead of one per
   * batch and per cursor move, which is what bounds a large tavolo.
   */
  private void scheduleFanOut() {
    long interval = settings.fanOutInterval().toNanos();
    long now = System.nanoTime();
    // cursor moves never hold back batches: batches are paced on their own clock
    long due = (unsent.isEmpty() ? lastFanOut : lastOpsFanOut) + interval;
    if (interval == 0 || due <= now) {
      cancelFanOutTimer();
      fanOut();
      return;
    }
    if (fanOutTimer >= 0 && fanOutDue <= due) {
      return;
    }
    cancelFanOutTimer();
    fanOutDue = due;
    fanOutTimer = vertx.setTimer(Math.max(1, (due - now) / 1_000_000), t -> ctx.runOnContext(v -> {
      fanOutTimer = -1;
      fanOut();
    }));
  }

  private void cancelFanOutTimer() {
    if (fanOutTimer >= 0) {
      vertx.cancelTimer(fanOutTimer);
      fanOutTimer = -1;
    }
  }

  /** Fans out now what is waiting (tests: the end of {@link DocumentOwners#holdFanOut}). */
  void fanOutNow() {
    ctx.runOnContext(v -> {
      cancelFanOutTimer();
      fanOut();
    });
  }

  /** One task per event loop: it hands every connection there the batches and presence since the last fan-out. */
  private void fanOut() {
    if ((unsent.isEmpty() && unsentPresence.isEmpty()) || registry.fanOutHeld()) {
      return;
    }
    lastFanOut = System.nanoTime();
    if (!unsent.isEmpty()) {
      lastOpsFanOut = lastFanOut;
    }
    List<Outgoing> ops = List.copyOf(unsent);
    List<PresenceOut> cursors = List.copyOf(unsentPresence.values());
    unsent.clear();
    unsentPresence.clear();
    Map<Context, List<Session>> byContext = new HashMap<>();
    for (Session s : sessions) {
      byContext.computeIfAbsent(s.context(), k -> new ArrayList<>()).add(s);
    }
    byContext.forEach((c, list) -> c.runOnContext(v -> {
      for (Session s : list) {
        s.deliver(ops, cursors);
      }
    }));
  }

  /** The committed batches after {@code seq}, or null when the tail no longer reaches back there. */
  private List<Outgoing> tailAfter(long seq) {
    if (seq > committedSeq) {
      return null;
    }
    if (seq == committedSeq) {
      return List.of();
    }
    if (tail.isEmpty() || tail.peekFirst().committed().seq() > seq + 1) {
      return null;
    }
    List<Outgoing> out = new ArrayList<>();
    for (Outgoing o : tail) {
      if (o.committed().seq() > seq) {
        out.add(o);
      }
    }
    return out;
  }

  /** Every {@code snapshotEvery} batches, a snapshot: taken now (state == committed), written in the background. */
  private void maybeSnapshot() {
    if (committedSeq - lastSnapshotSeq < settings.snapshotEvery()) {
      return;
    }
    long seq = committedSeq;
    String state = engine.serialise();
    lastSnapshotSeq = seq;
    store.writeSnapshot(docId, seq, state).onFailure(err ->
        LOG.warn("document {}: snapshot at {} not written ({})", docId, seq, err.toString()));
  }

  // ---- unloading ----

  private void scheduleIdle() {
    if (idleTimer >= 0 || phase == Phase.CLOSED) {
      return;
    }
    idleTimer = vertx.setTimer(settings.ownerIdle().toMillis(), t -> ctx.runOnContext(v -> {
      idleTimer = -1;
      if (sessions.isEmpty() && joining.isEmpty() && queued.isEmpty() && inFlight == null && phase == Phase.READY) {
        phase = Phase.CLOSED;
        registry.remove(docId, this);
      }
    }));
  }

  private void cancelIdle() {
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
  }

  /** Completes on this owner's context whatever context the future completes on. */
  private <T> Handler<AsyncResult<T>> onOwner(Handler<AsyncResult<T>> h) {
    return ar -> {
      if (Vertx.currentContext() == ctx) {
        h.handle(ar);
      } else {
        ctx.runOnContext(v -> h.handle(ar));
      }
    };
  }

  // ---- for tests and metrics ----

  long committedSeq() {
    return committedSeq;
  }
}
