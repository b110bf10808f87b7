package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.App;
import it.tavolo.config.DatabaseUrl;
import it.tavolo.core.ops.Op;
import it.tavolo.core.text.TextOperation;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The external-database path against a PostgreSQL the server does not run itself: in CI,
 * Debian's PostgreSQL, which {@code .ci/run} installs and starts and names in
 * {@code TAVOLO_TEST_DATABASE_URL} (a superuser URL; each run gets a database of its own).
 * On a developer machine without it the test is skipped; in CI its absence is a failure.
 */
class ExternalDatabaseTest {
  private static String adminUrl;

  @BeforeAll
  static void needsASystemPostgres() {
    adminUrl = System.getenv("TAVOLO_TEST_DATABASE_URL");
    if (adminUrl == null || adminUrl.isBlank()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must provide TAVOLO_TEST_DATABASE_URL (.ci/run starts Debian's PostgreSQL)");
      }
      Assumptions.abort("TAVOLO_TEST_DATABASE_URL is not set: no system PostgreSQL to test against");
    }
  }

  @Test
  void draftEditedOnAnExternalDatabaseSurvivesARestartWithNoLocalData() throws Exception {
    String url = freshDatabase();
    // Demo data only because it is asked for explicitly; each start gets an empty data dir,
    // so whatever comes back after the restart came from the external database.
    Map<String, String> env = Map.of("DATABASE_URL", url, "TAVOLO_DEMO", "true");
    String doc = DemoSeed.DOCUMENT_ID.toString();
    JsonNode before;
    App first = TestServer.startApp(TestServer.config(env));
    try {
      int port = first.port();
      assertEquals(200, TestServer.http().send(
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
      try (TypingClient a = new TypingClient(LiveClient.join(port, LiveClient.login(port, "ets1"), doc, "x-a", null), "x-a");
           TypingClient b = new TypingClient(LiveClient.join(port, LiveClient.login(port, "pa"), doc, "x-b", null), "x-b")) {
        String section = a.doc.document().ids("sections").get(0);
        for (int i = 0; i < 5; i++) {
          for (TypingClient c : new TypingClient[] {a, b}) {
            int len = c.doc.document().textLength("sections", section, "body");
            c.edit(List.of(new Op.Text("sections", section, "body",
                TextOperation.builder().insert(c == a ? "e" : "P").retain(len).build())));
            c.settle(c.doc.seq());
          }
        }
        for (int round = 0; round < 3; round++) {
          long head = Math.max(a.doc.seq(), b.doc.seq());
          a.settle(head);
          b.settle(head);
        }
      }
      try (LiveClient check = LiveClient.join(port, LiveClient.login(port, "coordinatore"), doc, "x-check", null)) {
        before = check.welcome;
      }
    } finally {
      first.stop();
    }
    assertTrue(before.path("seq").asLong() >= 11, "seed + 10 keystrokes");

    // Restart without asking for demo data: nothing is seeded again, the draft is all there.
    App second = TestServer.startApp(TestServer.config(Map.of("DATABASE_URL", url)));
    try {
      int port = second.port();
      try (LiveClient check = LiveClient.join(port, LiveClient.login(port, "coordinatore"), doc, "x-check2", null)) {
        assertEquals(before.path("seq"), check.welcome.path("seq"));
        assertEquals(before.path("snapshot"), check.welcome.path("snapshot"));
        assertEquals(before.path("authors"), check.welcome.path("authors"));
      }
      long tavoli = LiveFixtures.sql(second.context().pool(), "select count(*) as n from tavoli",
          io.vertx.sqlclient.Tuple.tuple()).get(0).getLong("n");
      assertEquals(1, tavoli, "the demo tavolo exists once");
    } finally {
      second.stop();
    }
  }

  /** A new, empty database on the external server, so runs never see each other's data. */
  private static String freshDatabase() throws Exception {
    DatabaseUrl admin = DatabaseUrl.parse(adminUrl);
    String name = "tavolo_ext_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         Statement s = c.createStatement()) {
      s.execute("create database " + name); // a generated identifier, not user input
    }
    URI u = URI.create(adminUrl);
    return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), u.getPort(), "/" + name, u.getQuery(), null).toString();
  }
}
