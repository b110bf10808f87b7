package it.tavolo.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.access.Refusal;
import it.tavolo.auth.Sessions;
import java.util.UUID;
import java.util.function.Supplier;

/** What the accounts routes share: running a handler, reading bodies and ids, mapping refusals. */
final class Calls {
  private Calls() {}

  /** Runs {@code work} and answers its result as JSON with {@code status} (204: no body). */
  static void reply(RoutingContext rc, int status, Supplier<Future<?>> work) {
    Future<?> f;
    try {
      f = work.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(body -> {
      if (status == 204) rc.response().setStatusCode(204).end();
      else Responses.json(rc, status, body);
    }).onFailure(e -> {
      if (e instanceof Sessions.RateLimited r) rc.response().putHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
      rc.fail(toApiError(e));
    });
  }

  /** Refusals from the auth and db layers become API errors; anything else stays a 500. */
  static Throwable toApiError(Throwable e) {
    return e instanceof Refusal r ? new ApiError(r.status(), r.code(), r.getMessage()) : e;
  }

  /** The JSON object body; anything else is 400 {@code bad_json}. */
  static JsonObject body(RoutingContext rc) {
    return JsonBody.object(rc);
  }

  /** A string field, or null when absent; present but not a string is 400 {@code invalid_input}. */
  static String string(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return null;
    if (v instanceof String s) return s;
    throw ApiError.badRequest("invalid_input", "'" + field + "' must be a string.");
  }

  /** A path id; one that is not a UUID cannot name anything, so it is 404 {@code not_found}. */
  static UUID pathId(RoutingContext rc, String param) {
    try {
      return UUID.fromString(rc.pathParam(param));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.notFound("No such " + param.replace("Id", "") + ".");
    }
  }

  static String clientIp(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
  }
}
