package it.tavolo.http;

import static it.tavolo.http.Calls.body;
import static it.tavolo.http.Calls.pathId;
import static it.tavolo.http.Calls.reply;
import static it.tavolo.http.Calls.string;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import it.tavolo.AppContext;
import it.tavolo.auth.AccountRules;
import it.tavolo.auth.AuthServices;
import it.tavolo.auth.AuthSettings;
import it.tavolo.auth.Passwords;
import it.tavolo.auth.Principal;
import it.tavolo.auth.Role;
import it.tavolo.auth.SecretTokens;
import it.tavolo.db.InvitationStore;
import it.tavolo.db.InvitationStore.Invitation;
import it.tavolo.db.Organisation;
import it.tavolo.db.TavoloView;
import it.tavolo.record.AuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Single-use invitation links. The link carries a 256-bit secret; the server keeps only its
 * hash. Anyone holding the link may preview it and register through it (that is its point);
 * accepting it with an existing account needs that account's token.
 */
final class InvitationRoutes {
  /** Where the web app shows an invitation; a fragment, so the secret is not sent in requests for the page. */
  static final String LINK_PATH = "/#/invito/";

  private final AuthServices auth;
  private final AppContext app;
  /** Joining grants a role, as a role change does: it goes in the tavolo's audit trail. */
  private final AuditStore audit;

  InvitationRoutes(AuthServices auth, AppContext app) {
    this.auth = auth;
    this.app = app;
    this.audit = new AuditStore(app.pool());
  }

  void mountOpen(Router router) {
    router.get("/api/invitations/:token").handler(rc -> reply(rc, 200, () -> {
      byte[] hash = tokenHash(rc);
      return usable(hash).compose(inv -> auth.organisations().ofTavolo(app.pool(), inv.tavoloId()).map(orgs -> {
        JsonArray o = new JsonArray();
        orgs.forEach(org -> o.add(org.toJson()));
        return new JsonObject()
            .put("tavolo", new JsonObject().put("id", inv.tavoloId().toString()).put("title", inv.tavoloTitle()))
            .put("role", inv.role().wire())
            .put("expiresAt", inv.expiresAt().toString())
            .put("organisations", o);
      }));
    }));
    router.post("/api/invitations/:token/register").handler(rc -> reply(rc, 201, () -> register(rc)));
  }

