package it.tavolo.live.document;

import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Mode;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import it.tavolo.db.OpLogEntry;
import it.tavolo.db.OpLogStore;
import it.tavolo.live.Committed;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.ProposalSink;
import it.tavolo.live.ServerBatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one owner of an open document in this process, pinned to one Vert.x context: every
 * field here and in its parts (joins, audience, roster, fan-out, tail, loader) is touched only
 * there; the methods other contexts call hop onto it.
 *
 * <p>It keeps the queue, the phase and the commit loop. Submissions queue up while a group is
 * being committed. When the database is free, the owner sequences everything queued
 * (transform, validate, apply: the core's sequencer), writes the accepted batches with ONE
 * insert (group commit), and only when that commit succeeds acks each sender and broadcasts
 * to everyone else, in seq order. So between commits the engine's state is exactly the
 * committed state: welcomes and snapshots are taken then.
 *
 * <p>When a commit fails, nothing of the group is acked ({@link FailedCommit}): on a seq conflict (another process
 * committed to this document) the owner reloads from the op log, broadcasts what the other
 * process wrote, and sequences the group again; on any other failure the senders get
 * {@code unavailable} and the owner reloads from the log (a commit whose outcome was unknown
 * is then found there, and its resend is acked, never applied twice).
 */
final class DocumentOwner {
  private enum Phase { LOADING, READY, RELOADING, CLOSED }

  /** A sequenced batch in the group being committed. */
  private record Pending(SubmitRequest sub, RenderedBatch out) {
  }

  final UUID docId;
  final Context ctx;
  final Vertx vertx;
  final OpLogStore store;
  final LiveSettings settings;
  final DocumentOwners registry;
  final Connections connections = new Connections();
  final CommittedTail tail;
  final CommittedState state;
  final Roster roster;
  final FanOut fanOut;
  final Joins joins;
  final Audience audience;
  final OtherProcesses others;
  /** What a joined connection is handed. */
  final OpenDocument open = new OpenDocument(this);
  final Unloading unloading;
  /** This document's people in the other server processes. */
  final Elsewhere elsewhere;
  private final Sequencing sequencing;
  private final Loader loader;

  private Phase phase = Phase.LOADING;

  private final ArrayDeque<SubmitRequest> queued = new ArrayDeque<>();
  private List<Pending> inFlight;
  /** Reading what the first queued submission needs (see holdFor): nothing is sequenced meanwhile. */
  private boolean holding;

  DocumentOwner(UUID docId, Context ctx, Vertx vertx, OpLogStore store, DocumentEngine.Factory engines,
                LiveSettings settings, DocumentOwners registry) {
    this.docId = docId;
    this.ctx = ctx;
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    this.registry = registry;
    this.tail = new CommittedTail(settings.tailBatches());
    this.state = new CommittedState(docId, store, settings, tail);
    this.roster = new Roster(ctx, vertx, connections);
    this.fanOut = new FanOut(ctx, vertx, settings.fanOutInterval(), connections, registry::fanOutHeld);
    this.joins = new Joins(this);
    this.audience = new Audience(this);
    this.others = new OtherProcesses(this);
    this.elsewhere = new Elsewhere(this);
    this.unloading = new Unloading(this);
    this.sequencing = new Sequencing(this);
    this.loader = new Loader(docId, ctx, vertx, store, engines, settings.tailBatches(), registry::organisationsAt);
    ctx.runOnContext(v -> load(false));
  }

  // ---- entry points (any context); a connection's own are in OpenDocument ----

  void join(Participant p, Long since) {
    ctx.runOnContext(v -> joins.onJoin(p, since));
  }

  /**
   * A batch written by the server itself, sequenced and committed like a client's and
   * broadcast as an {@code ops} message to every connection. {@code docMode}/{@code docLocked}
   * are the document's row as the caller just read it (used when no connection brought them).
   */
  void submitServer(ServerBatch b, Mode docMode, boolean docLocked, Promise<Long> done) {
    SubmitRequest sub = SubmitRequest.fromServer(b, done);
    ctx.runOnContext(v -> {
      if (unloading.stopping()) {
        sub.refuse(ErrorCode.UNAVAILABLE, "The server is stopping: try again shortly.");
        return;
      }
      if (phase == Phase.CLOSED) {
        registry.submitServer(docId, b, docMode, docLocked, done); // unloaded meanwhile: a fresh owner takes it
        return;
      }
      unloading.cancelIdle();
      if (connections.isEmpty() && joins.noneWaiting()) {
        state.setFlags(docMode, docLocked);
      }
      queued.add(sub);
      flush();
    });
  }

  // ---- what the parts read (owner's context) ----

  /** Ready and no commit in flight: the engine holds exactly the committed state. */
  boolean betweenCommits() {
    return phase == Phase.READY && inFlight == null;
  }

  boolean ready() {
    return phase == Phase.READY;
  }

  boolean closed() {
    return phase == Phase.CLOSED;
  }

  boolean stopping() {
    return unloading.stopping();
  }

  // ---- the commit loop ----

  void onSubmit(SubmitRequest sub) {
    if (!connections.contains(sub.origin())) {
      return; // the connection closed or was replaced: its client resends on the new one
    }
    if (unloading.stopping()) {
      sub.refuse(ErrorCode.UNAVAILABLE, "The server is stopping: resend this batch after reconnecting.");
      return;
    }
    ProposalSink sink = registry.proposals();
    if (sink != null && state.mode() == Mode.PROPOSAL && !state.locked() && sub.role() == Role.MEMBER) {
      Proposals.propose(this, sub, sink);
      return;
    }
    queued.add(sub);
    flush();
  }

  /** Sequences what is queued and commits it as one group, unless a commit is in flight. */
  void flush() {
    if (phase != Phase.READY || inFlight != null || others.reading()) {
      return;
    }
    if (unloading.stopping()) {
      unloading.finishIfIdle();
      return;
    }
    joins.serve();
    List<Pending> group = new ArrayList<>();
    while (!holding && !queued.isEmpty() && group.size() < settings.maxGroupBatches()) {
      SubmitRequest sub = queued.poll();
      RenderedBatch out = sequencing.sequence(sub);
      if (out != null) {
        group.add(new Pending(sub, out));
      }
    }
    if (group.isEmpty()) {
      if (connections.isEmpty()) {
        unloading.scheduleIdle();
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

  /**
   * Holds the queue, with {@code sub} first, until {@code read} answers what it needs; then
   * sequences what {@code then} makes of it. A failed read refuses it: the client resends.
   */
  <T> void holdFor(SubmitRequest sub, Future<T> read, Function<T, SubmitRequest> then) {
    holding = true;
    queued.addFirst(sub);
    read.onComplete(onOwner(ar -> {
      holding = false;
      if (queued.peekFirst() == sub) {
        queued.poll();
        if (ar.succeeded()) {
          queued.addFirst(then.apply(ar.result()));
        } else {
          sub.refuse(ErrorCode.UNAVAILABLE, "Not committed (database unavailable): resend it with the same clientSeq.");
        }
      }
      flush();
    }));
  }

  private void committed(List<Pending> group, AsyncResult<Void> ar) {
    inFlight = null;
    if (ar.succeeded()) {
      List<RenderedBatch> out = new ArrayList<>(group.size());
      for (Pending p : group) {
        RenderedBatch o = p.out();
        state.committed(o);
        out.add(o);
        p.sub().committed(o.seq());
      }
      fanOut.committed(out);
      registry.clusterHooks().committed(docId, state.seq());
      state.maybeSnapshot();
      others.catchUp();
      flush();
      return;
    }
    List<SubmitRequest> subs = group.stream().map(Pending::sub).toList();
    FailedCommit.handle(docId, subs, ar.cause(), unloading.stopping(), queued, connections);
    if (unloading.stopping()) {
      unloading.finishIfIdle();
      return;
    }
    reload();
  }

  // ---- loading ----

  void reload() {
    phase = Phase.RELOADING;
    load(true);
  }

  private void load(boolean reload) {
    loader.load(reload ? state.seq() : -1, loaded -> loaded(loaded, reload), err -> unloading.giveUp());
  }

  private void loaded(Loader.Loaded l, boolean reload) {
    fanOut.committed(state.install(l, reload));
    phase = Phase.READY;
    state.maybeSnapshot();
    flush();
  }

  // ---- ending (Unloading) ----

  /** Nobody here, nothing queued or committing: the idle timer may unload it. */
  boolean idle() {
    return connections.isEmpty() && joins.noneWaiting() && queued.isEmpty() && inFlight == null && phase == Phase.READY;
  }

  /** Nothing is being committed or loaded. */
  boolean settled() {
    return inFlight == null && phase != Phase.LOADING && phase != Phase.RELOADING;
  }

  void unload() {
    phase = Phase.CLOSED;
    registry.remove(docId, this);
  }

  void refuseQueued(ErrorCode code, String message) {
    for (SubmitRequest s : queued) {
      s.refuse(code, message);
    }
    queued.clear();
  }

  /** Completes on this owner's context whatever context the future completes on. */
  <T> Handler<AsyncResult<T>> onOwner(Handler<AsyncResult<T>> h) {
    return OnContext.of(ctx, h);
  }
}
