package it.tavolo.files;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.config.Environment;
import it.tavolo.web.JsonBody;
import it.tavolo.web.Calls;
import it.tavolo.web.Responses;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import it.tavolo.record.RecordServices;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tavolo's files (docs/api.md, "The tavolo's files"). The upload's body is the file as it is
 * (no multipart), streamed into the database: its route is mounted before the API's body
 * handler ({@link #mountBodyReaders}), pauses the request at once and checks the token itself,
 * so nothing is buffered whole. Viewer links read the public files under {@code /api/viewer/:token/files}.
 * Stateless.
 */
public final class FileRoutes implements Routes {
  public static final String PATH = "/api/tavoli/:tavoloId/files";

  private final RecordServices record;
  private volatile FileService service;

  public FileRoutes(RecordServices record) {
    this.record = record;
  }

  private FileService service(AppContext app) {
    if (service == null) service = new FileService(app, record, FileSettings.from(Environment.withSystemProperties()));
    return service;
  }

  @Override
  public void mountBodyReaders(Router router, AppContext app) {
    FileService files = service(app);
    router.post(PATH).handler(rc -> {
      // no byte may arrive before the upload is ready to take it: the checks below are asynchronous
      rc.request().pause();
      rc.next();
    }).handler(rc -> {
      // the API's token check comes after the body handler: this route checks the token itself
      String header = rc.request().getHeader("Authorization");
      String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
      UUID tavolo = id(rc, "tavoloId");
      HttpServerRequest req = rc.request();
      record.auth().tokens().verify(token)
          .onFailure(e -> rc.response().putHeader("WWW-Authenticate", "Bearer"))
          .compose(p -> tavolo == null ? Future.failedFuture(Refusal.notFound("No such tavolo."))
              : files.upload(req, p.userId(), tavolo, rc.queryParams().get("name"), rc.queryParams().get("link")))
          .onSuccess(json -> Responses.json(rc, 201, json))
          .onFailure(e -> refuse(rc, e));
    });
  }

  @Override
  public void mount(Router router, AppContext app) {
    FileService files = service(app);
    router.get(PATH).handler(rc -> reply(rc, 200, () -> files.list(user(rc), tavolo(rc))));
    router.get(PATH + "/:fileId").handler(rc -> reply(rc, 200,
        () -> files.readable(user(rc), tavolo(rc), file(rc)).map(FileStore.StoredFile::toJson)));
    router.get(PATH + "/:fileId/content").handler(rc -> {
      Future<Void> sent;
      try {
        sent = files.readable(user(rc), tavolo(rc), file(rc)).compose(f -> files.send(rc.response(), f));
      } catch (RuntimeException e) {
        sent = Future.failedFuture(e);
      }
      sent.onFailure(e -> failUnlessStarted(rc, e));
    });
    router.put(PATH + "/:fileId/public").handler(rc -> reply(rc, 200, () -> {
      return files.setPublic(user(rc), tavolo(rc), file(rc), JsonBody.object(rc).getValue("public"));
    }));
    router.post(PATH + "/:fileId/withdraw").handler(rc -> reply(rc, 200, () -> {
      Object reason = JsonBody.object(rc).getValue("reason");
      if (reason != null && !(reason instanceof String)) throw Refusal.invalid("invalid_input", "reason must be a string.");
      return files.withdraw(user(rc), tavolo(rc), file(rc), (String) reason);
    }));
  }

  /**
   * What a viewer link reads (open: the secret is the credential), the files a coordinator made
   * public; App mounts it before the accounts routes' token check, beside the viewer routes.
   */
  public Routes viewerRoutes() {
    return (router, app) -> {
      FileService files = service(app);
      router.get("/api/viewer/:token/files").handler(rc -> reply(rc, 200, () -> files.viewerList(rc.pathParam("token"))));
      router.get("/api/viewer/:token/files/:fileId/content").handler(rc -> {
        Future<Void> sent;
        try {
          sent = files.viewerFile(rc.pathParam("token"), file(rc)).compose(f -> files.send(rc.response(), f));
        } catch (RuntimeException e) {
          sent = Future.failedFuture(e);
        }
        sent.onFailure(e -> failUnlessStarted(rc, e));
      });
    };
  }

  private static UUID user(RoutingContext rc) {
    return TokenCheck.principal(rc).userId();
  }

  private static UUID tavolo(RoutingContext rc) {
    UUID t = id(rc, "tavoloId");
    if (t == null) throw Refusal.notFound("No such tavolo.");
    return t;
  }

  private static UUID file(RoutingContext rc) {
    UUID f = id(rc, "fileId");
    if (f == null) throw Refusal.notFound("No such file.");
    return f;
  }

  private static UUID id(RoutingContext rc, String name) {
    try {
      return UUID.fromString(rc.pathParam(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  private static void reply(RoutingContext rc, int status, Supplier<Future<?>> work) {
    Calls.reply(rc, status, work);
  }


  private static void failUnlessStarted(RoutingContext rc, Throwable e) {
    if (rc.response().headWritten()) {
      rc.response().reset();
    } else {
      rc.response().headers().remove("Content-Length").remove("Content-Disposition").remove("Content-Encoding")
          .remove("X-Content-SHA256").remove("Content-Type");
      rc.fail(e);
    }
  }

  /**
   * An upload refused: what is left of its body is read and dropped (so the connection can carry
   * the answer and the next request), except past the size limit, where the connection closes.
   */
  private static void refuse(RoutingContext rc, Throwable e) {
    HttpServerRequest req = rc.request();
    if (!req.isEnded()) {
      if (e instanceof Refusal r && r.status() == 413) {
        rc.response().putHeader("Connection", "close");
      } else {
        req.handler(b -> {});
        req.resume();
      }
    }
    rc.fail(e);
  }

}
