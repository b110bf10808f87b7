package it.tavolo;

import it.tavolo.config.Config;
import it.tavolo.config.DatabaseUrl;
import it.tavolo.db.Database;
import it.tavolo.db.EmbeddedDatabase;
import it.tavolo.db.Migrations;
import it.tavolo.demo.DemoSeed;
import it.tavolo.auth.AuthServices;
import it.tavolo.export.ExportRoutes;
import it.tavolo.files.FileRoutes;
import it.tavolo.http.AccountsRoutes;
import it.tavolo.http.HttpApi;
import it.tavolo.imports.ImportRoutes;
import it.tavolo.live.layer.LiveRoutes;
import it.tavolo.live.layer.LiveServices;
import it.tavolo.record.RecordRoutes;
import it.tavolo.record.RecordServices;
import it.tavolo.sedute.SeduteRoutes;
import it.tavolo.sedute.SeduteServices;
import it.tavolo.sedute.ViewerRoutes;
import it.tavolo.sedute.CalendarFeedRoutes;
import it.tavolo.notify.NotifyRoutes;
import it.tavolo.notify.NotifyServices;
import it.tavolo.threads.ThreadsToInbox;
import it.tavolo.templates.CopyRoutes;
import it.tavolo.web.Routes;
import it.tavolo.threads.ThreadRoutes;
import it.tavolo.threads.ThreadSettings;
import it.tavolo.threads.Threads;
import it.tavolo.config.Environment;
import it.tavolo.templates.TemplateRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server as an object: {@link #start(Config)} brings up Vert.x, the database
 * (embedded or external), migrations, the demo seed and the HTTP server; {@link #stop()} takes
 * them down in reverse order. Main uses it, and so do tests (several Apps can run in one JVM,
 * each with its own Vert.x, pool and metrics registry).
 */
public final class App {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  private static final long START_TIMEOUT_SECONDS = 180;
  private static final int EVENT_LOOPS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  private final Config config;
  private final List<Routes> extraRoutes;
  private final Vertx vertx;
  private final PrometheusMeterRegistry metrics;
  private volatile EmbeddedDatabase embedded;
  private volatile Pool pool;
  private volatile AppContext ctx;
  private volatile HttpServer server;
  private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Slow connections: the request-head deadline and the connection cap, shared by every event loop's server. */
  private volatile it.tavolo.web.ConnectionGuard guard;
  private volatile DatabaseUrl databaseUrl;
  private volatile AuthServices auth;
  private volatile LiveServices live;
  private boolean stopped;

  private App(Config config, List<Routes> extraRoutes) {
    this.config = config;
    this.extraRoutes = List.copyOf(extraRoutes);
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Set<Label> labels = new HashSet<>(MicrometerMetricsOptions.DEFAULT_LABELS);
    labels.addAll(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_NAME));
    MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(labels);
    this.vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metricsOptions))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();
  }

  /**
   * Starts everything and returns once the HTTP server listens. Blocks the calling thread
   * (never call it from an event loop); on failure everything already started is stopped again
   * and the cause is thrown.
   */
  public static App start(Config config) {
    return start(config, List.of());
  }

  /** As {@link #start(Config)}, with routes mounted after the features' (tests add probes this way). */
  public static App start(Config config, List<Routes> extraRoutes) {
    App app = new App(config, extraRoutes);
    try {
      app.launch().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return app;
    } catch (Throwable e) {
      try {
        app.stop();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("tavolo did not start: " + e.getMessage(), e);
    }
  }

  private Future<Void> launch() {
    log.atInfo().addKeyValue("config", config).log("starting tavolo");
    return vertx.executeBlocking(() -> {
          if (config.embeddedDatabase()) {
            embedded = EmbeddedDatabase.start(config.dataDir());
            return embedded.url();
          }
          return DatabaseUrl.parse(config.databaseUrl());
        })
        .compose(url -> {
          databaseUrl = url;
          Duration wait = config.embeddedDatabase() ? Duration.ZERO : config.dbWait();
          return vertx.executeBlocking(() -> Migrations.migrate(url, wait));
        })
        .compose(version -> {
          pool = Database.pool(vertx, databaseUrl, config.dbPoolSize());
          ctx = new AppContext(vertx, config, pool, metrics);
          return config.demo() ? DemoSeed.run(ctx) : Future.succeededFuture();
        })
        .compose(seeded -> {
          HttpServerOptions options = new HttpServerOptions()
              .setPort(config.port())
              .setHost(config.host())
              .setCompressionSupported(true)
              // /ws answers a too-large message with an error itself (docs/protocol.md); the
              // transport only cuts what is far beyond that
              .setMaxWebSocketFrameSize(it.tavolo.live.LiveSettings.TRANSPORT_MAX_BYTES)
              .setMaxWebSocketMessageSize(it.tavolo.live.LiveSettings.TRANSPORT_MAX_BYTES)
              // No WebSocket compression (docs/security.md, "Compression bombs"): those limits
              // count compressed bytes, and Vert.x 5.0.10 inflates a whole message with no bound
              // (it gives Netty's deflate decoder no maxAllocation), so 255 KiB could become
              // 256 MiB on an event loop. Without the extension a compressed frame (RSV1) is a
              // protocol error, closed with 1002 before anything is inflated.
              .setPerMessageWebSocketCompressionSupported(false)
              .setPerFrameWebSocketCompressionSupported(false);
          // slow connections (docs/security.md): a deadline for each request head, an idle timeout, a cap
          it.tavolo.config.HttpLimits limits = it.tavolo.config.HttpLimits.from(it.tavolo.config.Environment.withSystemProperties());
          options.setIdleTimeout((int) Math.max(1, limits.idleTimeout().toSeconds()));
          // without h2c, a connection is set up (and its head deadline starts) as it opens; with it,
          // Vert.x reads the whole head (to look for an h2c upgrade) before anything can time it
          options.setHttp2ClearTextEnabled(false);
          guard = new it.tavolo.web.ConnectionGuard(vertx, limits);
          return listenOnEveryEventLoop(options, guard.around(HttpApi.router(ctx, layers(), extraRoutes)));
        })
        .map(s -> {
          server = s;
          ctx.bound(s.actualPort());
          log.atInfo().addKeyValue("url", ctx.publicOrigin()).addKeyValue("port", s.actualPort())
              .addKeyValue("database", config.embeddedDatabase() ? "embedded" : databaseUrl.redacted())
              .addKeyValue("demo", config.demo()).log("tavolo ready");
          return null;
        });
  }

  /**
   * One HTTP server per event loop, sharing the port: Vert.x hands each new connection to the
   * next one in turn. A single server would run every connection (and so every WebSocket
   * session, and the documents their first joiner opened) on one event loop, one core.
   * Port 0 becomes -1, Vert.x's way of sharing one random port between servers.
   */
  /**
   * Builds the layers, each given what it needs, and lists their routes in mounting order.
   * The order of construction is the order of the stop hooks, run newest first: the sedute
   * layer's viewer-link poll stops, then the live layer finishes its commits in flight (and
   * leaves the cluster), then the accounts layer's revocation poll stops.
   */
  private List<Routes> layers() {
    auth = new AuthServices(ctx);
    live = new LiveServices(ctx, auth);
    // notifications go live to the user's open connections, in every process
    NotifyServices notify = new NotifyServices(ctx, live.owners()::toUser);
    RecordServices record = new RecordServices(ctx, auth, live, notify.notifications());
    // the approved verbale enters the audit chain
    SeduteServices sedute = new SeduteServices(ctx, auth, live, notify.notifications(), record.audit());
    live.proposals(record.proposalSink()); // a member's submit in proposal mode becomes an integration
    // comments become notifications (inbox, email) in the comment's own transaction
    Threads threads = new Threads(ctx, auth, record.history(), live.store(), live.owners(),
        new ThreadsToInbox(notify.notifications()),
        ThreadSettings.from(Environment.withSystemProperties()));
    FileRoutes files = new FileRoutes(record);
    return List.of(
        new ViewerRoutes(sedute), // open: a viewer link's secret is its credential
        new CalendarFeedRoutes(sedute), // open: a calendar feed's secret is its credential
        files.viewerRoutes(), // open too: the tavolo's public files, for a viewer link
        new AccountsRoutes(auth, record.audit()), // first: its token check guards every /api route mounted after it
        new LiveRoutes(live), // GET /ws (its token comes in the hello)
        new NotifyRoutes(notify), // the caller's inbox, email choices and mail (docs/api.md)
        new RecordRoutes(record), // integrations, versions, diffs, audit (docs/api.md)
        new ExportRoutes(record), // a version as PDF/A, ODT and budget CSV; consolidating stores them
        new ImportRoutes(auth), // a .docx/.odt imported as a new draft
        new CopyRoutes(record), // a document copied into a new one of the same tavolo
        new SeduteRoutes(sedute), // meetings: agenda, register, verbale (docs/api.md)
        new TemplateRoutes(record), // schemi di progetto and the tavolo's templates; a new document from one
        files, // the tavolo's files: uploads streamed into chunk rows, downloads, withdrawals
        new ThreadRoutes(threads) // comments anchored to a passage or an entity (docs/api.md "Threads")
    );
  }

  private Future<HttpServer> listenOnEveryEventLoop(HttpServerOptions options, io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> router) {
    if (options.getPort() == 0) {
      options.setPort(-1);
    }
    return vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
          @Override
          public Future<?> start() {
            return vertx.createHttpServer(options).connectionHandler(guard::opened).requestHandler(router).listen()
                .onSuccess(servers::add);
          }
        }, new io.vertx.core.DeploymentOptions().setInstances(EVENT_LOOPS))
        .map(id -> servers.get(0));
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return server.actualPort();
  }

  public AppContext context() {
    return ctx;
  }

  /** The accounts layer (tests). */
  public AuthServices auth() {
    return auth;
  }

  /** The live layer (tests). */
  public LiveServices live() {
    return live;
  }

  public Config config() {
    return config;
  }

  /** Where the pool connects: the embedded database's local URL, or DATABASE_URL. */
  public DatabaseUrl databaseUrl() {
    return databaseUrl;
  }

  /**
   * Graceful stop: the HTTP server stops accepting and gives in-flight requests up to
   * TAVOLO_SHUTDOWN_GRACE; then the layers' stop hooks run (finishing commits), the pool closes,
   * Vert.x closes and the embedded PostgreSQL stops. Blocking, idempotent.
   */
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    long t0 = System.nanoTime();
    long graceMs = config.shutdownGrace().toMillis();
    log.atInfo().addKeyValue("graceMs", graceMs).log("stopping tavolo");
    step("http server", () -> Future.all(servers.stream()
        .map(x -> x.shutdown(graceMs, TimeUnit.MILLISECONDS)).toList()), graceMs + 5000);
    if (ctx != null) {
      for (Supplier<Future<?>> hook : ctx.stopHooks()) {
        step("stop hook", hook::get, graceMs + 5000);
      }
    }
    step("database pool", () -> pool == null ? Future.succeededFuture() : pool.close(), 10_000);
    step("vert.x", vertx::close, 10_000);
    if (embedded != null) {
      embedded.close();
    }
    metrics.close();
    log.atInfo().addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("tavolo stopped");
  }

  private static void step(String what, Supplier<Future<?>> action, long timeoutMs) {
    try {
      action.get().await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Throwable e) {
      log.atWarn().addKeyValue("step", what).setCause(e).log("shutdown step failed, continuing");
    }
  }
}
