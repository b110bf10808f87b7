package it.tavolo.http;

import it.tavolo.AppContext;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /metrics}: Prometheus text (JVM, HTTP server, pool, event loop). Not secret but
 * not for the public either: expose it only to the scraper (see README).
 */
public final class MetricsRoutes implements Routes {
  @Override
  public void mount(Router router, AppContext ctx) {
    router.get("/metrics").handler(PrometheusScrapingHandler.create(ctx.metrics()));
  }
}
