package it.tavolo.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response. The CSP allows only our own origin: scripts from our files only
 * (no inline script, no eval), WebSocket to ourselves, styles from our files plus inline style
 * attributes (editor libraries set them), images and fonts also as data: URIs (Bootstrap Italia's
 * icons). Nobody may frame us.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  public static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  @Override
  public void handle(RoutingContext rc) {
    MultiMap h = rc.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    rc.next();
  }
}
