package it.tavolo.imports;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.auth.AuthServices;
import it.tavolo.config.Environment;
import it.tavolo.web.Responses;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import java.util.UUID;

/**
 * {@code POST /api/tavoli/:tavoloId/imports/preview?file=…} and {@code POST
 * /api/tavoli/:tavoloId/imports?file=…&title=…}: the file is the request body, as it is
 * (no multipart); coordinators only. The body limit is the import's own
 * ({@link #bodyHandler()}, mounted before the API's general one).
 */
public final class ImportRoutes implements Routes {
  public static final String PATH = "/api/tavoli/:tavoloId/imports";

  private final AuthServices auth;

  public ImportRoutes(AuthServices auth) {
    this.auth = auth;
  }

  /** The body handler of the import routes: up to TAVOLO_IMPORT_MAX_BYTES, refused with 413 before it is read past that. */
  public static Handler<RoutingContext> bodyHandler() {
    return BodyHandler.create(false).setBodyLimit(ImportSettings.from(Environment.withSystemProperties()).maxBytes());
  }

  /**
   * An imported file may be larger than any other body (TAVOLO_IMPORT_MAX_BYTES): its own
   * handler reads it first, and the API's general one then lets it through.
   */
  @Override
  public void mountBodyReaders(Router router, AppContext app) {
    router.route(PATH + "*").handler(bodyHandler());
  }

  @Override
  public void mount(Router router, AppContext app) {
    ImportService imports = new ImportService(app, auth, ImportSettings.from(Environment.withSystemProperties()));
    router.post(PATH + "/preview").handler(rc -> answer(rc, 200,
        (user, tavolo, file) -> imports.preview(user, tavolo, rc.queryParams().get("file"), rc.queryParams().get("title"), file)));
    router.post(PATH).handler(rc -> answer(rc, 201,
        (user, tavolo, file) -> imports.create(user, tavolo, rc.queryParams().get("file"), rc.queryParams().get("title"), file)));
  }

  private interface Work {
    Future<JsonObject> run(UUID user, UUID tavolo, byte[] file);
  }

  private static void answer(RoutingContext rc, int status, Work work) {
    UUID tavolo;
    try {
      tavolo = UUID.fromString(rc.pathParam("tavoloId"));
    } catch (IllegalArgumentException e) {
      rc.fail(Refusal.notFound("No such tavolo."));
      return;
    }
    Buffer body = rc.body().buffer();
    byte[] file = body == null ? new byte[0] : body.getBytes();
    work.run(TokenCheck.principal(rc).userId(), tavolo, file)
        .onSuccess(json -> Responses.json(rc, status, json))
        .onFailure(rc::fail);
  }
}
