package it.tavolo.http;

import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.pathId;
import static it.tavolo.web.Calls.reply;
import static it.tavolo.web.Calls.string;

import io.vertx.core.Future;
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
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import it.tavolo.auth.SecretTokens;
import it.tavolo.db.InvitationStore;
import it.tavolo.db.InvitationStore.Invitation;
import it.tavolo.db.Organisation;
import it.tavolo.db.TavoloView;
import it.tavolo.auth.AuditTrail;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
  private final AuditTrail audit;

  InvitationRoutes(AuthServices auth, AppContext app, AuditTrail audit) {
    this.auth = auth;
    this.app = app;
    this.audit = audit;
  }

  void mountOpen(Router router) {
    // each route twice: the secret in the path (the link's form), or in the TOKEN_HEADER
    // header under /api/invitation, which keeps it out of proxies' access logs
    for (String base : new String[] {"/api/invitations/:token", "/api/invitation"}) {
      router.get(base).handler(rc -> reply(rc, 200, () -> preview(rc)));
      router.post(base + "/register").handler(rc -> reply(rc, 201, () -> register(rc)));
    }
  }

  private Future<JsonObject> preview(RoutingContext rc) {
    byte[] hash = tokenHash(rc);
    return usable(hash).compose(inv -> auth.organisations().ofTavolo(app.pool(), inv.tavoloId()).map(orgs -> {
      JsonArray o = new JsonArray();
      // an invitation that names an organisation offers no other: it is the only one possible
      orgs.stream().filter(org -> inv.organisation() == null || org.id().equals(inv.organisation().id()))
          .forEach(org -> o.add(org.toJson()));
      if (inv.organisation() != null && o.isEmpty()) o.add(inv.organisation().toJson());
      return new JsonObject()
          .put("tavolo", new JsonObject().put("id", inv.tavoloId().toString()).put("title", inv.tavoloTitle()))
          .put("role", inv.role().wire())
          .put("expiresAt", inv.expiresAt().toString())
          .put("organisation", inv.organisation() == null ? null : inv.organisation().toJson())
          .put("organisations", o);
    }));
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
              .compose(x -> audit.append(tx, new AuditTrail.Event(tavoloId, actor, "invitation_withdrawn", null,
                  invitationId.toString(), Map.of("invitation", invitationId.toString()))))))
          .mapEmpty();
    }));
    for (String base : new String[] {"/api/invitations/:token", "/api/invitation"}) {
      router.post(base + "/accept").handler(rc -> reply(rc, 200, () -> {
        byte[] hash = tokenHash(rc);
        UUID userId = TokenCheck.principal(rc).userId();
        return app.pool().withTransaction(tx -> auth.invitations().consume(tx, hash, userId)
                .compose(inv -> join(tx, inv, userId, "accepted")))
            .compose(inv -> auth.tavoli().getFor(userId, inv.tavoloId()))
            .map(t -> t.orElseThrow().toJson());
      }));
    }

    router.get("/api/tavoli/:tavoloId/organisation-proposals").handler(rc -> reply(rc, 200, () -> {
      UUID tavoloId = pathId(rc, "tavoloId");
      return auth.access().coordinator(TokenCheck.principal(rc).userId(), tavoloId)
          .compose(r -> auth.proposals().ofTavolo(tavoloId))
          .map(list -> {
            JsonArray out = new JsonArray();
            list.forEach(p -> out.add(p.toJson()));
            return out;
          });
    }));
    for (boolean confirm : new boolean[] {true, false}) {
      String verb = confirm ? "confirm" : "reject";
      router.post("/api/tavoli/:tavoloId/organisation-proposals/:proposalId/" + verb).handler(rc -> reply(rc, 200, () -> {
        UUID tavoloId = pathId(rc, "tavoloId");
        UUID proposalId = pathId(rc, "proposalId");
        UUID actor = TokenCheck.principal(rc).userId();
        return auth.access().coordinator(actor, tavoloId)
            .compose(r -> app.pool().withTransaction(tx -> auth.proposals()
                .decide(tx, tavoloId, proposalId, actor, confirm, auth.organisations())
                // who decided someone's affiliation, and to what, is part of the record
                .compose(p -> audit.append(tx, new AuditTrail.Event(tavoloId, actor, "organisation_" + p.status(), null,
                    p.userId().toString(), confirm
                        ? Map.of("user", p.userId().toString(), "proposal", p.id().toString(), "name", p.name(),
                            "side", p.side(), "organisation", p.organisationId().toString())
                        : Map.of("user", p.userId().toString(), "proposal", p.id().toString(), "name", p.name(),
                            "side", p.side()))).map(p))))
            .map(p -> p.toJson());
      }));
    }
  }

  private Future<JsonObject> create(RoutingContext rc) {
    Principal p = TokenCheck.principal(rc);
    UUID tavoloId = pathId(rc, "tavoloId");
    JsonObject b = body(rc);
    Role role = Role.parse(string(b, "role")).orElseThrow(() ->
        Refusal.invalid("invalid_input", "'role' must be coordinator, member or observer."));
    Duration ttl = auth.settings().invitationTtl();
    Object hours = b.getValue("expiresInHours");
    if (hours != null) {
      long max = AuthSettings.MAX_INVITATION_TTL.toHours();
      if (!(hours instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1 || n.longValue() > max) {
        throw Refusal.invalid("invalid_input", "'expiresInHours' must be a whole number from 1 to " + max + ".");
      }
      ttl = Duration.ofHours(n.longValue());
    }
    UUID organisationId = optionalId(b, "organisationId");
    String token = SecretTokens.generate();
    Instant expiresAt = Instant.now().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    return auth.access().coordinator(p.userId(), tavoloId)
        // only an organisation the coordinator works with: ids are not for guessing
        .compose(r -> organisationId == null ? Future.<Organisation>succeededFuture(null)
            : auth.organisations().visibleTo(p.userId()).map(list -> list.stream()
                .filter(o -> o.id().equals(organisationId)).findFirst()
                .orElseThrow(() -> Refusal.invalid("invalid_input",
                    "'organisationId' must be an organisation you work with (name it a partner of the tavolo first)."))))
        .compose(org -> app.pool().withTransaction(tx ->
            auth.invitations().create(tx, SecretTokens.hash(token), tavoloId, role, p.userId(), expiresAt, organisationId)
                // offering a role is a decision too: who offered which role, for which organisation, until when
                .compose(id -> audit.append(tx, new AuditTrail.Event(tavoloId, p.userId(), "invitation_created", null,
                    id.toString(), organisationId == null
                        ? Map.of("invitation", id.toString(), "role", role.wire(), "expiresAt", expiresAt.toString())
                        : Map.of("invitation", id.toString(), "role", role.wire(), "expiresAt", expiresAt.toString(),
                            "organisation", organisationId.toString()))).map(id)))
            .map(id -> new JsonObject()
                .put("id", id.toString())
                .put("token", token)
                .put("url", app.publicOrigin() + LINK_PATH + token)
                .put("role", role.wire())
                .put("organisation", org == null ? null : org.toJson())
                .put("expiresAt", expiresAt.toString())));
  }

  private static UUID optionalId(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v == null) return null;
    try {
      if (v instanceof String s) return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      // the message below
    }
    throw Refusal.invalid("invalid_input", "'" + field + "' is not a valid id.");
  }

  /**
   * A new account through an invitation. The account joins the organisation the invitation
   * names (the inviter decided it); {@code organisationId}, if given, must be that one; a new
   * {@code organisation} is only a proposal, pending until a coordinator confirms it.
   * Invitations without an organisation cannot register anyone ({@code organisation_required}).
   */
  private Future<JsonObject> register(RoutingContext rc) {
    byte[] hash = tokenHash(rc);
    JsonObject b = body(rc);
    String email = AccountRules.email(string(b, "email"));
    String password = AccountRules.password(string(b, "password"), email);
    String name = AccountRules.name(string(b, "name"), "name");
    OrganisationChoice org = b.getValue("organisation") == null && b.getValue("organisationId") == null ? null
        : OrganisationChoice.from(b);
    Pool pool = app.pool();
    UUID userId = UUID.randomUUID();
    return usable(hash)
        .compose(inv -> {
          if (inv.organisation() == null) {
            return Future.failedFuture(Refusal.conflict("organisation_required",
                "This invitation names no organisation, so it cannot create an account: ask the coordinator for a new one"
                    + " (or log in and accept it if you have an account)."));
          }
          if (org != null && !org.isNew() && !org.existingId().equals(inv.organisation().id())) {
            return Future.failedFuture(new Refusal(403, "organisation_not_invited",
                "You were invited as a member of " + inv.organisation().name()
                    + ": propose a new 'organisation' instead, for a coordinator to confirm."));
          }
          return Future.succeededFuture(inv);
        })
        .compose(invited -> auth.passwords().run(() -> Passwords.hash(password))
            .compose(passwordHash -> pool.withTransaction(tx ->
                // the organisation cannot change after the invitation is made: the one read above is the one
                auth.users().insert(tx, userId, email, name, invited.organisation().id(), passwordHash)
                    .compose(x -> auth.invitations().consume(tx, hash, userId))
                    .compose(inv -> org == null || !org.isNew() ? Future.<UUID>succeededFuture(null)
                        : auth.proposals().insert(tx, inv.tavoloId(), userId, org.name(), org.side(), org.etsKind())
                            // what the invitee claims is on the record, beside what the coordinator decides
                            .compose(id -> audit.append(tx, new AuditTrail.Event(inv.tavoloId(), userId, "organisation_proposed",
                                null, userId.toString(), Map.of("user", userId.toString(), "proposal", id.toString(),
                                    "name", org.name(), "side", org.side()))).map(id)))
                    .compose(proposalId -> join(tx, invited, userId, "registered").map(x -> Optional.ofNullable(proposalId)))))
            .compose(proposalId -> auth.users().findById(userId).map(a -> a.orElseThrow())
                .compose(account -> auth.sessions().open(account))
                .compose(session -> auth.tavoli().getFor(userId, invited.tavoloId()).map(t -> {
                  JsonObject out = AuthRoutes.sessionJson(session).put("tavolo", t.map(TavoloView::toJson).orElseThrow());
                  proposalId.ifPresent(id -> out.put("proposal", new JsonObject().put("id", id.toString())
                      .put("status", "pending").put("organisation", new JsonObject().put("name", org.name())
                          .put("side", org.side()).put("etsKind", org.etsKind()))));
                  return out;
                }))));
  }

  /**
   * Makes the user a member with the invitation's role and records it (actor: the one who
   * joined; the invitation names who granted the role), in the caller's transaction.
   */
  private Future<Invitation> join(SqlConnection tx, Invitation inv, UUID userId, String how) {
    return auth.memberships().add(tx, inv.tavoloId(), userId, inv.role())
        .compose(x -> audit.append(tx, new AuditTrail.Event(inv.tavoloId(), userId, "member_joined", null, userId.toString(),
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

  /** The header that carries an invitation's secret on the /api/invitation routes. */
  static final String TOKEN_HEADER = "Tavolo-Invitation";

  private static byte[] tokenHash(RoutingContext rc) {
    String token = rc.pathParam("token");
    if (token == null) token = rc.request().getHeader(TOKEN_HEADER);
    if (!SecretTokens.looksValid(token)) throw new Refusal(404, "not_found", "No such invitation: check the link.");
    return SecretTokens.hash(token);
  }
}
