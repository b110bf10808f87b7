package it.tavolo.http;

import it.tavolo.web.Routes;
import it.tavolo.web.Responses;
import it.tavolo.AppContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** {@code GET /health}: 200 when a {@code SELECT 1} answers within two seconds, else 503. */
public final class HealthRoutes implements Routes {
  static final long TIMEOUT_MS = 2000;

  @Override
  public void mount(Router router, AppContext ctx) {
    router.get("/health").handler(rc -> it.tavolo.db.Database.ping(ctx.pool())
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          rc.response().putHeader("Cache-Control", "no-store");
          if (ar.succeeded()) {
            Responses.json(rc, 200, new JsonObject().put("status", "ok"));
          } else {
            Responses.error(rc, 503, "db_unavailable", "the database cannot be reached");
          }
        }));
  }
}
