package it.tavolo.http;

import it.tavolo.web.SecurityHeaders;
import it.tavolo.web.Routes;
import it.tavolo.web.FailureHandler;
import it.tavolo.web.Responses;
import it.tavolo.AppContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * Builds the one router of the server. Order matters: security headers on everything, body
 * reading for {@code /api/}, then health and metrics, then every feature's routes, then the
 * static browser app; whatever is left is a JSON 404 or 405.
 */
public final class HttpApi {
  /** Largest request body accepted under /api/ (413 too_large above it). */
  public static final long MAX_BODY_BYTES = 1024 * 1024;

  private HttpApi() {}

  /**
   * The router with the feature layers' routes ({@code features}, in their order: App lists
   * them) and {@code extra} routes mounted after them (tests use it for probes).
   */
  public static Router router(AppContext ctx, List<Routes> features, List<Routes> extra) {
    Router router = Router.router(ctx.vertx());
    router.route().handler(new SecurityHeaders());
    // no-store first: the body handler's own refusals (413) are API answers too
    router.route("/api/*").handler(rc -> {
      rc.response().putHeader("Cache-Control", "no-store");
      rc.next();
    });
    // a feature whose bodies may be larger than any other (the import's file) reads them first,
    // and the general handler below then lets them through
    for (Routes feature : features) {
      feature.mountBodyReaders(router, ctx);
    }
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new HealthRoutes().mount(router, ctx);
    new MetricsRoutes().mount(router, ctx);
    for (Routes feature : features) {
      feature.mount(router, ctx);
    }
    for (Routes more : extra) {
      more.mount(router, ctx);
    }
    new StaticRoutes().mount(router, ctx);

    router.route().failureHandler(new FailureHandler());
    router.errorHandler(404, rc -> Responses.error(rc, 404, "not_found", "no such resource"));
    router.errorHandler(405, rc -> Responses.error(rc, 405, "method_not_allowed",
        "method not allowed on this resource"));
    return router;
  }
}
