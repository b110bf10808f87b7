package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.demo.SeduteDemo;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 1, from outside: client ids are visible to every member ({@code members},
 * {@code presence}) and to guests ({@code client} in {@code ops}), and resend state was kept
 * by client id alone. Luca said hello with Sara's id: Sara was closed ({@code replaced}),
 * Luca's empty batch took her next clientSeq, and her real batch was then "acked" as a resend
 * and never applied; a read-only link's guest could kick her off again and again. Now a client
 * id is its user's: anyone else is refused with {@code client_taken} (4409), Sara is never
 * closed, and her batches land, also after a restart and when the server's resend memory had
 * forgotten her id. Someone typing in another tavolo is timed throughout.
 */
@Tag(FaultsTaggedTest.TAG)
class ClientIdTakeoverTest {

  private static String clientId(String who) {
    return "tab-" + who + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** What a hello gets when it is refused: "error <code> / close <code>" (or what came instead). */
  private static String helloAnswer(int port, ObjectNode hello) {
    WsPeer p = WsPeer.connect(port);
    try {
      p.send(hello.toString());
      JsonNode m = p.next(10_000);
      if (m != null && "welcome".equals(m.path("type").asText())) {
        return "welcome";
      }
      Short close = p.awaitClosed(10_000);
      return (m == null ? "nothing" : m.path("type").asText() + " " + m.path("code").asText()) + " / close " + close;
    } finally {
      p.close();
    }
  }

  private static ObjectNode viewerHello(String secret, UUID doc, String client) {
    ObjectNode h = WsPeer.JSON.createObjectNode();
    h.put("type", "hello");
    h.put("viewer", secret);
    h.put("doc", doc.toString());
    h.put("client", client);
    h.putNull("since");
    return h;
  }

  /** True when {@code p} is still connected and answering. */
  private static boolean answers(WsPeer p) {
    return !p.closed && p.send("{\"type\":\"ping\"}") && p.next("pong", 5000) != null;
  }

  private static String createSection(long clientSeq, long base, String section) {
    return "{\"type\":\"submit\",\"clientSeq\":" + clientSeq + ",\"baseSeq\":" + base + ",\"ops\":[{\"op\":\"create\","
        + "\"coll\":\"sections\",\"id\":\"" + section + "\",\"fields\":{\"order\":\"zz\",\"title\":\"" + section + "\"}}]}";
  }

  /** Inserts {@code text} at the start of a body {@code length} long. */
  private static String typeInto(long clientSeq, long base, String section, String text, int length) {
    return "{\"type\":\"submit\",\"clientSeq\":" + clientSeq + ",\"baseSeq\":" + base + ",\"ops\":[{\"op\":\"text\","
        + "\"coll\":\"sections\",\"id\":\"" + section + "\",\"field\":\"body\",\"edit\":[\"" + text + "\""
        + (length > 0 ? "," + length : "") + "]}]}";
  }

  /** The op log's rows under a client id: "author:clientSeq". */
  private static List<String> rowsOf(App app, UUID doc, String client) throws Exception {
    List<String> out = new ArrayList<>();
    for (Row r : app.context().pool().preparedQuery("select author, client_seq from op_log where doc_id = $1 "
        + "and client_id = $2 order by client_seq").execute(Tuple.of(doc, client)).await(30, TimeUnit.SECONDS)) {
      out.add(r.getUUID("author") + ":" + r.getLong("client_seq"));
    }
    return out;
  }

  private static String body(int port, String observerToken, UUID doc, String section) {
    try (WsPeer look = WsPeer.join(port, observerToken, doc, clientId("look"), null)) {
      return look.welcome.path("snapshot").path("collections").path("sections").path(section).path("body").asText();
    }
  }

  @Test
  void refusesClientIdOfAnotherMemberNeverClosesItsOwnerAndHerTextLands() throws Exception {
    HostileServer s = HostileServer.get();
    String luca = s.login("ets2");
    String tab = clientId("sara");
    String section = "sec-" + tab;
    Bystander.Figures f;
    try (Bystander bystander = new Bystander(s.port(), s.login("coordinatore"), s.otherDoc).start()) {
      WsPeer sara = WsPeer.join(s.port(), s.attacker, s.doc, tab, null);
      String saraUser = sara.welcome.path("you").path("user").asText();
      sara.send(createSection(1, sara.welcome.path("seq").asLong(), section));
      JsonNode first = sara.next("ack", 10_000);
      assertNotNull(first, "Sara's first batch is committed");

      // Luca says hello with Sara's id while she is connected, again and again: refused, Sara stays
      for (int i = 0; i < 20; i++) {
        assertEquals("error client_taken / close 4409", helloAnswer(s.port(), WsPeer.hello(luca, s.doc, tab, null)),
            "attempt " + i);
      }
      assertTrue(answers(sara), "Sara was not closed");

      // ... and while she is away (her resend state is hers): refused, so no batch of his,
      // with clientSeq 2 (her next) or 100 (beyond it), can take her place in the sequence
      sara.close();
      sara.awaitClosed(5000);
      assertEquals("error client_taken / close 4409", helloAnswer(s.port(), WsPeer.hello(luca, s.doc, tab, null)));

      // Sara comes back with her id and types: acked with a new seq, and her text is there
      sara = WsPeer.join(s.port(), s.attacker, s.doc, tab, first.path("seq").asLong());
      sara.send(typeInto(2, first.path("seq").asLong(), section, "parole di Sara", 0));
      JsonNode second = sara.next("ack", 10_000);
      assertNotNull(second, "Sara's batch is acked");
      assertTrue(second.path("seq").asLong() > first.path("seq").asLong(), "a new batch, not a resend: " + second);
      assertEquals("parole di Sara", body(s.port(), s.observer, s.doc, section));
      assertEquals(List.of(saraUser + ":1", saraUser + ":2"), rowsOf(s.app, s.doc, tab), "only Sara ever wrote under her id");

      // a second tab of Sara's own taking over her id is the documented `replaced`
      WsPeer again = WsPeer.join(s.port(), s.attacker, s.doc, tab, second.path("seq").asLong());
      assertEquals((short) 4409, sara.awaitClosed(5000), "the older tab of the same user is replaced");
      again.send(typeInto(3, second.path("seq").asLong(), section, "ancora ", 14));
      assertNotNull(again.next("ack", 10_000), "and the newer tab goes on under the same id");
      again.close();
      f = bystander.finish();
    }
    System.out.println("ClientIdTakeoverTest: bystander under client-id takeover attempts: " + f);
    CompressionBombTest.assertBystanderServed(f);
  }

  @Test
  void aGuestOfAReadOnlyLinkCanNeverDisplaceAnEditor() throws Exception {
    HostileServer s = HostileServer.get();
    String coordinator = s.login("coordinatore");
    HttpResponse<String> link = TestServer.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + s.port() + "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/viewer-link"))
        .header("Authorization", "Bearer " + coordinator).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(201, link.statusCode(), link.body());
    String secret = WsPeer.JSON.readTree(link.body()).path("token").asText();
    String tab = clientId("sara");
    Bystander.Figures f;
    try (Bystander bystander = new Bystander(s.port(), coordinator, s.otherDoc).start()) {
      // Sara is connected but has committed nothing yet: the id is hers by the connection alone
      WsPeer sara = WsPeer.join(s.port(), s.attacker, DemoSeed.DOCUMENT_ID, tab, null);
      for (int i = 0; i < 20; i++) {
        assertEquals("error client_taken / close 4409", helloAnswer(s.port(), viewerHello(secret, DemoSeed.DOCUMENT_ID, tab)),
            "attempt " + i);
        assertTrue(answers(sara), "Sara was not closed, attempt " + i);
      }
      // once she committed under it, not even while she is away
      String section = "sec-" + tab;
      sara.send(createSection(1, sara.welcome.path("seq").asLong(), section));
      assertNotNull(sara.next("ack", 10_000));
      sara.close();
      sara.awaitClosed(5000);
      assertEquals("error client_taken / close 4409", helloAnswer(s.port(), viewerHello(secret, DemoSeed.DOCUMENT_ID, tab)));
      // a guest keeps its own id, and is replaced only by a guest of the same link
      String guestTab = clientId("guest");
      WsPeer guest = join(s.port(), viewerHello(secret, DemoSeed.DOCUMENT_ID, guestTab));
      assertEquals("error client_taken / close 4409",
          helloAnswer(s.port(), WsPeer.hello(s.attacker, DemoSeed.DOCUMENT_ID, guestTab, null)));
      WsPeer guest2 = join(s.port(), viewerHello(secret, DemoSeed.DOCUMENT_ID, guestTab));
      assertEquals((short) 4409, guest.awaitClosed(5000), "replaced by its own link's guest");
      guest2.close();
      f = bystander.finish();
    }
    System.out.println("ClientIdTakeoverTest: bystander under a guest taking editors' client ids: " + f);
    CompressionBombTest.assertBystanderServed(f);
  }

  /**
   * In proposal mode a member's submit becomes an integration, and its resend is answered
   * from the integrations by (client id, clientSeq): that answer, too, is only for its proposer.
   */
  @Test
  void aProposalsResendIsAnsweredOnlyToItsProposer() throws Exception {
    HostileServer s = HostileServer.get();
    String coordinator = s.login("coordinatore");
    String luca = s.login("ets2");
    HttpResponse<String> created = TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
            + "/api/tavoli/" + DemoSeed.TAVOLO_ID + "/documents"))
        .header("Authorization", "Bearer " + coordinator).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Proposte\"}")).build());
    assertEquals(201, created.statusCode(), created.body());
    UUID doc = UUID.fromString(WsPeer.JSON.readTree(created.body()).path("id").asText());
    HttpResponse<String> mode = TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
            + "/api/documents/" + doc + "/mode"))
        .header("Authorization", "Bearer " + coordinator).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"proposal\"}")).build());
    assertEquals(200, mode.statusCode(), mode.body());
    String tab = clientId("sara");
    String integration;
    try (WsPeer sara = WsPeer.join(s.port(), s.attacker, doc, tab, null)) {
      sara.send(createSection(1, sara.welcome.path("seq").asLong(), "sec-" + tab));
      JsonNode proposed = sara.next("proposed", 10_000);
      assertNotNull(proposed, "Sara's batch became a proposal");
      integration = proposed.path("integration").asText();
    }
    // nothing of Sara's is in the op log, and she is away: Luca may connect with the id...
    WsPeer.sleep(300);
    try (WsPeer p = WsPeer.join(s.port(), luca, doc, tab, null)) {
      // ...but the resend answer is Sara's, not his
      p.send(createSection(1, p.welcome.path("seq").asLong(), "sec-" + tab));
      JsonNode answer = p.next(10_000);
      while (answer != null && !"proposed".equals(answer.path("type").asText()) && !"error".equals(answer.path("type").asText())) {
        answer = p.next(10_000);
      }
      assertNotNull(answer);
      assertFalse(answer.toString().contains(integration), "Sara's integration is not given to Luca: " + answer);
      assertEquals("client_taken", answer.path("code").asText(), answer.toString());
    }
  }

  private static WsPeer join(int port, ObjectNode hello) {
    WsPeer p = WsPeer.connect(port);
    p.send(hello.toString());
    JsonNode w = p.next("welcome", 10_000);
    assertNotNull(w, "welcomed: " + hello);
    p.welcome = w;
    return p;
  }

  /**
   * The same attack where the server keeps no memory to check: its resend memory holds one
   * client (TAVOLO_RESEND_CLIENTS=1), so Sara's id is forgotten as soon as someone else
   * writes and must be looked up in the op log; then a restart, after which the memory comes
   * from a snapshot and the log replayed.
   */
  @Test
  void resendStateStaysWithItsOwnerWhenTheMemoryForgotItAndAfterARestart() throws Exception {
    String data = TestServer.tempDir("takeover").toString();
    Map<String, String> env = Map.of("TAVOLO_RESEND_CLIENTS", "1", "TAVOLO_SNAPSHOT_EVERY", "2");
    Map<String, String> config = Map.of("TAVOLO_DEMO", "true", "TAVOLO_DATA_DIR", data);
    App app = TestServer.startAppWith(env, config);
    String tab = clientId("sara");
    String section = "sec-" + tab;
    UUID doc = DemoSeed.DOCUMENT_ID;
    String saraUser;
    long head;
    try {
      int port = app.port();
      String sara = FaultRun.login(port, "ets1");
      String luca = FaultRun.login(port, "ets2");
      try (WsPeer p = WsPeer.join(port, sara, doc, tab, null)) {
        saraUser = p.welcome.path("you").path("user").asText();
        p.send(createSection(1, p.welcome.path("seq").asLong(), section));
        head = p.next("ack", 10_000).path("seq").asLong();
      }
      try (WsPeer other = WsPeer.join(port, FaultRun.login(port, "pa"), doc, clientId("marco"), null)) {
        other.send(createSection(1, head, "sec-" + clientId("marco")));
        head = other.next("ack", 10_000).path("seq").asLong(); // Sara's id is forgotten now
      }
      assertEquals("error client_taken / close 4409", helloAnswer(port, WsPeer.hello(luca, doc, tab, null)),
          "the op log says whose the forgotten id is");
      try (WsPeer p = WsPeer.join(port, sara, doc, tab, head)) {
        p.send(typeInto(2, head, section, "prima", 0));
        head = p.next("ack", 10_000).path("seq").asLong();
      }
      try (WsPeer other = WsPeer.join(port, FaultRun.login(port, "pa"), doc, clientId("marco"), null)) {
        other.send(createSection(1, head, "sec-" + clientId("marco")));
        head = other.next("ack", 10_000).path("seq").asLong();
      }
    } finally {
      app.stop();
    }
    app = TestServer.startAppWith(env, config);
    try {
      int port = app.port();
      String sara = FaultRun.login(port, "ets1");
      String luca = FaultRun.login(port, "ets2");
      assertEquals("error client_taken / close 4409", helloAnswer(port, WsPeer.hello(luca, doc, tab, null)),
          "after a restart too");
      try (WsPeer p = WsPeer.join(port, sara, doc, tab, head)) {
        p.send(typeInto(3, head, section, "dopo: ", 5));
        JsonNode ack = p.next("ack", 10_000);
        assertNotNull(ack, "Sara's batch after the restart is acked");
        assertTrue(ack.path("seq").asLong() > head, "as a new batch: " + ack);
      }
      assertEquals("dopo: prima", body(port, FaultRun.login(port, "osservatore"), doc, section));
      assertEquals(List.of(saraUser + ":1", saraUser + ":2", saraUser + ":3"), rowsOf(app, doc, tab));
      assertFalse(rowsOf(app, doc, tab).stream().anyMatch(r -> !r.startsWith(saraUser)), "only Sara wrote under her id");
    } finally {
      app.stop();
    }
  }
}
