package it.tavolo;

import it.tavolo.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every layer gets when it is mounted: the running Vert.x, the settings, the database
 * pool and the metrics registry. Built once by {@link App}; handed to each
 * {@link it.tavolo.web.Routes#mount}. Layers that hold work in flight (the live sequencer)
 * register a stop hook so App can let it finish before the pool closes.
 */
public final class AppContext {
  private final Vertx vertx;
  private final Config config;
  private final Pool pool;
  private final PrometheusMeterRegistry metrics;
  private final List<Supplier<Future<?>>> stopHooks = new ArrayList<>();
  private volatile int port = -1;

  AppContext(Vertx vertx, Config config, Pool pool, PrometheusMeterRegistry metrics) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.metrics = metrics;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Config config() {
    return config;
  }

  /** The run-time pool; use it for every query (never JDBC at run time). */
  public Pool pool() {
    return pool;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** The HTTP port actually bound (differs from config().port() when that is 0); -1 before listen. */
  public int port() {
    return port;
  }

  /**
   * The origin browsers reach us at: TAVOLO_PUBLIC_ORIGIN, else {@code http://localhost:<port>}.
   * Read it per request (the port is only known once the server listens).
   */
  public String publicOrigin() {
    return config.publicOriginFor(port);
  }

  /**
   * Runs {@code hook} at shutdown, after the HTTP server stopped taking requests and before the
   * pool closes; hooks run one after the other, newest first. Register while mounting.
   */
  public synchronized void onStop(Supplier<Future<?>> hook) {
    stopHooks.add(hook);
  }

  synchronized List<Supplier<Future<?>>> stopHooks() {
    List<Supplier<Future<?>>> copy = new ArrayList<>(stopHooks);
    java.util.Collections.reverse(copy);
    return copy;
  }

  void bound(int actualPort) {
    this.port = actualPort;
  }
}
