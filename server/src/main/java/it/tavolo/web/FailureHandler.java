package it.tavolo.web;

import it.tavolo.core.Refusal;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the JSON error shape. Expected errors ({@link Refusal}, bad JSON,
 * HTTP statuses set by vertx-web) keep their meaning; anything else is a 500 whose details go
 * to the log under a reference the client sees, never to the client.
 */
public final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof Refusal e) { // the one place a refusal becomes an HTTP answer
      if (e.retryAfterSeconds() > 0) rc.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
      // code and message, then the refusal's details (none for most) as further fields
      Responses.error(rc, e.status(), new io.vertx.core.json.JsonObject().put("code", e.code())
          .put("message", e.getMessage()).mergeIn(new io.vertx.core.json.JsonObject(e.details())));
      return;
    }
    if (failure instanceof DecodeException || failure instanceof IllegalStateException && isBodyDecode(failure)) {
      Responses.error(rc, 400, "bad_json", "the request body is not valid JSON");
      return;
    }
    int status = rc.statusCode();
    if (failure instanceof HttpException h) {
      status = h.getStatusCode();
    }
    if (status >= 400 && status < 500) {
      Responses.error(rc, status, codeFor(status), messageFor(status));
      return;
    }
    String ref = UUID.randomUUID().toString().substring(0, 8);
    if (Unreachable.database(failure)) { // not the caller's fault: retry, keep the session
      log.atWarn().addKeyValue("ref", ref).addKeyValue("method", rc.request().method())
          .addKeyValue("path", redactedPath(rc)).log("request failed: the database does not answer ({})", failure.toString());
      rc.response().putHeader("Retry-After", "2");
      Responses.error(rc, 503, "unavailable", "The database does not answer now: retry shortly (ref " + ref + ").");
      return;
    }
    log.atError().addKeyValue("ref", ref).addKeyValue("method", rc.request().method())
        .addKeyValue("path", redactedPath(rc)).setCause(failure).log("request failed");
    if (status == 503) {
      Responses.error(rc, 503, "unavailable", "the service is temporarily unavailable (ref " + ref + ")");
    } else {
      Responses.error(rc, 500, "internal", "internal error (ref " + ref + ")");
    }
  }

  /**
   * The request's path with every long opaque segment replaced by {@code :secret}: paths
   * carry invitation tokens and viewer-link secrets, which must not reach the log (ids,
   * UUIDs, stay: they are what an operator needs). The matched route is not known here.
   */
  static String redactedPath(RoutingContext rc) {
    String[] parts = rc.request().path().split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].length() >= 16 && !isUuid(parts[i])) {
        parts[i] = ":secret";
      }
    }
    return String.join("/", parts);
  }

  private static boolean isUuid(String s) {
    try {
      return s.length() == 36 && UUID.fromString(s) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isBodyDecode(Throwable t) {
    return t.getCause() instanceof DecodeException;
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 409 -> "conflict";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      case 429 -> "rate_limited";
      default -> "bad_request";
    };
  }

  static String messageFor(int status) {
    return switch (status) {
      case 401 -> "authentication required";
      case 403 -> "not allowed";
      case 404 -> "no such resource";
      case 405 -> "method not allowed on this resource";
      case 413 -> "the request body is too large";
      case 415 -> "unsupported content type";
      case 429 -> "too many requests";
      default -> "bad request";
    };
  }
}
