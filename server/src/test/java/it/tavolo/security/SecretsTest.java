package it.tavolo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.ExternalPostgres;
import it.tavolo.testing.SpawnedServer;
import it.tavolo.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Secrets stay secret: in production the server does not start without a real JWT key
 * (missing, short, or a placeholder), and saying why it refused never prints the key; and a
 * server logging at DEBUG through logins, wrong passwords, refreshes, invitations, WebSocket
 * joins with good and bad tokens and a shutdown never writes a password, a token, the JWT
 * key or the database password to its log.
 */
class SecretsTest {
  @Test
  void productionRefusesToStartWithoutARealJwtKeyAndDoesNotEchoIt() throws Exception {
    String[][] cases = {
        {null, "missing"},
        {"troppo-corta-0123456789", "shorter than 32 bytes"},
        {"changemechangemechangemechangeme", "a placeholder"},
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "one key held down"},
    };
    for (String[] c : cases) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "it.tavolo.Main");
      pb.environment().keySet().removeIf(k -> k.startsWith("TAVOLO_") || k.equals("DATABASE_URL"));
      pb.environment().put("TAVOLO_ENV", "production");
      pb.environment().put("TAVOLO_DATA_DIR", TestServer.tempDir("prod").toString());
      pb.environment().put("PORT", "0");
      if (c[0] != null) {
        pb.environment().put("TAVOLO_JWT_SECRET", c[0]);
      }
      pb.redirectErrorStream(true);
      Process p = pb.start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "with a JWT key " + c[1] + " the server should exit, not start");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(2, p.exitValue(), c[1] + ": " + out);
      assertTrue(out.contains("TAVOLO_JWT_SECRET"), c[1] + ": the message names the variable: " + out);
      if (c[0] != null) {
        assertFalse(out.contains(c[0]), c[1] + ": the refused key is printed: " + out);
      }
    }
  }

  @Test
  void nothingSecretIsLoggedThroughLoginsErrorsTokensAndShutdown() throws Exception {
    String demoPassword = "Demo-Password-Segreta-4242";
    String wrongPassword = "Password-Sbagliata-9191";
    String secret = "log-scan-secret-" + Long.toHexString(System.nanoTime()) + "-0123456789abcdef";
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("JWT secret", secret);
    secrets.put("database password", ExternalPostgres.PASSWORD);
    secrets.put("demo password", demoPassword);
    secrets.put("wrong password", wrongPassword);
    try (ExternalPostgres pg = ExternalPostgres.start();
         SpawnedServer s = SpawnedServer.start(Map.of("DATABASE_URL", pg.url(), "TAVOLO_DEMO", "true",
             "TAVOLO_DEMO_PASSWORD", demoPassword, "TAVOLO_JWT_SECRET", secret, "LOG_LEVEL", "DEBUG"))) {
      JsonNode session = json(post(s, "/api/auth/login", null,
          "{\"email\":\"coordinatore@demo.tavolo\",\"password\":\"" + demoPassword + "\"}", 200));
      String token = session.path("token").asText();
      String refresh = session.path("refreshToken").asText();
      secrets.put("access token", token);
      secrets.put("access token signature", token.substring(token.lastIndexOf('.') + 1));
      secrets.put("refresh token", refresh);
      post(s, "/api/auth/login", null, "{\"email\":\"coordinatore@demo.tavolo\",\"password\":\"" + wrongPassword + "\"}", 401);
      post(s, "/api/auth/login", null, "{\"email\":\"nessuno@demo.tavolo\",\"password\":\"" + wrongPassword + "\"}", 401);
      JsonNode refreshed = json(post(s, "/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}", 200));
      secrets.put("refreshed access token", refreshed.path("token").asText());
      secrets.put("second refresh token", refreshed.path("refreshToken").asText());
      call(s, "POST", "/api/auth/refresh", null, "{\"refreshToken\":\"" + refresh + "\"}"); // reuse: the session dies
      String fresh = json(post(s, "/api/auth/login", null,
          "{\"email\":\"coordinatore@demo.tavolo\",\"password\":\"" + demoPassword + "\"}", 200)).path("token").asText();
      secrets.put("third access token", fresh);
      JsonNode inv = json(post(s, "/api/tavoli/" + DemoSeed.TAVOLO_ID + "/invitations", fresh,
          "{\"role\":\"member\",\"organisationId\":\"" + DemoSeed.SDS.id() + "\"}", 201));
      String invitation = inv.path("token").asText();
      secrets.put("invitation token", invitation);
      get(s, "/api/invitations/" + invitation, null);
      post(s, "/api/invitations/" + invitation + "/register", null, "{\"email\":\"nuova@example.org\",\"password\":\""
          + wrongPassword + "-nuova\",\"name\":\"Nuova\",\"organisationId\":\"" + DemoSeed.SDS.id() + "\"}", 201);
      secrets.put("registered password", wrongPassword + "-nuova");
      get(s, "/api/me", "forged." + token.substring(token.indexOf('.') + 1));
      get(s, "/api/me", fresh + "x");
      wsHello(s, fresh);
      wsHello(s, token + "tampered");
      JsonNode link = json(post(s, "/api/sedute/" + it.tavolo.demo.SeduteDemo.SEDUTA_ID + "/viewer-link", fresh, null, 201));
      secrets.put("viewer link secret", link.path("token").asText());
      String unused = json(post(s, "/api/tavoli/" + DemoSeed.TAVOLO_ID + "/invitations", fresh, "{\"role\":\"member\"}", 201))
          .path("token").asText();
      secrets.put("unused invitation token", unused);
      get(s, "/api/viewer/" + link.path("token").asText(), null);
      post(s, "/api/auth/logout", fresh, null, 204);
      // with the database gone these routes fail on the server: their failure is logged without the path's secret
      pg.stop();
      assertTrue(call(s, "GET", "/api/invitations/" + unused, null, null).statusCode() >= 500);
      assertTrue(call(s, "GET", "/api/viewer/" + link.path("token").asText(), null, null).statusCode() >= 500);
      pg.startAgain();
      int exit = s.stop();
      String log = s.logText();
      assertTrue(log.contains("tavolo stopped"), "stopped gracefully (exit " + exit + ")");
      assertTrue(log.contains("tavolo ready"), "the log was captured: " + log.length() + " chars");
      assertTrue(log.contains("/api/viewer/:secret"), "the failures were logged, without the secret:\n" + s.tail(30));
      List<String> leaks = new ArrayList<>();
      for (Map.Entry<String, String> e : secrets.entrySet()) {
        assertFalse(e.getValue() == null || e.getValue().length() < 8, e.getKey() + " was obtained");
        if (log.contains(e.getValue())) {
          leaks.add(e.getKey());
        }
      }
      assertTrue(leaks.isEmpty(), "secrets in the log: " + leaks + "\n" + s.tail(40));
    }
  }

  private static HttpResponse<String> call(SpawnedServer s, String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return TestServer.send(b.build());
  }

  private static String post(SpawnedServer s, String path, String token, String body, int status) {
    HttpResponse<String> r = call(s, "POST", path, token, body);
    assertEquals(status, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  private static void get(SpawnedServer s, String path, String token) {
    call(s, "GET", path, token, null);
  }

  private static JsonNode json(String body) {
    return SecurityFixture.json(body);
  }

  /** A hello over a plain WebSocket, waiting for the first answer (welcome or error). */
  private static void wsHello(SpawnedServer s, String token) throws IOException, InterruptedException {
    java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
      @Override
      public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
        synchronized (this) {
          notifyAll();
        }
        return null;
      }
    };
    java.net.http.WebSocket ws = TestServer.http().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + s.port() + "/ws"), listener).join();
    synchronized (listener) {
      ws.sendText("{\"type\":\"hello\",\"token\":\"" + token + "\",\"doc\":\"" + DemoSeed.DOCUMENT_ID
          + "\",\"client\":\"log-scan\",\"since\":null}", true);
      listener.wait(10_000);
    }
    ws.abort();
  }
}
