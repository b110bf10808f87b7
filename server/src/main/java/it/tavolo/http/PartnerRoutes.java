package it.tavolo.http;

import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.pathId;
import static it.tavolo.web.Calls.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import it.tavolo.auth.AuthServices;
import it.tavolo.core.Refusal;
import it.tavolo.db.Organisation;
import it.tavolo.auth.AuditTrail;
import java.util.Map;
import java.util.UUID;

/**
 * The organisations at a tavolo: those of its members, and partners named by a coordinator
 * although none of their people has an account (an ODV or a parish that co-finances the
 * budget must be named as its contributor). Every member may list them; coordinators add.
 */
final class PartnerRoutes {
  private final AuthServices auth;
  private final Pool pool;
  private final AuditTrail audit;

  PartnerRoutes(AuthServices auth, Pool pool, AuditTrail audit) {
    this.auth = auth;
    this.pool = pool;
    this.audit = audit;
  }

  void mount(Router router) {
    router.get("/api/tavoli/:tavoloId/organisations").handler(rc -> reply(rc, 200, () -> {
      UUID id = pathId(rc, "tavoloId");
      return auth.access().member(TokenCheck.principal(rc).userId(), id)
          .compose(role -> auth.organisations().ofTavolo(pool, id))
          .map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(o -> out.add(o.toJson()));
            return out;
          });
    }));

    router.post("/api/tavoli/:tavoloId/partners").handler(rc -> reply(rc, 201, () -> {
      UUID id = pathId(rc, "tavoloId");
      UUID caller = TokenCheck.principal(rc).userId();
      // the role first: a stranger learns nothing, not even what a valid body looks like
      return auth.access().coordinator(caller, id).compose(role -> add(id, caller, body(rc)));
    }));
  }

  /** An organisation the coordinator already works with ({@code organisationId}), or a new one. */
  private Future<JsonObject> add(UUID tavoloId, UUID caller, JsonObject b) {
    OrganisationChoice choice = OrganisationChoice.from(b);
    Future<Organisation> org = choice.isNew()
        ? pool.withTransaction(tx -> auth.organisations().insert(tx, choice.name(), choice.side(), choice.etsKind())
            .compose(created -> auth.organisations().addPartner(tx, tavoloId, created.id()).map(created)))
        // only an organisation the coordinator can already see: ids are not for guessing
        : auth.organisations().visibleTo(caller)
            .map(list -> list.stream().filter(o -> o.id().equals(choice.existingId())).findFirst()
                .orElseThrow(() -> Refusal.notFound("No such organisation among those you work with.")))
            .compose(o -> auth.organisations().addPartner(pool, tavoloId, o.id()).map(o));
    return org.compose(o -> audit.append(new AuditTrail.Event(tavoloId, caller, "partner_added", null,
            o.id().toString(), Map.of("organisation", o.id().toString(), "name", o.name())))
        .map(x -> o.toJson()));
  }
}
