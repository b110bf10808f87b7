package it.tavolo.live.session;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.live.LiveCounters;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.document.DocumentOwners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /ws}: checks the Origin, upgrades, and hands the connection to a {@link Session}.
 * A browser always sends Origin, and it must be our public origin (a page elsewhere cannot
 * use a visitor's token through us); a request without Origin is a non-browser client
 * (CLI, tests, other servers) and is let through — its token is what it proves. Without
 * TAVOLO_PUBLIC_ORIGIN (development) the loopback spellings of the local origin are accepted
 * too, so http://127.0.0.1:8080 works as well as http://localhost:8080.
 * One remote address may hold at most {@code TAVOLO_WS_MAX_CONNECTIONS_PER_IP} connections.
 *
 * <p>Threading: any event loop; its only state, the per-address count, is thread-safe.
 */
public final class LiveEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEndpoint.class);

  private final Vertx vertx;
  private final LiveSettings settings;
  private final Gate gate;
  private final JoinGuards guards;
  private final DocumentOwners owners;
  private final LiveCounters counters;
  private final Supplier<Set<String>> allowedOrigins;
  private final ConnectionsPerAddress perAddress;

  public LiveEndpoint(Vertx vertx, LiveSettings settings, Gate gate, JoinGuards guards, DocumentOwners owners,
                      LiveCounters counters, Supplier<Set<String>> allowedOrigins) {
    this.guards = guards;
    this.counters = counters;
    this.vertx = vertx;
    this.settings = settings;
    this.gate = gate;
    this.owners = owners;
    this.allowedOrigins = allowedOrigins;
    this.perAddress = new ConnectionsPerAddress(settings.maxConnectionsPerAddress());
  }

  public void handle(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    Set<String> allowed = allowedOrigins.get();
    if (origin != null && !allowed.contains(origin)) {
      rc.response().setStatusCode(403).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("code", "forbidden_origin")
              .put("message", "WebSocket connections are accepted only from " + String.join(", ", allowed)).encode());
      return;
    }
    String upgrade = rc.request().getHeader("Upgrade");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      // answered here: Vert.x's own refusal of a plain request is a text body, not our JSON error
      badUpgrade(rc);
      return;
    }
    String address = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
    if (!perAddress.tryAcquire(address)) {
      rc.response().setStatusCode(429).putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Retry-After", "10")
          .end(new JsonObject().put("code", "too_many_connections")
              .put("message", "Too many open connections from this address (at most "
                  + settings.maxConnectionsPerAddress() + ").").encode());
      return;
    }
    rc.request().toWebSocket().onComplete(ar -> {
      if (ar.succeeded()) {
        Session s = new Session(vertx, ar.result(), settings, gate, guards, owners, counters);
        s.onGone(() -> perAddress.release(address));
        s.start();
      } else {
        perAddress.release(address);
        LOG.debug("websocket upgrade failed: {}", ar.cause().toString());
        if (!rc.response().ended()) {
          badUpgrade(rc);
        }
      }
    });
  }

  private static void badUpgrade(RoutingContext rc) {
    rc.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("code", "bad_upgrade")
            .put("message", "This endpoint speaks WebSocket only.").encode());
  }
}
