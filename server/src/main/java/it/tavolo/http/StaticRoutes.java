package it.tavolo.http;

import it.tavolo.web.Routes;
import it.tavolo.AppContext;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser app: files of the classpath folder {@code webroot/} (the webapp module) at
 * {@code /}. A browser navigating to an app path that is not a file (e.g. {@code /tavoli/x})
 * gets {@code index.html}, so client-side routes survive a reload; anything else that is
 * missing is a JSON 404. Mounted last: it must not shadow API routes.
 */
final class StaticRoutes implements Routes {
  static final String WEBROOT = "webroot";

  @Override
  public void mount(Router router, AppContext ctx) {
    StaticHandler files = StaticHandler.create(WEBROOT)
        .setIndexPage("index.html")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(60)
        .setIncludeHidden(false);
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(StaticRoutes::appShell);
  }

  private static void appShell(RoutingContext rc) {
    String path = rc.normalizedPath();
    String accept = rc.request().getHeader("Accept");
    boolean navigation = accept != null && accept.contains("text/html");
    boolean reserved = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ws")
        || path.equals("/health") || path.equals("/metrics");
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (!navigation || reserved || last.contains(".")) {
      rc.next();
      return;
    }
    rc.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-cache");
    rc.response().sendFile(WEBROOT + "/index.html").onFailure(e -> {
      if (!rc.response().ended()) {
        rc.next(); // no shell page on the classpath: a plain 404
      }
    });
  }
}
