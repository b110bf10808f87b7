package it.tavolo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.web.Routes;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A server of the security tests' own (nothing else writes to its database, so "nothing
 * changed" can be checked over every table) with a tavolo T whose coordinator is
 * coordinatore@, member pa@ and observer osservatore@; ets1@ is a stranger to T (a member
 * of the demo tavolo only). The router is captured as mounted, for enumerating routes.
 */
final class SecurityFixture {
  static final String SECRET = "security-secret-security-secret-security-0123456789";
  /** Tables whose rows change on any request (logins, refreshes, revocations, migrations). */
  private static final List<String> VOLATILE = List.of("sessions", "refresh_tokens", "revoked_tokens",
      "flyway_schema_history");

  private static SecurityFixture shared;

  final App app;
  final Router router;
  final UUID tavolo = UUID.randomUUID();
  final UUID document = UUID.randomUUID();
  final UUID otherDocument = DemoSeed.DOCUMENT_ID; // in the demo tavolo, where the stranger is a member
  final UUID invitation;
  private final UUID otherInvitation;
  private final String outsider;
  /** An integration proposed in T's document, and one in the demo document. */
  final String integration;
  final String otherIntegration;
  /** An organisation proposed by an invitee of T (pending), and one proposed at the demo tavolo. */
  final UUID proposal = UUID.randomUUID();
  final UUID otherProposal = UUID.randomUUID();
  /** A version number that exists in T's document, and one that exists only in the demo document. */
  final String version = "1";
  final String otherVersion = "2";
  /** A seduta of T and one of the demo tavolo, each open with an agenda item, a decision and a register entry. */
  final Map<String, String> seduta;
  final Map<String, String> otherSeduta;
  /** A closed seduta of T (it has a verbale, approved). */
  final String closedSeduta;
  final String coordinator;
  final String member;
  final String observer;
  final String stranger;
  final String revoked;
  final Forge forge = new Forge(SECRET);

