package it.tavolo.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.auth.Principal;
import it.tavolo.auth.Tokens;

/**
 * Requires a valid access token ({@code Authorization: Bearer <JWT>}) and puts its
 * {@link Principal} on the context. Mounted on {@code /api/*} after the few open routes
 * (login, refresh, invitation preview and registration), so every later /api route, of any
 * layer, is behind it.
 */
public final class TokenCheck implements Handler<RoutingContext> {
  private static final String KEY = "tavolo.principal";
  private final Tokens tokens;

  public TokenCheck(Tokens tokens) { this.tokens = tokens; }

  /** The verified caller; only on routes behind this check. */
  public static Principal principal(RoutingContext rc) {
    Principal p = rc.get(KEY);
    if (p == null) throw new IllegalStateException("route is not behind TokenCheck");
    return p;
  }

  @Override
  public void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) token = header.substring(7).trim();
    tokens.verify(token)
        .onSuccess(p -> {
          rc.put(KEY, p);
          rc.next();
        })
        .onFailure(e -> {
          rc.response().putHeader("WWW-Authenticate", "Bearer");
          rc.fail(e);
        });
  }
}
