package it.tavolo.http;

import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.pathId;
import static it.tavolo.web.Calls.reply;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import it.tavolo.core.Refusal;
import it.tavolo.auth.AuditTrail;
import it.tavolo.auth.AuthServices;
import it.tavolo.core.model.Limits;
import it.tavolo.db.TerritorioStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tavolo's territori (issue 15): the comuni or zones its budget lines may name. Every member
 * reads the list; coordinators replace it whole ({@code PUT}), which is recorded in the audit
 * trail. Stateless; runs on the event loop.
 */
final class TerritoriRoutes {
  /** A tavolo lists at most this many territori (a zone's comuni, with room). */
  static final int MAX_TERRITORI = 200;

  private final AuthServices auth;
  private final Pool pool;
  private final TerritorioStore store;
  private final AuditTrail audit;

  TerritoriRoutes(AuthServices auth, Pool pool, AuditTrail audit) {
    this.auth = auth;
    this.pool = pool;
    this.store = new TerritorioStore(pool);
    this.audit = audit;
  }

  void mount(Router router) {
    router.get("/api/tavoli/:tavoloId/territori").handler(rc -> reply(rc, 200, () -> {
      UUID id = pathId(rc, "tavoloId");
      return auth.access().member(TokenCheck.principal(rc).userId(), id)
          .compose(role -> store.of(pool, id))
          .map(TerritoriRoutes::answer);
    }));

    router.put("/api/tavoli/:tavoloId/territori").handler(rc -> reply(rc, 200, () -> {
      UUID id = pathId(rc, "tavoloId");
      UUID caller = TokenCheck.principal(rc).userId();
      // the role first: a stranger learns nothing, not even what a valid body looks like
      return auth.access().coordinator(caller, id)
          .compose(role -> {
            List<String> names = names(body(rc));
            return store.replace(id, names)
                .compose(saved -> audit.append(new AuditTrail.Event(id, caller, "territori_changed", null, null,
                        Map.of("territori", String.join(", ", saved))))
                    .map(x -> answer(saved)));
          });
    }));
  }

  private static JsonObject answer(List<String> names) {
    return new JsonObject().put("territori", new JsonArray(new ArrayList<>(names)));
  }

  /** {@code {"territori": ["Pistoia", ...]}}: names trimmed, 1-100 characters, no duplicates. */
  static List<String> names(JsonObject body) {
    Object v = body.getValue("territori");
    if (!(v instanceof JsonArray a)) {
      throw Refusal.invalid("invalid_input", "'territori' must be an array of names.");
    }
    if (a.size() > MAX_TERRITORI) {
      throw Refusal.invalid("invalid_input", "A tavolo lists at most " + MAX_TERRITORI + " territori.");
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Object o : a) {
      if (!(o instanceof String s)) throw Refusal.invalid("invalid_input", "Each territorio must be a string.");
      String name = s.strip();
      if (name.isEmpty() || name.length() > Limits.MAX_TERRITORIO_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
        throw Refusal.invalid("invalid_input",
            "A territorio's name has 1-" + Limits.MAX_TERRITORIO_LENGTH + " characters and no control characters.");
      }
      if (!out.add(name)) throw Refusal.invalid("invalid_input", "The territorio '" + name + "' is listed twice.");
    }
    return List.copyOf(out);
  }
}
