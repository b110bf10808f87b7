package it.tavolo.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;
import it.tavolo.db.OpLogStore;
import it.tavolo.db.OrganisationStore;
import it.tavolo.live.cluster.PgNotifyBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * The live layer of one running server: the op log, the open documents and the endpoint.
 * Other layers (locking a document over HTTP) reach the open documents through
 * {@link #of(AppContext)}{@code .owners()}.
 */
public final class LiveServices {
  private static final Logger LOG = LoggerFactory.getLogger(LiveServices.class);
  private static final Map<AppContext, LiveServices> BY_APP = new WeakHashMap<>();

  private final LiveSettings settings;
  private final OpLogStore store;
  private final DocumentOwners owners;
  private final LiveEndpoint endpoint;
  private final AccountsGate gate;

  private LiveServices(AppContext app) {
    this.settings = LiveSettings.from(environment());
    this.store = new OpLogStore(app.pool());
    this.owners = new DocumentOwners(app.vertx(), store, new CoreEngine.Factory(settings.tailBatches(), settings.maxRememberedClients()), settings,
        new OrganisationStore(app.pool())::idsAtDocument);
    owners.limits(JoinLimits.from(environment()));
    this.gate = new AccountsGate(AuthServices.of(app));
    // demotions, removals and logouts reach open connections at once, not at the next poll
    AuthServices.of(app).memberships().onChanged(owners::membershipChanged);
    AuthServices.of(app).revocations().onRevoked(id -> owners.revoked());
    this.endpoint = new LiveEndpoint(app.vertx(), settings, gate, owners, () -> allowedOrigins(app));
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
    owners.ackNanos = nanos -> ack.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    FunctionCounter.builder("tavolo.oplog.batches", store, OpLogStore::appendedBatches)
        .description("batches committed to the op log").register(m);
    FunctionCounter.builder("tavolo.oplog.commits", store, OpLogStore::appendTransactions)
        .description("op log transactions (a group commit writes many batches in one)").register(m);
  }

  public static synchronized LiveServices of(AppContext app) {
    return BY_APP.computeIfAbsent(app, a -> {
      LiveServices s = new LiveServices(a);
      // runs after the HTTP server stopped and before the pool closes: commits in flight finish
      a.onStop(() -> s.owners.shutdown().map(x -> (Object) null));
      if (PgNotifyBus.enabled(a, environment())) {
        // other processes share the database: tell them about our commits, hear about theirs
        Future<PgNotifyBus> bus = PgNotifyBus.start(a, s.owners);
        bus.onFailure(err -> LOG.warn("cluster: LISTEN failed ({}); other processes' batches arrive by polling only",
            err.toString()));
        a.onStop(() -> bus.compose(PgNotifyBus::close).otherwiseEmpty());
      }
      return s;
    });
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

  /** Lets guests of read-only links in (hello with {@code viewer}); the sedute layer provides it. */
  public void viewers(ViewerGate viewers) {
    gate.viewers(viewers);
  }

  LiveEndpoint endpoint() {
    return endpoint;
  }

  Future<Void> shutdown() {
    return owners.shutdown();
  }
}
