package it.tavolo.http;

import it.tavolo.web.Routes;
import it.tavolo.core.Refusal;

import it.tavolo.AppContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: Prometheus text (JVM, HTTP server, pool, event loop, live layer). It
 * names no person but tells how busy each part is, so it is not for the public: with
 * {@code TAVOLO_METRICS_TOKEN} the scraper sends it as a bearer token; without, only a client
 * on this machine (loopback) is answered.
 */
public final class MetricsRoutes implements Routes {
  @Override
  public void mount(Router router, AppContext ctx) {
    router.get("/metrics")
        .handler(rc -> {
          if (allowed(rc, ctx.config().metricsToken())) {
            rc.next();
          } else {
            rc.fail(new Refusal(401, "unauthorized",
                "/metrics needs the metrics token (TAVOLO_METRICS_TOKEN), or a client on this machine."));
          }
        })
        .handler(PrometheusScrapingHandler.create(ctx.metrics()));
  }

  static boolean allowed(RoutingContext rc, String token) {
    if (token != null) {
      String given = rc.request().getHeader("Authorization");
      return given != null && MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
          given.getBytes(StandardCharsets.UTF_8));
    }
    try {
      // an IP literal: no name lookup happens
      return InetAddress.getByName(rc.request().remoteAddress().hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException | RuntimeException e) {
      return false;
    }
  }
}
