package it.tavolo.live.document;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import it.tavolo.core.sequencer.Mode;
import it.tavolo.db.GroupCommitter;
import it.tavolo.db.OpLogStore;
import it.tavolo.live.Admission;
import it.tavolo.live.LiveCounters;
import it.tavolo.live.LiveListener;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.LiveUser;
import it.tavolo.live.ProposalSink;
import it.tavolo.live.ServerBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open documents of this process: one {@link DocumentOwner} per document, created on
 * the first join (pinned to the joining connection's context) and dropped when idle.
 * The hooks to and from the other processes are in {@link ClusterHooks}.
 * Safe from any thread: the map is concurrent, the listeners are set once before connections
 * come, and each owner's own state is reached only through methods that hop onto its context.
 */
public final class DocumentOwners {
  private final Vertx vertx;
  private final OpLogStore store;
  private final java.util.function.Function<UUID, Future<java.util.Set<String>>> organisationsAt;
  private final java.util.function.Function<UUID, Future<java.util.Set<String>>> territoriAt;
  private final DocumentEngine.Factory engines;
  private final LiveSettings settings;
  /** Merged appends in flight at once: more only queue on the database's WAL flush. */
  private static final int COMMIT_CONCURRENCY = 2;

  private final ConcurrentHashMap<UUID, DocumentOwner> owners = new ConcurrentHashMap<>();
  private final GroupCommitter committer;
  /** The hooks to and from the other processes (live.cluster): their own class. */
  private final ClusterHooks hooks = new ClusterHooks(owners);
  private final LiveCounters counters;
  private volatile ProposalSink proposals;
  private final List<LiveListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public DocumentOwners(Vertx vertx, OpLogStore store, DocumentEngine.Factory engines, LiveSettings settings,
                        java.util.function.Function<UUID, Future<java.util.Set<String>>> organisationsAt,
                        java.util.function.Function<UUID, Future<java.util.Set<String>>> territoriAt,
                        LiveCounters counters) {
    this.counters = counters;
    this.organisationsAt = organisationsAt;
    this.territoriAt = territoriAt;
    this.vertx = vertx;
    this.store = store;
    this.engines = engines;
    this.settings = settings;
    this.committer = new GroupCommitter(store, COMMIT_CONCURRENCY, 4 * settings.maxGroupBatches());
  }

  /** The organisations at a document's tavolo (members' and partners'): what its batches may name. */
  Future<java.util.Set<String>> organisationsAt(UUID docId) {
    return organisationsAt.apply(docId);
  }

  /** The territori of a document's tavolo: what its budget lines may name. */
  Future<java.util.Set<String>> territoriAt(UUID docId) {
    return territoriAt.apply(docId);
  }

  /** Every owner's group goes through here: concurrent groups of several documents share one transaction. */
  GroupCommitter committer() {
    return committer;
  }

  /** A connection asks to join; called on its context. */
  public void join(Participant s, UUID docId, Long since) {
    DocumentOwner o = owners.get(docId);
    if (o == null) {
      boolean[] made = new boolean[1];
      o = owners.computeIfAbsent(docId, id -> {
        made[0] = true;
        return new DocumentOwner(id, vertx.getOrCreateContext(), vertx, store, engines, settings, this);
      });
      if (made[0]) {
        hooks.loaded(docId);
      }
    }
    o.join(s, since);
  }

  /**
   * Commits a batch the server writes itself (an accepted integration, a restore) through the
   * same sequencing and group commit as clients' batches; sessions get it as a normal
   * {@code ops} message. Completes with its seq (also when (clientId, clientSeq) was committed
   * before); fails with a {@link it.tavolo.core.Refusal} ({@code locked}, {@code integration_conflict},
   * {@code invalid_op}, {@code unavailable}...). {@code mode}/{@code locked}: the document's row
   * as the caller just read it.
   */
  public Future<Long> commit(UUID docId, ServerBatch batch, String mode, boolean locked) {
    io.vertx.core.Promise<Long> done = io.vertx.core.Promise.promise();
    submitServer(docId, batch, Mode.parse(mode), locked, done);
    return done.future();
  }

  void submitServer(UUID docId, ServerBatch batch, Mode mode, boolean locked, io.vertx.core.Promise<Long> done) {
    owners.computeIfAbsent(docId, id -> new DocumentOwner(id, vertx.getOrCreateContext(), vertx, store, engines,
        settings, this)).submitServer(batch, mode, locked, done);
  }

  /** Where members' submits go in proposal mode (null: they are refused with {@code forbidden}). */
  public void setProposalSink(ProposalSink sink) {
    this.proposals = sink;
  }

  ProposalSink proposals() {
    return proposals;
  }

  /** The documents loaded in this process. */
  public java.util.Set<UUID> loadedDocuments() {
    return java.util.Set.copyOf(owners.keySet());
  }

  void remove(UUID docId, DocumentOwner owner) {
    owners.remove(docId, owner);
  }

  /** The HTTP layer changed a document's mode or lock: open sessions learn it at once (in every process). */
  public void documentChanged(UUID docId, String mode, boolean locked) {
    hooks.documentChangedElsewhere(docId, mode, locked);
    hooks.documentChanged(docId, mode, locked);
  }

  /**
   * A member's role changed or they left the tavolo: their connections to its documents (in
   * every process) read their rights again now rather than at the next periodic recheck.
   */
  public void membershipChanged(UUID tavoloId, UUID userId) {
    hooks.membershipChangedElsewhere(tavoloId, userId);
    hooks.membershipChanged(tavoloId, userId);
  }

  /** A token or session was revoked (a logout): every connection checks its own at once. */
  public void revoked() {
    owners.values().forEach(o -> o.audience.recheckRevocations());
  }

  /** Open WebSocket connections. */
  public int connections() {
    return counters.connections();
  }

  /**
   * For tests: while held, no document of this process fans out (committed batches wait in
   * their owner, as they do between two paced fan-outs, only as long as the test wants), so a
   * test can drive the order of a fan-out and a slow connection's catch-up exactly. Senders
   * still get their acks. Never set outside tests.
   */
  private volatile boolean fanOutHeld;

  public void holdFanOut() {
    fanOutHeld = true;
  }

  /** Ends {@link #holdFanOut}: every document fans out what it held, now. */
  public void releaseFanOut() {
    fanOutHeld = false;
    owners.values().forEach(o -> o.ctx.runOnContext(v -> o.fanOut.now()));
  }

  boolean fanOutHeld() {
    return fanOutHeld;
  }

  /** Connections the server is holding batches back from because their socket is full. */
  public int lagging() {
    return counters.lagging();
  }

  /** Hears every connection join and leave a document of this process. */
  public void listen(LiveListener listener) {
    listeners.add(listener);
  }

  void joined(DocumentOwner owner, Participant s) {
    if (!listeners.isEmpty()) {
      LiveListener.Connection c = connection(owner, s);
      listeners.forEach(l -> l.joined(c));
    }
  }

  void left(DocumentOwner owner, Participant s) {
    if (!listeners.isEmpty()) {
      LiveListener.Connection c = connection(owner, s);
      listeners.forEach(l -> l.left(c));
    }
  }

  private static LiveListener.Connection connection(DocumentOwner owner, Participant s) {
    LiveUser u = s.user();
    Admission a = s.admission();
    return new LiveListener.Connection(s.id(), owner.docId, a.tavoloId(), u.userId(), u.name(), u.orgId(), u.orgName(),
        u.side(), a.roleWire(), u.viewerLink(), s.clientId());
  }

  // ---- the other processes (live.cluster; docs/architecture.md, "Scaling out") ----

  /** Where the cluster layer plugs in: the hooks out to the other processes and the way in from them. */
  public ClusterHooks clusterHooks() {
    return hooks;
  }

  /** The connections of live other processes to a tavolo's documents (none without a cluster). */
  public Future<List<LiveListener.Connection>> connectedElsewhere(UUID tavoloId) {
    return hooks.connected(tavoloId);
  }

  /**
   * Sends a server message to everyone connected to a tavolo's documents through the other
   * processes (a seduta announcement); this process's own connections are the caller's.
   */
  public void announceElsewhere(UUID tavoloId, String message) {
    hooks.announce(tavoloId, message);
  }

  /** The process that swept a dead one tells the listeners (the register) of each of its connections. */
  public void lost(LiveListener.Connection c) {
    listeners.forEach(l -> l.lost(c));
  }

  /** Sends a server message (JSON text) to every connection of a loaded document in this process. */
  public void broadcast(UUID docId, String message) {
    DocumentOwner o = owners.get(docId);
    if (o != null) {
      o.audience.announce(message);
    }
  }

  /**
   * Sends a server message to every connection of a document in every process (other
   * processes hear it through the cluster's NOTIFY): the integrations panel's updates.
   */
  public void broadcastEverywhere(UUID docId, String message) {
    broadcast(docId, message);
    hooks.message("d" + docId, message);
  }

  /** Sends a server message to every connection of a user, in every process (a notification). */
  public void toUser(UUID userId, String message) {
    toUserHere(userId, message);
    hooks.message("u" + userId, message);
  }

  /** Sends a server message to the user's connections in this process. */
  public void toUserHere(UUID userId, String message) {
    owners.values().forEach(o -> o.audience.toUser(userId, message));
  }

  /** Closes, in this process, every connection opened through these read-only links. */
  public void closeViewers(java.util.Collection<UUID> links) {
    if (links.isEmpty()) {
      return;
    }
    java.util.Set<UUID> set = java.util.Set.copyOf(links);
    owners.values().forEach(o -> o.audience.closeViewers(set, "The viewer link was revoked."));
  }

  /** Documents currently loaded (for /metrics and tests). */
  public int loaded() {
    return owners.size();
  }

  /** The committed seq of a loaded document, or -1 (tests). */
  public long committedSeq(UUID docId) {
    DocumentOwner o = owners.get(docId);
    return o == null ? -1 : o.state.seq();
  }

  /** Closes every connection with {@code going_away}. */
  public Future<Void> shutdown() {
    List<Future<Void>> all = new ArrayList<>();
    owners.values().forEach(o -> all.add(o.unloading.shutdown()));
    return Future.all(all).mapEmpty();
  }
}
