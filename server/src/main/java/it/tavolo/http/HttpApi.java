package it.tavolo.http;

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

  /** The feature layers' routes, mounted in this order. Add yours here. */
  public static List<Routes> features() {
    return List.of(
        new it.tavolo.sedute.ViewerRoutes(), // open: a viewer link's secret is its credential
        new AccountsRoutes(), // first: its token check guards every /api route mounted after it
        new it.tavolo.live.LiveRoutes(), // GET /ws (its token comes in the hello)
        new it.tavolo.record.RecordRoutes(), // integrations, versions, diffs, audit (docs/api.md)
        new it.tavolo.export.ExportRoutes(), // a version as PDF/A, ODT and budget CSV
        new it.tavolo.imports.ImportRoutes(), // a .docx/.odt imported as a new draft
        new it.tavolo.templates.CopyRoutes(), // a document copied into a new one of the same tavolo
        new it.tavolo.sedute.SeduteRoutes() // meetings: agenda, register, verbale (docs/api.md)
    );
  }

  public static Router router(AppContext ctx) {
    return router(ctx, List.of());
  }

  /** The router with {@code extra} routes mounted after the features (tests use it for probes). */
  public static Router router(AppContext ctx, List<Routes> extra) {
    Router router = Router.router(ctx.vertx());
    router.route().handler(new SecurityHeaders());
    // no-store first: the body handler's own refusals (413) are API answers too
    router.route("/api/*").handler(rc -> {
      rc.response().putHeader("Cache-Control", "no-store");
      rc.next();
    });
    // an imported file may be larger than any other body (TAVOLO_IMPORT_MAX_BYTES): its own
    // handler reads it first, and the general one below then lets it through
    router.route(it.tavolo.imports.ImportRoutes.PATH + "*").handler(it.tavolo.imports.ImportRoutes.bodyHandler());
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    new HealthRoutes().mount(router, ctx);
    new MetricsRoutes().mount(router, ctx);
    for (Routes feature : features()) {
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
