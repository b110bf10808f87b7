package it.tavolo.auth;

import it.tavolo.core.Role;
import it.tavolo.core.Refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.db.DocumentAccess;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The API the WebSocket layer builds on: verify a token, check a document's role, hear of revocations. */
class AccessForLiveLayerTest {
  private static AuthServices auth() {
    return TestServer.app().auth();
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void verifyGivesThePrincipalAndFailsWithAStableCode() throws Exception {
    String token = Api.login(DemoSeed.ETS2.email());
    Principal p = await(auth().tokens().verify(token));
    assertEquals(DemoSeed.ETS2.id(), p.userId());
    assertEquals(DemoSeed.CONSORZIO.id(), p.orgId());
    assertEquals("ETS", p.side());
    assertEquals(DemoSeed.ETS2.displayName(), p.name());
    assertTrue(p.expiresAt().isAfter(java.time.Instant.now()));
    Exception e = assertThrows(Exception.class, () -> await(auth().tokens().verify(token + "x")));
    Refusal r = (Refusal) (e instanceof Refusal ? e : e.getCause());
    assertEquals("unauthorized", r.code());
    assertEquals(401, r.status());
  }

  @Test
  void vertxAuthJwtItselfRefusesAlgNoneAndOtherKeys() throws Exception {
    String token = Api.login(DemoSeed.ETS2.email());
    await(auth().tokens().signatureCheckOnly(token)); // the control: a real token passes this layer
    io.vertx.core.json.JsonObject claims = JwtForge.part(token, 1);
    String none = JwtForge.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + JwtForge.b64(claims.encode());
    assertThrows(Exception.class, () -> await(auth().tokens().signatureCheckOnly(none + ".")));
    assertThrows(Exception.class, () -> await(auth().tokens().signatureCheckOnly(none)));
    assertThrows(Exception.class, () -> await(auth().tokens().signatureCheckOnly(
        JwtForge.hs256(claims, "another-secret-another-secret-another-secret-42"))));
  }

  @Test
  void documentAccessGivesTheRoleAndRefusesOutsiders() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    DocumentAccess a = await(auth().access().document(DemoSeed.OBSERVER.id(), t.documentId()));
    assertEquals(Role.OBSERVER, a.role());
    assertFalse(a.role().canEdit());
    assertEquals(t.id(), a.tavoloId());
    assertEquals(Role.COORDINATOR, await(auth().access().document(DemoSeed.COORDINATOR.id(), t.documentId())).role());
    String outsider = Api.loginJson(DemoSeed.ETS1.email(), "demo").getJsonObject("user").getString("id");
    String coordinator = Api.login(DemoSeed.COORDINATOR.email());
    String other = Api.newTavolo(coordinator, "Altro tavolo").getJsonArray("documents").getJsonObject(0).getString("id");
    Exception e = assertThrows(Exception.class, () -> await(auth().access().document(UUID.fromString(outsider), UUID.fromString(other))));
    Refusal r = (Refusal) (e instanceof Refusal ? e : e.getCause());
    assertEquals("not_found", r.code());
    assertTrue(await(auth().memberships().roleForDocument(DemoSeed.ETS1.id(), UUID.randomUUID())).isEmpty());
  }

  @Test
  void revocationListenersHearOfALogout() throws Exception {
    List<UUID> heard = new CopyOnWriteArrayList<>();
    auth().revocations().onRevoked(heard::add);
    String token = Api.login(DemoSeed.PA_MEMBER.email());
    Principal p = await(auth().tokens().verify(token));
    assertEquals(204, Api.call("POST", "/api/auth/logout", token, null).statusCode());
    assertTrue(heard.contains(p.jti()) && heard.contains(p.sessionId()), heard.toString());
    assertTrue(auth().revocations().isRevoked(p.jti(), null));
  }
}
