package it.tavolo.http;

import static it.tavolo.http.Api.call;
import static it.tavolo.http.Api.error;
import static it.tavolo.http.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.auth.SecretTokens;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Single-use invitation links: create, preview, accept, register. */
class InvitationsTest {
  private static String coordinator;

  @BeforeAll
  static void login() {
    coordinator = Api.login(DemoSeed.COORDINATOR.email());
  }

  private static HttpResponse<String> preview(String invitation) {
    return call("GET", "/api/invitations/" + invitation, null, null);
  }

  private static HttpResponse<String> accept(String invitation, String token) {
    return call("POST", "/api/invitations/" + invitation + "/accept", token, null);
  }

  private static HttpResponse<String> register(String invitation, JsonObject body) {
    return call("POST", "/api/invitations/" + invitation + "/register", null, body.encode());
  }

  /** An invitation for someone new: the coordinator says which organisation they belong to. */
  private static String inviteFor(String tavolo, String role, java.util.UUID organisation) {
    return ok(call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator, new JsonObject().put("role", role)
        .put("organisationId", organisation.toString()).encode()), 201).getString("token");
  }

  private static JsonObject newAccount(String email) {
    return new JsonObject().put("email", email).put("password", "password-lunga").put("name", "Anna Verdi")
        .put("organisation", new JsonObject().put("name", "Fondazione Prova").put("side", "ETS").put("etsKind", "fondazione"));
  }

  @Test
  void anInvitationHasTheRoleAskedALinkAndAnExpiry() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo inviti").getString("id");
    JsonObject inv = ok(call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator,
        "{\"role\":\"observer\",\"expiresInHours\":2}"), 201);
    assertEquals("observer", inv.getString("role"));
    assertTrue(SecretTokens.looksValid(inv.getString("token")));
    assertTrue(inv.getString("url").endsWith("/#/invito/" + inv.getString("token")), inv.getString("url"));
    Duration left = Duration.between(Instant.now(), Instant.parse(inv.getString("expiresAt")));
    assertTrue(left.compareTo(Duration.ofMinutes(115)) > 0 && left.compareTo(Duration.ofMinutes(121)) < 0, left.toString());
    JsonObject p = ok(preview(inv.getString("token")), 200);
    assertEquals("Tavolo inviti", p.getJsonObject("tavolo").getString("title"));
    assertEquals("observer", p.getString("role"));
    for (String bad : new String[] {"{\"role\":\"owner\"}", "{}", "{\"role\":\"member\",\"expiresInHours\":0}",
        "{\"role\":\"member\",\"expiresInHours\":721}", "{\"role\":\"member\",\"expiresInHours\":1.5}",
        "{\"role\":\"member\",\"expiresInHours\":\"2\"}"}) {
      error(call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator, bad), 400, "invalid_input");
    }
  }

  @Test
  void anInvitationWorksOnce() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo una volta").getString("id");
    String invitation = Api.invite(coordinator, tavolo, "member");
    String ets1 = Api.login(DemoSeed.ETS1.email());
    JsonObject joined = ok(accept(invitation, ets1), 200);
    assertEquals("member", joined.getString("role"));
    assertEquals(tavolo, joined.getString("id"));
    error(accept(invitation, Api.login(DemoSeed.ETS2.email())), 410, "invitation_used");
    error(preview(invitation), 410, "invitation_used");
    error(register(invitation, newAccount(Api.uniqueEmail("late"))), 410, "invitation_used");
    error(call("GET", "/api/tavoli/" + tavolo, Api.login(DemoSeed.ETS2.email()), null), 404, "not_found");
  }

  @Test
  void twoPeopleRacingForOneLinkLetExactlyOneIn() throws Exception {
    String tavolo = Api.newTavolo(coordinator, "Tavolo gara").getString("id");
    String[] tokens = {Api.login(DemoSeed.ETS1.email()), Api.login(DemoSeed.ETS2.email()),
        Api.login(DemoSeed.PA_MEMBER.email()), Api.login(DemoSeed.OBSERVER.email())};
    ExecutorService pool = Executors.newFixedThreadPool(tokens.length);
    for (int round = 0; round < 3; round++) {
      String invitation = Api.invite(coordinator, tavolo + "", "member");
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (String t : tokens) calls.add(CompletableFuture.supplyAsync(() -> accept(invitation, t), pool));
      int joined = 0;
      int refused = 0;
      for (var c : calls) {
        HttpResponse<String> r = c.get(30, TimeUnit.SECONDS);
        if (r.statusCode() == 200) joined++;
        else if (r.statusCode() == 410 || r.statusCode() == 409) refused++;
      }
      assertEquals(1, joined, "round " + round);
      assertEquals(tokens.length - 1, refused, "round " + round);
    }
    pool.shutdown();
    assertEquals(4, Api.okArray(call("GET", "/api/tavoli/" + tavolo + "/members", coordinator, null)).size());
  }

  @Test
  void anExpiredInvitationIsGone() throws Exception {
    String tavolo = Api.newTavolo(coordinator, "Tavolo scaduto").getString("id");
    String invitation = Api.invite(coordinator, tavolo, "member");
    TestServer.pool().preparedQuery("update invitations set expires_at = now() - interval '1 second' where token_hash = $1")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(SecretTokens.hash(invitation)))).await(10, TimeUnit.SECONDS);
    error(preview(invitation), 410, "invitation_expired");
    error(accept(invitation, Api.login(DemoSeed.ETS1.email())), 410, "invitation_expired");
    error(register(invitation, newAccount(Api.uniqueEmail("late"))), 410, "invitation_expired");
  }

  @Test
  void aCoordinatorListsAndWithdrawsInvitations() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo ritiri").getString("id");
    JsonObject pending = ok(call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator, "{\"role\":\"member\"}"), 201);
    String used = Api.invite(coordinator, tavolo, "observer");
    ok(accept(used, Api.login(DemoSeed.ETS2.email())), 200);
    var list = Api.okArray(call("GET", "/api/tavoli/" + tavolo + "/invitations", coordinator, null));
    assertEquals(2, list.size());
    assertEquals("used", list.getJsonObject(0).getString("status"));
    assertEquals(DemoSeed.ETS2.displayName(), list.getJsonObject(0).getJsonObject("usedBy").getString("name"));
    assertEquals("pending", list.getJsonObject(1).getString("status"));
    assertTrue(!list.encode().contains(pending.getString("token")), "tokens are never listed");

    String base = "/api/tavoli/" + tavolo + "/invitations/";
    error(call("DELETE", base + list.getJsonObject(0).getString("id"), coordinator, null), 410, "invitation_used");
    String ets2 = Api.login(DemoSeed.ETS2.email());
    error(call("GET", "/api/tavoli/" + tavolo + "/invitations", ets2, null), 403, "forbidden");
    error(call("DELETE", base + pending.getString("id"), ets2, null), 403, "forbidden");
    error(call("DELETE", base + java.util.UUID.randomUUID(), coordinator, null), 404, "not_found");
    // an invitation of another tavolo cannot be withdrawn through this one
    String other = Api.newTavolo(coordinator, "Altro").getString("id");
    error(call("DELETE", "/api/tavoli/" + other + "/invitations/" + pending.getString("id"), coordinator, null), 404, "not_found");

    assertEquals(204, call("DELETE", base + pending.getString("id"), coordinator, null).statusCode());
    assertEquals(204, call("DELETE", base + pending.getString("id"), coordinator, null).statusCode(), "idempotent");
    error(preview(pending.getString("token")), 410, "invitation_expired");
    error(accept(pending.getString("token"), Api.login(DemoSeed.ETS1.email())), 410, "invitation_expired");
  }

  @Test
  void unknownOrMalformedLinksAreNotFound() {
    error(preview("x".repeat(43)), 404, "not_found");
    error(preview("short"), 404, "not_found");
    error(accept("y".repeat(43), Api.login(DemoSeed.ETS1.email())), 404, "not_found");
  }

  @Test
  void acceptingWhenAlreadyAMemberKeepsTheInvitationForSomeoneElse() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo già dentro").getString("id");
    String invitation = Api.invite(coordinator, tavolo, "observer");
    error(accept(invitation, coordinator), 409, "already_member");
    assertEquals("coordinator", ok(call("GET", "/api/tavoli/" + tavolo, coordinator, null), 200).getString("role"),
        "the coordinator was not demoted to observer");
    assertEquals("observer", ok(accept(invitation, Api.login(DemoSeed.ETS2.email())), 200).getString("role"));
  }

  @Test
  void registeringThroughAnInvitationCreatesAnAccountThatCanLogIn() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo nuovi").getString("id");
    String invitation = inviteFor(tavolo, "member", DemoSeed.COOPERATIVA.id());
    String email = Api.uniqueEmail("anna");
    JsonObject r = ok(register(invitation, newAccount(email.toUpperCase())), 201);
    assertEquals(email, r.getJsonObject("user").getString("email"));
    // the invited organisation; the one described is a proposal for a coordinator
    assertEquals(DemoSeed.COOPERATIVA.id().toString(), r.getJsonObject("user").getJsonObject("organisation").getString("id"));
    assertEquals("pending", r.getJsonObject("proposal").getString("status"));
    assertEquals("fondazione", r.getJsonObject("proposal").getJsonObject("organisation").getString("etsKind"));
    assertEquals("member", r.getJsonObject("tavolo").getString("role"));
    assertEquals(200, call("GET", "/api/tavoli/" + tavolo, r.getString("token"), null).statusCode());
    JsonObject again = Api.loginJson(email, "password-lunga");
    assertEquals(r.getJsonObject("user").getString("id"), again.getJsonObject("user").getString("id"));
  }

  @Test
  void registeringJoinsOnlyTheInvitedOrganisation() {
    String tavolo = Api.newTavolo(coordinator, "Tavolo SdS").getString("id");
    String invitation = inviteFor(tavolo, "member", DemoSeed.SDS.id());
    JsonObject preview = ok(preview(invitation), 200);
    assertEquals(DemoSeed.SDS.id().toString(), preview.getJsonObject("organisation").getString("id"));
    JsonObject body = new JsonObject().put("email", Api.uniqueEmail("mario")).put("password", "password-lunga")
        .put("name", "Mario Neri");
    error(register(invitation, body.copy().put("organisationId", DemoSeed.ODV.id().toString())), 403, "organisation_not_invited");
    JsonObject r = ok(register(invitation, body.copy().put("organisationId", DemoSeed.SDS.id().toString())), 201);
    assertEquals(DemoSeed.SDS.id().toString(), r.getJsonObject("user").getJsonObject("organisation").getString("id"));
    assertTrue(r.getValue("proposal") == null, "nothing proposed: " + r.encode());
  }

  @Test
  void registrationValidatesAndSavesNothingOnError() throws Exception {
    String tavolo = Api.newTavolo(coordinator, "Tavolo validazione").getString("id");
    String invitation = inviteFor(tavolo, "member", DemoSeed.COOPERATIVA.id());
    long users = countUsers();
    String email = Api.uniqueEmail("v");
    error(register(invitation, newAccount("not-an-email")), 400, "invalid_email");
    error(register(invitation, newAccount("a@b")), 400, "invalid_email");
    error(register(invitation, newAccount(email).put("password", "1234567")), 400, "weak_password");
    error(register(invitation, newAccount(email).put("password", "é".repeat(7))), 400, "weak_password");
    error(register(invitation, newAccount(email).put("password", "x".repeat(257))), 400, "invalid_input");
    error(register(invitation, newAccount(email).put("name", " ")), 400, "invalid_input");
    error(register(invitation, newAccount(email).put("organisation",
        new JsonObject().put("name", "Coop").put("side", "ETS"))), 400, "invalid_input");
    error(register(invitation, newAccount(email).put("organisation",
        new JsonObject().put("name", "Comune").put("side", "PA").put("etsKind", "odv"))), 400, "invalid_input");
    error(register(invitation, newAccount(email).put("organisation",
        new JsonObject().put("name", "Altro").put("side", "privato"))), 400, "invalid_input");
    error(register(invitation, newAccount(email).put("password", "12345678")), 400, "weak_password");
    error(register(invitation, newAccount(email).put("email", email + "\u200b")), 400, "bad_email");
    JsonObject pickingTheSds = newAccount(email);
    pickingTheSds.remove("organisation");
    error(register(invitation, pickingTheSds.put("organisationId", DemoSeed.SDS.id().toString())), 403, "organisation_not_invited");
    error(register(invitation, newAccount(DemoSeed.ETS1.email())), 409, "email_taken");
    assertEquals(users, countUsers());
    // the invitation was not used up by any of these
    assertEquals(200, preview(invitation).statusCode());
    assertEquals(201, register(invitation, newAccount(email)).statusCode());
    assertEquals(users + 1, countUsers());
  }

  private static long countUsers() throws Exception {
    return TestServer.pool().query("select count(*) as n from users").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
  }
}
