package it.tavolo.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.core.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every layer's routes share: running a handler and answering its result, reading the
 * body's fields and the path's ids. Whatever fails goes to {@code rc.fail}, where the
 * {@link FailureHandler} answers it (a {@link Refusal} with its status and code). Stateless.
 */
public final class Calls {
  private Calls() {}

  /** Runs {@code work} and answers its result as JSON with {@code status} (204: no body). */
  public static void reply(RoutingContext rc, int status, Supplier<? extends Future<?>> work) {
    Future<?> f;
    try {
      f = work.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(body -> {
      if (status == 204) rc.response().setStatusCode(204).end();
      else Responses.json(rc, status, body);
    }).onFailure(rc::fail);
  }

  /** The JSON object body; anything else is 400 {@code bad_json}. */
  public static JsonObject body(RoutingContext rc) {
    return JsonBody.object(rc);
  }

  /** An empty body is an empty object (for actions like open and close). */
  public static JsonObject optionalBody(RoutingContext rc) {
    return rc.body() == null || rc.body().buffer() == null || rc.body().buffer().length() == 0 ? new JsonObject() : body(rc);
  }

  /** A string field, or null when absent; present but not a string is 400 {@code invalid_input}. */
  public static String string(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return null;
    if (v instanceof String s) return s;
    throw invalid("'" + field + "' must be a string.");
  }

  /** A true/false field, or null when absent; anything but a boolean is 400 {@code invalid_input}. */
  public static Boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null || v instanceof Boolean) return (Boolean) v;
    throw invalid("'" + field + "' must be true or false.");
  }

  /** A whole-number field (an int), or null when absent. */
  public static Integer integer(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return null;
    if (v instanceof Integer i) return i;
    if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return l.intValue();
    throw invalid("'" + field + "' must be a whole number.");
  }

  /** An ISO-8601 instant with an offset ("2026-12-03T15:00:00+01:00" or "...Z"), or null. */
  public static Instant instant(JsonObject body, String field) {
    String s = string(body, field);
    if (s == null) return null;
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        throw invalid("'" + field + "' must be a date and time with its offset, e.g. 2026-12-03T15:00:00+01:00.");
      }
    }
  }

  /** An id field, or null when absent. */
  public static UUID uuid(JsonObject body, String field) {
    String s = string(body, field);
    if (s == null) return null;
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw invalid("'" + field + "' must be an id.");
    }
  }

  /** An array of ids, empty when absent. */
  public static List<UUID> uuids(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return List.of();
    if (!(v instanceof JsonArray a)) throw invalid("'" + field + "' must be an array of ids.");
    List<UUID> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) throw invalid("'" + field + "' must be an array of ids.");
      try {
        out.add(UUID.fromString(s));
      } catch (IllegalArgumentException e) {
        throw invalid("'" + field + "' must be an array of ids.");
      }
    }
    return out;
  }

  /** An array field, empty when absent. */
  public static JsonArray array(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return new JsonArray();
    if (v instanceof JsonArray a) return a;
    throw invalid("'" + field + "' must be an array.");
  }

  /** A path id; one that is not a UUID cannot name anything, so it is 404 {@code not_found}. */
  public static UUID pathId(RoutingContext rc, String param) {
    return pathId(rc, param, param.replace("Id", ""));
  }

  /** As {@link #pathId(RoutingContext, String)}, the 404 naming {@code what} ("No such seduta."). */
  public static UUID pathId(RoutingContext rc, String param, String what) {
    try {
      return UUID.fromString(rc.pathParam(param));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusal.notFound("No such " + what + ".");
    }
  }

  /** 400 {@code invalid_input} with {@code message}. */
  public static Refusal invalid(String message) {
    return Refusal.invalid("invalid_input", message);
  }

  public static String clientIp(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
  }
}
