package it.tavolo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.http.Api;
import it.tavolo.testing.OtherProcesses;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two server processes on one database: a logout on one is honoured by the other. */
class RevocationAcrossProcessesTest {
  private static App second;

  @BeforeAll
  static void startSecondServer() {
    second = OtherProcesses.start();
  }

  @AfterAll
  static void stop() {
    OtherProcesses.stop(second);
  }

  private static HttpResponse<String> meOnSecond(String token) {
    return TestServer.request("GET", "http://127.0.0.1:" + second.port() + "/api/me", null, "Authorization", "Bearer " + token);
  }

  @Test
  void aLogoutOnOneServerIsRefusedByTheOtherWithinSeconds() throws Exception {
    JsonObject session = Api.loginJson(DemoSeed.ETS2.email(), "demo");
    String token = session.getString("token");
    assertEquals(200, meOnSecond(token).statusCode(), "the same secret: tokens work on both");
    assertEquals(204, Api.call("POST", "/api/auth/logout", token, null).statusCode());
    long start = System.nanoTime();
    HttpResponse<String> r = meOnSecond(token);
    while (r.statusCode() == 200 && System.nanoTime() - start < 5_000_000_000L) {
      Thread.sleep(50);
      r = meOnSecond(token);
    }
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("token_revoked", new JsonObject(r.body()).getString("code"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("logout seen by the second server after " + ms + " ms");
    assertTrue(ms < 3000, ms + " ms");
    // the refresh token is in the database: refused at once by the other server too
    HttpResponse<String> refresh = TestServer.request("POST", "http://127.0.0.1:" + second.port() + "/api/auth/refresh",
        new JsonObject().put("refreshToken", session.getString("refreshToken")).encode(), "Content-Type", "application/json");
    assertEquals(401, refresh.statusCode(), refresh.body());
  }
}
