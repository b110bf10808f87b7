package it.tavolo.web;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers, the one way every route does it. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  /** Sends {@code body} (a JsonObject/JsonArray, record, map or list) as JSON with {@code status}. */
  public static Future<Void> json(RoutingContext rc, int status, Object body) {
    return rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON)
        .end(Json.encode(body));
  }

  /** Sends the error shape every client relies on: {@code {"code","message"}}. */
  public static Future<Void> error(RoutingContext rc, int status, String code, String message) {
    return error(rc, status, new JsonObject().put("code", code).put("message", message));
  }

  /** An error answer with fields beside {@code code} and {@code message} (a refusal's details). */
  public static Future<Void> error(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) {
      return Future.succeededFuture();
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return Future.succeededFuture();
    }
    return json(rc, status, body);
  }
}
