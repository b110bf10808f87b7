package it.tavolo.web;

import it.tavolo.core.Refusal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The JSON object body of a request, read the same way by every layer's routes: anything
 * but an object is 400 {@code bad_json}; a string holding U+0000 anywhere in it is 400
 * {@code invalid_input}, because PostgreSQL cannot store that character in text or jsonb and
 * the write would otherwise fail as a 500 after the checks.
 */
public final class JsonBody {
  private JsonBody() {}

  public static JsonObject object(RoutingContext rc) {
    JsonObject o;
    try {
      o = rc.body() == null ? null : rc.body().asJsonObject();
    } catch (RuntimeException e) {
      throw Refusal.invalid("bad_json", "The request body must be a JSON object.");
    }
    if (o == null) {
      throw Refusal.invalid("bad_json", "The request body must be a JSON object.");
    }
    if (holdsNul(o)) {
      throw Refusal.invalid("invalid_input", "Text may not contain the character U+0000.");
    }
    return o;
  }

  private static boolean holdsNul(Object v) {
    if (v instanceof String s) {
      return s.indexOf('\0') >= 0;
    }
    if (v instanceof JsonObject o) {
      for (var e : o) {
        if (e.getKey().indexOf('\0') >= 0 || holdsNul(e.getValue())) {
          return true;
        }
      }
    } else if (v instanceof JsonArray a) {
      for (Object x : a) {
        if (holdsNul(x)) {
          return true;
        }
      }
    }
    return false;
  }
}