  void mountProtected(Router router) {
    router.post("/api/tavoli/:tavoloId/invitations").handler(rc -> reply(rc, 201, () -> create(rc)));
    router.get("/api/tavoli/:tavoloId/invitations").handler(rc -> reply(rc, 200, () -> {
      UUID tavoloId = pathId(rc, "tavoloId");
      return auth.access().coordinator(TokenCheck.principal(rc).userId(), tavoloId)
          .compose(r -> auth.invitations().ofTavolo(tavoloId))
          .map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(i -> out.add(i.toJson()));
            return out;
          });
    }));
    router.delete("/api/tavoli/:tavoloId/invitations/:invitationId").handler(rc -> reply(rc, 204, () -> {
      UUID tavoloId = pathId(rc, "tavoloId");
      UUID invitationId = pathId(rc, "invitationId");
      UUID actor = TokenCheck.principal(rc).userId();
      return auth.access().coordinator(actor, tavoloId)
          .compose(r -> app.pool().withTransaction(tx -> auth.invitations().withdraw(tx, tavoloId, invitationId)
              .compose(x -> audit.append(tx, new AuditStore.Event(tavoloId, actor, "invitation_withdrawn", null,
                  invitationId.toString(), Map.of("invitation", invitationId.toString()))))))
          .mapEmpty();
    }));
    router.post("/api/invitations/:token/accept").handler(rc -> reply(rc, 200, () -> {
      byte[] hash = tokenHash(rc);
      UUID userId = TokenCheck.principal(rc).userId();
      return app.pool().withTransaction(tx -> auth.invitations().consume(tx, hash, userId)
              .compose(inv -> join(tx, inv, userId, "accepted")))
          .compose(inv -> auth.tavoli().getFor(userId, inv.tavoloId()))
          .map(t -> t.orElseThrow().toJson());
    }));
  }

  private Future<JsonObject> create(RoutingContext rc) {
    Principal p = TokenCheck.principal(rc);
    UUID tavoloId = pathId(rc, "tavoloId");
    JsonObject b = body(rc);
    Role role = Role.parse(string(b, "role")).orElseThrow(() ->
        ApiError.badRequest("invalid_input", "'role' must be coordinator, member or observer."));
    Duration ttl = auth.settings().invitationTtl();
    Object hours = b.getValue("expiresInHours");
    if (hours != null) {
      long max = AuthSettings.MAX_INVITATION_TTL.toHours();
      if (!(hours instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > max) {
        throw ApiError.badRequest("invalid_input", "'expiresInHours' must be a whole number from 1 to " + max + ".");
      }
      ttl = Duration.ofHours(n.longValue());
    }
    String token = SecretTokens.generate();
    Instant expiresAt = Instant.now().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return auth.access().coordinator(p.userId(), tavoloId)
        .compose(r -> app.pool().withTransaction(tx ->
            auth.invitations().create(tx, SecretTokens.hash(token), tavoloId, role, p.userId(), expiresAt)
                // offering a role is a decision too: who offered which role, until when
                .compose(id -> audit.append(tx, new AuditStore.Event(tavoloId, p.userId(), "invitation_created", null,
                    id.toString(), Map.of("invitation", id.toString(), "role", role.wire(),
                        "expiresAt", expiresAt.toString()))).map(id))))
        .map(id -> new JsonObject()
            .put("id", id.toString())
            .put("token", token)
            .put("url", app.publicOrigin() + LINK_PATH + token)
            .put("role", role.wire())
            .put("expiresAt", expiresAt.toString()));
  }

  private Future<JsonObject> register(RoutingContext rc) {
    byte[] hash = tokenHash(rc);
    JsonObject b = body(rc);
    String email = AccountRules.email(string(b, "email"));
    String password = AccountRules.password(string(b, "password"));
    String name = AccountRules.name(string(b, "name"), "name");
    OrganisationChoice org = OrganisationChoice.from(b);
    UUID existingOrg = org.existingId();
    Vertx vertx = app.vertx();
    Pool pool = app.pool();
    UUID userId = UUID.randomUUID();
    return usable(hash)
        .compose(inv -> existingOrg == null ? Future.succeededFuture(inv)
            : auth.organisations().ofTavolo(pool, inv.tavoloId()).compose(orgs -> orgs.stream().anyMatch(o -> o.id().equals(existingOrg))
                ? Future.succeededFuture(inv)
                : Future.failedFuture(ApiError.badRequest("invalid_input",
                    "'organisationId' must be one of the organisations in the invitation preview; otherwise describe a new 'organisation'."))))
        .compose(inv -> vertx.executeBlocking(() -> Passwords.hash(password), false))
        .compose(passwordHash -> pool.withTransaction(tx ->
            (!org.isNew() ? Future.succeededFuture(existingOrg)
                : auth.organisations().insert(tx, org.name(), org.side(), org.etsKind()).map(Organisation::id))
            .compose(orgId -> auth.users().insert(tx, userId, email, name, orgId, passwordHash))
            .compose(x -> auth.invitations().consume(tx, hash, userId))
            .compose(inv -> join(tx, inv, userId, "registered"))))
        .compose(inv -> auth.users().findById(userId).map(a -> a.orElseThrow())
            .compose(account -> auth.sessions().open(account))
            .compose(session -> auth.tavoli().getFor(userId, inv.tavoloId())
                .map(t -> AuthRoutes.sessionJson(session).put("tavolo", t.map(TavoloView::toJson).orElseThrow()))));
  }

  /**
   * Makes the user a member with the invitation's role and records it (actor: the one who
   * joined; the invitation names who granted the role), in the caller's transaction.
   */
  private Future<Invitation> join(SqlConnection tx, Invitation inv, UUID userId, String how) {
    return auth.memberships().add(tx, inv.tavoloId(), userId, inv.role())
        .compose(x -> audit.append(tx, new AuditStore.Event(inv.tavoloId(), userId, "member_joined", null, userId.toString(),
            Map.of("user", userId.toString(), "role", inv.role().wire(), "invitation", inv.id().toString(), "how", how))))
        .map(inv);
  }

  /** The invitation, if it can still be used: otherwise not_found, invitation_used or invitation_expired. */
  private Future<Invitation> usable(byte[] hash) {
    return auth.invitations().find(hash).compose(found -> {
      if (found.isEmpty()) return Future.failedFuture(InvitationStore.notFound());
      Invitation inv = found.get();
      if (inv.usedAt() != null) return Future.failedFuture(InvitationStore.used());
      if (!inv.expiresAt().isAfter(Instant.now())) return Future.failedFuture(InvitationStore.expired());
      return Future.succeededFuture(inv);
    });
  }

  private static byte[] tokenHash(RoutingContext rc) {
    String token = rc.pathParam("token");
    if (!SecretTokens.looksValid(token)) throw new ApiError(404, "not_found", "No such invitation: check the link.");
    return SecretTokens.hash(token);
  }
}
