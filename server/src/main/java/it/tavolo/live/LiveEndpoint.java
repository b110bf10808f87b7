package it.tavolo.live;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * {@code GET /ws}: checks the Origin, upgrades, and hands the connection to a {@link Session}.
 * A browser always sends Origin, and it must be our public origin (a page elsewhere cannot
 * use a visitor's token through us); a request without Origin is a non-browser client
 * (CLI, tests, other servers) and is let through — its token is what it proves.
 */
final class LiveEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEndpoint.class);

  private final Vertx vertx;
  private final LiveSettings settings;
  private final Gate gate;
  private final DocumentOwners owners;
  private final Supplier<String> publicOrigin;

  LiveEndpoint(Vertx vertx, LiveSettings settings, Gate gate, DocumentOwners owners, Supplier<String> publicOrigin) {
    this.vertx = vertx;
    this.settings = settings;
    this.gate = gate;
    this.owners = owners;
    this.publicOrigin = publicOrigin;
  }

  void handle(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    if (origin != null && !origin.equals(publicOrigin.get())) {
      rc.response().setStatusCode(403).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("code", "forbidden_origin")
              .put("message", "WebSocket connections are accepted only from " + publicOrigin.get()).encode());
      return;
    }
    rc.request().toWebSocket().onComplete(ar -> {
      if (ar.succeeded()) {
        new Session(vertx, ar.result(), settings, gate, owners).start();
      } else {
        LOG.debug("websocket upgrade failed: {}", ar.cause().toString());
        if (!rc.response().ended()) {
          rc.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
              .end(new JsonObject().put("code", "bad_upgrade")
                  .put("message", "This endpoint speaks WebSocket only.").encode());
        }
      }
    });
  }
}
