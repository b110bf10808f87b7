package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.access.Refusal;
import it.tavolo.core.sedute.SedutaRuleException;
import it.tavolo.http.ApiError;
import it.tavolo.http.Responses;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Reading requests and answering them, the way the sedute routes do it. */
final class Calls {
  /** The HTTP status of each rule code; anything else is a 400. */
  private static final Map<String, Integer> STATUS = Map.ofEntries(
      Map.entry("not_found", 404),
      Map.entry("forbidden", 403),
      Map.entry("seduta_closed", 409),
      Map.entry("seduta_open", 409),
      Map.entry("seduta_not_open", 409),
      Map.entry("seduta_not_closed", 409),
      Map.entry("another_seduta_open", 409),
      Map.entry("item_has_decisions", 409),
      Map.entry("link_revoked", 410));

  private Calls() {
  }

  static void reply(RoutingContext rc, int status, Supplier<Future<?>> work) {
    Future<?> f;
    try {
      f = work.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(body -> {
      if (status == 204) {
        rc.response().setStatusCode(204).end();
      } else {
        Responses.json(rc, status, body);
      }
    }).onFailure(e -> rc.fail(toApiError(e)));
  }

  static Throwable toApiError(Throwable e) {
    if (e instanceof SedutaRuleException r) {
      return new ApiError(STATUS.getOrDefault(r.code(), 400), r.code(), r.getMessage());
    }
    if (e instanceof Refusal r) {
      return new ApiError(r.status(), r.code(), r.getMessage());
    }
    if (Sql.frozen(e)) {
      return toApiError(it.tavolo.core.sedute.SedutaRules.closed());
    }
    // the verbale's triggers (V10), when a change raced with the checks before it
    if (Sql.refused(e, "is approved")) {
      return new ApiError(409, "verbale_approved", "This verbale is approved: it cannot change.");
    }
    if (Sql.refused(e, "are not open")) {
      return new ApiError(409, "remarks_closed", "Remarks on this verbale are not open.");
    }
    if (Sql.refused(e, "are still open")) {
      return new ApiError(409, "remarks_open", "Remarks on this verbale are still open.");
    }
    return e;
  }

  static JsonObject body(RoutingContext rc) {
    return it.tavolo.http.JsonBody.object(rc);
  }

  /** An empty body is an empty object (for actions like open and close). */
  static JsonObject optionalBody(RoutingContext rc) {
    return rc.body() == null || rc.body().buffer() == null || rc.body().buffer().length() == 0 ? new JsonObject() : body(rc);
  }

  static String string(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw invalid("'" + field + "' must be a string.");
  }

  static Integer integer(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    throw invalid("'" + field + "' must be a whole number.");
  }

  /** An ISO-8601 instant with an offset ("2026-12-03T15:00:00+01:00" or "...Z"). */
  static Instant instant(JsonObject body, String field) {
    String s = string(body, field);
    if (s == null) {
      return null;
    }
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

  static UUID uuid(JsonObject body, String field) {
    String s = string(body, field);
    if (s == null) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw invalid("'" + field + "' must be an id.");
    }
  }

  static List<UUID> uuids(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw invalid("'" + field + "' must be an array of ids.");
    }
    List<UUID> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) {
        throw invalid("'" + field + "' must be an array of ids.");
      }
      try {
        out.add(UUID.fromString(s));
      } catch (IllegalArgumentException e) {
        throw invalid("'" + field + "' must be an array of ids.");
      }
    }
    return out;
  }

  static JsonArray array(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return new JsonArray();
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    throw invalid("'" + field + "' must be an array.");
  }

  static UUID pathId(RoutingContext rc, String param, String what) {
    try {
      return UUID.fromString(rc.pathParam(param));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.notFound("No such " + what + ".");
    }
  }

  static ApiError invalid(String message) {
    return ApiError.badRequest("invalid_input", message);
  }
}