  private SecurityFixture() {
    // the shared server first: the JVM's metrics are bound to the first App's registry only,
    // and HttpSkeletonTest looks for them on the shared one
    TestServer.app();
    Router[] captured = new Router[1];
    Routes probe = (router, ctx) -> captured[0] = router;
    app = TestServer.startApp(TestServer.config(Map.of("TAVOLO_DEMO", "true", "TAVOLO_JWT_SECRET", SECRET)),
        List.of(probe));
    router = captured[0];
    sql("insert into tavoli (id, title, created_by) values ($1, 'Tavolo T', $2)",
        Tuple.of(tavolo, DemoSeed.COORDINATOR.id()));
    for (Object[] m : new Object[][] {{DemoSeed.COORDINATOR, "coordinator"}, {DemoSeed.PA_MEMBER, "member"},
        {DemoSeed.OBSERVER, "observer"}}) {
      sql("insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3)",
          Tuple.of(tavolo, ((DemoSeed.Account) m[0]).id(), m[1]));
    }
    sql("insert into documents (id, tavolo_id, title) values ($1, $2, 'Bozza T')", Tuple.of(document, tavolo));
    coordinator = login("coordinatore");
    member = login("pa");
    observer = login("osservatore");
    stranger = login("ets1");
    String gone = login("ets2");
    assertEquals(204, call("POST", "/api/auth/logout", gone, null).statusCode());
    revoked = gone;
    HttpResponse<String> inv = call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator,
        "{\"role\":\"member\"}");
    assertEquals(201, inv.statusCode(), inv.body());
    invitation = UUID.fromString(json(inv.body()).path("id").asText());
    HttpResponse<String> other = call("POST", "/api/tavoli/" + DemoSeed.TAVOLO_ID + "/invitations", coordinator,
        "{\"role\":\"member\"}");
    assertEquals(201, other.statusCode(), other.body());
    otherInvitation = UUID.fromString(json(other.body()).path("id").asText());
    // a coordinator of T who is in no other tavolo: registered through a coordinator invitation
    HttpResponse<String> coordInv = call("POST", "/api/tavoli/" + tavolo + "/invitations", coordinator,
        "{\"role\":\"coordinator\",\"organisationId\":\"" + DemoSeed.SDS.id() + "\"}");
    assertEquals(201, coordInv.statusCode(), coordInv.body());
    HttpResponse<String> reg = call("POST", "/api/invitations/" + json(coordInv.body()).path("token").asText()
        + "/register", null, "{\"email\":\"esterna@example.org\",\"password\":\"" + OUTSIDER_PASSWORD
        + "\",\"name\":\"Coordinatrice esterna\",\"organisationId\":\"" + DemoSeed.SDS.id() + "\"}");
    assertEquals(201, reg.statusCode(), reg.body());
    outsider = json(reg.body()).path("token").asText();
    for (UUID[] p : new UUID[][] {{proposal, tavolo}, {otherProposal, DemoSeed.TAVOLO_ID}}) {
      sql("insert into organisation_proposals (id, tavolo_id, user_id, name, side, ets_kind) values ($1, $2, $3, 'Proposta',"
          + " 'ETS', 'odv')", Tuple.of(p[0], p[1], DemoSeed.ETS1.id()));
    }
    integration = created(call("POST", "/api/documents/" + document + "/integrations", member,
        "{\"baseSeq\":0,\"rationale\":\"Proposta di T\",\"ops\":[" + SECTION + "]}"), "id");
    otherIntegration = created(call("POST", "/api/documents/" + otherDocument + "/integrations", coordinator,
        "{\"baseSeq\":1,\"rationale\":\"Proposta altrove\",\"ops\":[" + SECTION + "]}"), "id");
    assertEquals(version, created(call("POST", "/api/documents/" + document + "/versions", coordinator,
        "{\"name\":\"Prima\"}"), "number"));
    closedSeduta = seduta(tavolo, true).get("sedutaId"); // first: one open seduta per tavolo at a time
    seduta = seduta(tavolo, false);
    otherSeduta = seduta(DemoSeed.TAVOLO_ID, false);
    HttpResponse<String> consolidated = call("POST", "/api/documents/" + document + "/versions/" + version + "/consolidate",
        coordinator, null);
    assertEquals(200, consolidated.statusCode(), consolidated.body());
    for (String n : List.of("1", otherVersion)) {
      assertEquals(n, created(call("POST", "/api/documents/" + otherDocument + "/versions", coordinator,
          "{\"name\":\"Altrove " + n + "\"}"), "number"));
    }
  }

  /** Plans, opens, fills (and closes) a seduta: its id and those of an agenda item, a decision and a register entry. */
  private Map<String, String> seduta(UUID inTavolo, boolean close) {
    String s = created(call("POST", "/api/tavoli/" + inTavolo + "/sedute", coordinator,
        "{\"title\":\"Seduta\",\"startsAt\":\"2026-12-03T15:00:00+01:00\",\"mode\":\"online\","
            + "\"callUrl\":\"https://meet.jit.si/prova\",\"agenda\":[\"Punto unico\"],\"documents\":[\""
            + (inTavolo.equals(tavolo) ? document : otherDocument) + "\"]}"), "id");
    HttpResponse<String> open = call("POST", "/api/sedute/" + s + "/open", coordinator, null);
    assertEquals(200, open.statusCode(), open.body());
    String item = json(open.body()).path("agenda").path(0).path("id").asText();
    String decision = created(call("POST", "/api/sedute/" + s + "/agenda/" + item + "/decisions", coordinator,
        "{\"text\":\"Approvato\"}"), "id");
    String entry = created(call("POST", "/api/sedute/" + s + "/register", coordinator,
        "{\"name\":\"Ospite\",\"organisation\":\"Comune\",\"presence\":\"on_call\"}"), "id");
    if (close) { // then its verbale exists
      HttpResponse<String> closed = call("POST", "/api/sedute/" + s + "/close", coordinator, null);
      assertEquals(200, closed.statusCode(), closed.body());
      // and approved, so its approved files exist too (issue 19)
      HttpResponse<String> approved = call("POST", "/api/sedute/" + s + "/verbale/approve", coordinator, null);
      assertEquals(200, approved.statusCode(), approved.body());
    }
    return Map.of("sedutaId", s, "itemId", item, "decisionId", decision, "entryId", entry);
  }

  /** A create op any editor may propose. */
  static final String SECTION = "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s-accesso\","
      + "\"fields\":{\"order\":\"m\",\"title\":\"Accesso\",\"body\":\"\"}}";

  private static String created(HttpResponse<String> r, String field) {
    assertEquals(201, r.statusCode(), r.body());
    return json(r.body()).path(field).asText();
  }

  static final String OUTSIDER_PASSWORD = "una-password-lunga-e-segreta-1";

  /** An invitation of the demo tavolo, where T's outsider coordinator is nobody. */
  UUID otherInvitation() {
    return otherInvitation;
  }

  /** A token of a coordinator of T who belongs to no other tavolo. */
  String outsiderCoordinator() {
    return outsider;
  }

  static synchronized SecurityFixture get() {
    if (shared == null) {
      shared = new SecurityFixture();
    }
    return shared;
  }

  int port() {
    return app.port();
  }

  Pool pool() {
    return app.context().pool();
  }

  String login(String who) {
    HttpResponse<String> r = call("POST", "/api/auth/login", null,
        "{\"email\":\"" + who + "@demo.tavolo\",\"password\":\"demo\"}");
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body()).path("token").asText();
  }

  HttpResponse<String> call(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return TestServer.send(b.build());
  }

  static JsonNode json(String s) {
    try {
      return Forge.JSON.readTree(s);
    } catch (Exception e) {
      return Forge.JSON.createObjectNode().put("unparseable", s);
    }
  }

  List<Row> sql(String query, Tuple args) {
    try {
      List<Row> out = new ArrayList<>();
      pool().preparedQuery(query).execute(args).await(30, TimeUnit.SECONDS).forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(query + ": " + e, e);
    }
  }

  /** A digest of every table but the volatile ones: equal digests, nothing saved changed. */
  Map<String, String> fingerprint() {
    Map<String, String> out = new TreeMap<>();
    for (Row t : sql("select table_name from information_schema.tables where table_schema = 'public' "
        + "and table_type = 'BASE TABLE'", Tuple.tuple())) {
      String name = t.getString(0);
      if (VOLATILE.contains(name)) {
        continue;
      }
      Row r = sql("select count(*) as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from \""
          + name + "\" x", Tuple.tuple()).get(0);
      out.put(name, r.getLong("n") + ":" + r.getString("h"));
    }
    return out;
  }
}
