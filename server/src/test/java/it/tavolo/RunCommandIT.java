package it.tavolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.SpawnedServer;
import it.tavolo.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a newcomer types it: {@code java -jar server/target/tavolo.jar}
 * with no configuration starts its own database and the demo tavolo. Runs after {@code
 * package} (failsafe), so a shading mistake — a lost service file, logback, the webapp —
 * fails the build rather than the newcomer.
 */
class RunCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theShadedJarStartsOnItsOwnDatabaseWithTheDemoTavoloAndItsAccountsPrinted() throws Exception {
    Path jar = Path.of("target", "tavolo.jar");
    assertTrue(Files.isRegularFile(jar), "built by package: " + jar.toAbsolutePath());
    // no DATABASE_URL, no JWT key, no demo switch: the defaults; the data dir is a fresh one
    try (SpawnedServer s = SpawnedServer.start(jar, Map.of("TAVOLO_JWT_SECRET", ""))) {
      String log = s.logText();
      for (DemoSeed.Account a : DemoSeed.ACCOUNTS) {
        assertTrue(log.contains(a.email()), "the demo account " + a.email() + " is printed at start:\n" + s.tail(30));
      }
      HttpResponse<String> page = TestServer.send(HttpRequest.newBuilder(s.uri("/")).build());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("lang=\"it\""), "the Italian webapp shell is in the jar");

      HttpResponse<String> anonymous = TestServer.send(HttpRequest.newBuilder(s.uri("/api/tavoli")).build());
      assertEquals(401, anonymous.statusCode());
      HttpResponse<String> login = TestServer.send(HttpRequest.newBuilder(s.uri("/api/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + DemoSeed.COORDINATOR.email()
              + "\",\"password\":\"demo\"}")).build());
      assertEquals(200, login.statusCode(), login.body());
      String token = JSON.readTree(login.body()).path("token").asText();
      HttpResponse<String> tavoli = TestServer.send(HttpRequest.newBuilder(s.uri("/api/tavoli"))
          .header("Authorization", "Bearer " + token).build());
      assertEquals(200, tavoli.statusCode());
      JsonNode list = JSON.readTree(tavoli.body());
      assertEquals(DemoSeed.TAVOLO_ID.toString(), list.get(0).path("id").asText(), tavoli.body());
      assertEquals(DemoSeed.DOCUMENT_ID.toString(), list.get(0).path("documents").get(0).path("id").asText(), tavoli.body());
    }
  }
}
