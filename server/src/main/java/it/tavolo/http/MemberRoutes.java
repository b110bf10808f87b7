package it.tavolo.http;

import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.pathId;
import static it.tavolo.web.Calls.reply;
import static it.tavolo.web.Calls.string;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import it.tavolo.core.Refusal;
import it.tavolo.auth.AuthServices;
import it.tavolo.core.Role;
import it.tavolo.auth.AuditTrail;
import java.util.Map;
import java.util.UUID;

/** A tavolo's members: every member may list them, only coordinators change them. */
final class MemberRoutes {
  private final AuthServices auth;
  private final Pool pool;
  /**
   * Role changes and removals are decisions: recorded in the tavolo's audit trail in the same
   * transaction as the change, so there is never a change without its row (or a row without it).
   */
  private final AuditTrail audit;

  MemberRoutes(AuthServices auth, Pool pool, AuditTrail audit) {
    this.auth = auth;
    this.pool = pool;
    this.audit = audit;
  }

  void mount(Router router) {
    router.get("/api/tavoli/:tavoloId/members").handler(rc -> reply(rc, 200, () -> {
      UUID id = pathId(rc, "tavoloId");
      return auth.access().member(TokenCheck.principal(rc).userId(), id)
          .compose(role -> auth.memberships().members(id))
          .map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(m -> out.add(m.toJson()));
            return out;
          });
    }));

    router.put("/api/tavoli/:tavoloId/members/:userId").handler(rc -> reply(rc, 200, () -> {
      UUID id = pathId(rc, "tavoloId");
      UUID member = pathId(rc, "userId");
      Role role = Role.parse(string(body(rc), "role")).orElseThrow(() ->
          Refusal.invalid("invalid_input", "'role' must be coordinator, member or observer."));
      UUID actor = TokenCheck.principal(rc).userId();
      return auth.access().coordinator(actor, id)
          .compose(r -> pool.withTransaction(tx -> auth.memberships().changeRole(tx, id, member, role)
              // giving someone the role they already have changes nothing: nothing to record
              .compose(from -> from == role ? Future.succeededFuture() : audit.append(tx, new AuditTrail.Event(id, actor,
                  "role_changed", null, member.toString(),
                  Map.of("user", member.toString(), "from", from.wire(), "to", role.wire()))))))
          .onSuccess(x -> auth.memberships().changeCommitted(id, member))
          .compose(x -> auth.memberships().members(id))
          .compose(list -> list.stream().filter(m -> m.userId().equals(member)).findFirst()
              .map(m -> Future.succeededFuture(m.toJson()))
              .orElseGet(() -> Future.failedFuture(Refusal.notFound("No such member in this tavolo."))));
    }));

    router.delete("/api/tavoli/:tavoloId/members/:userId").handler(rc -> reply(rc, 204, () -> {
      UUID id = pathId(rc, "tavoloId");
      UUID member = pathId(rc, "userId");
      UUID actor = TokenCheck.principal(rc).userId();
      return auth.access().coordinator(actor, id)
          .compose(r -> pool.withTransaction(tx -> auth.memberships().remove(tx, id, member)
              .compose(from -> audit.append(tx, new AuditTrail.Event(id, actor, "member_removed", null,
                  member.toString(), Map.of("user", member.toString(), "role", from.wire()))))))
          .onSuccess(x -> auth.memberships().changeCommitted(id, member))
          .mapEmpty();
    }));
  }
}
