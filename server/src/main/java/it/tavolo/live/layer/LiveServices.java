package it.tavolo.live.layer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;
import it.tavolo.db.OpLogStore;
import it.tavolo.db.OrganisationStore;
import it.tavolo.live.LiveCounters;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.ViewerGate;
import it.tavolo.live.ProposalSink;
import it.tavolo.live.cluster.PgNotifyBus;
import it.tavolo.live.document.CoreEngine;
import it.tavolo.live.document.DocumentOwners;
import it.tavolo.live.session.AccountsGate;
import it.tavolo.live.session.JoinGuards;
import it.tavolo.live.session.JoinLimits;
import it.tavolo.live.session.LiveEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The live layer of one running server: the op log, the open documents and the endpoint. App
 * builds it with the accounts layer it needs and hands it to the layers that reach the open
 * documents (locking a document over HTTP, the record and sedute layers). Immutable after
 * construction; its parts state their own threading.
 */
public final class LiveServices {
  private static final Logger LOG = LoggerFactory.getLogger(LiveServices.class);

  private final LiveSettings settings;
  private final OpLogStore store;
  private final DocumentOwners owners;
  private final LiveEndpoint endpoint;
  private final AccountsGate gate;
  private final LiveCounters counters = new LiveCounters();

  public LiveServices(AppContext app, AuthServices auth) {
    this.settings = LiveSettings.from(environment());
    this.store = new OpLogStore(app.pool());
    this.owners = new DocumentOwners(app.vertx(), store, new CoreEngine.Factory(settings.tailBatches(), settings.maxRememberedClients()), settings,
        new OrganisationStore(app.pool())::idsAtDocument, new it.tavolo.db.TerritorioStore(app.pool())::atDocument, counters);
    this.gate = new AccountsGate(auth);
    // demotions, removals and logouts reach open connections at once, not at the next poll
    auth.memberships().onChanged(owners::membershipChanged);
    auth.revocations().onRevoked(id -> owners.revoked());
    this.endpoint = new LiveEndpoint(app.vertx(), settings, gate, new JoinGuards(JoinLimits.from(environment())), owners,
        counters, () -> allowedOrigins(app));
    MeterRegistry m = app.metrics();
    Gauge.builder("tavolo.live.connections", owners, DocumentOwners::connections)
        .description("open WebSocket connections").register(m);
    Gauge.builder("tavolo.live.lagging", owners, DocumentOwners::lagging)
        .description("connections whose socket is full: batches held back, dropped as slow_consumer after the grace")
        .register(m);
    Gauge.builder("tavolo.live.documents", owners, DocumentOwners::loaded)
        .description("documents loaded in this process").register(m);
    io.micrometer.core.instrument.Timer commit = io.micrometer.core.instrument.Timer.builder("tavolo.oplog.commit")
        .description("one op-log append: round trip to PostgreSQL and its durable commit")
        .publishPercentiles(0.5, 0.99, 0.999)
        .register(m);
    store.onAppend(nanos -> commit.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
    io.micrometer.core.instrument.Timer ack = io.micrometer.core.instrument.Timer.builder("tavolo.live.ack")
        .description("a submit's arrival to its ack being written: sequencing, commit, reply")
        .publishPercentiles(0.5, 0.99, 0.999)
        .register(m);
    counters.onAck(nanos -> ack.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS));
    FunctionCounter.builder("tavolo.oplog.batches", store, OpLogStore::appendedBatches)
        .description("batches committed to the op log").register(m);
    FunctionCounter.builder("tavolo.oplog.commits", store, OpLogStore::appendTransactions)
        .description("op log transactions (a group commit writes many batches in one)").register(m);
    // runs after the HTTP server stopped and before the pool closes: commits in flight finish
    app.onStop(() -> owners.shutdown().map(x -> (Object) null));
    if (PgNotifyBus.enabled(app, environment())) {
      // other processes share the database: tell them about our commits, hear about theirs
      // how long a process that stopped renewing its lease still counts as alive (docs/architecture.md)
      int lease = Math.max(1, LiveSettings.intOf(environment(), "TAVOLO_CLUSTER_LEASE_SECONDS", 10));
      Future<PgNotifyBus> bus = PgNotifyBus.start(app, owners, lease);
      bus.onFailure(err -> LOG.warn("cluster: LISTEN failed ({}); other processes' batches arrive by polling only",
          err.toString()));
      app.onStop(() -> bus.compose(PgNotifyBus::close).otherwiseEmpty());
    }
  }

  /** TAVOLO_PUBLIC_ORIGIN; without it, the local origin under its loopback names. */
  private static java.util.Set<String> allowedOrigins(AppContext app) {
    if (app.config().publicOrigin() != null) {
      return java.util.Set.of(app.publicOrigin());
    }
    int port = app.port();
    return java.util.Set.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port);
  }

  private static Map<String, String> environment() {
    return it.tavolo.config.Environment.withSystemProperties();
  }

  public LiveSettings settings() {
    return settings;
  }

  public OpLogStore store() {
    return store;
  }

  public DocumentOwners owners() {
    return owners;
  }

  /** Where members' submits go in proposal mode (the record layer's integrations); set once, before connections come. */
  public void proposals(ProposalSink sink) {
    owners.setProposalSink(sink);
  }

  /** Lets guests of read-only links in (hello with {@code viewer}); the sedute layer provides it. */
  public void viewers(ViewerGate viewers) {
    gate.viewers(viewers);
  }

  public LiveEndpoint endpoint() {
    return endpoint;
  }

  Future<Void> shutdown() {
    return owners.shutdown();
  }
}
