package it.tavolo.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A server of the hostile-input tests' own (so counting its op log counts only what they
 * did), with the real limits except a per-address connection ceiling low enough to reach:
 * the demo tavolo, plus a tavolo Z the attacker is not in, whose document holds entities
 * the attacker may try to name.
 */
final class HostileServer {
  static final int MAX_CONNECTIONS_PER_IP = 24;
  private static HostileServer shared;

  final App app;
  final UUID doc = DemoSeed.DOCUMENT_ID;
  final UUID otherTavolo = UUID.randomUUID();
  final UUID otherDoc = UUID.randomUUID();
  /** An organisation at tavolo Z only. */
  final UUID otherOrganisation = UUID.randomUUID();
  final String attacker;
  final String bystander;
  final String observer;

  private HostileServer() {
    // the shared server first: the JVM's metrics are bound to the first App's registry only,
    // and HttpSkeletonTest looks for them on the shared one
    TestServer.app();
    app = TestServer.startDemoAppWith(Map.of("TAVOLO_WS_MAX_CONNECTIONS_PER_IP", Integer.toString(MAX_CONNECTIONS_PER_IP)));
    sql("insert into tavoli (id, title) values ($1, 'Tavolo Z')", Tuple.of(otherTavolo));
    sql("insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, 'coordinator')",
        Tuple.of(otherTavolo, DemoSeed.COORDINATOR.id()));
    sql("insert into documents (id, tavolo_id, title) values ($1, $2, 'Bozza Z')", Tuple.of(otherDoc, otherTavolo));
    sql("insert into organisations (id, name, side, ets_kind) values ($1, 'Cooperativa Z', 'ETS', 'cooperativa_sociale')",
        Tuple.of(otherOrganisation));
    sql("insert into tavolo_partners (tavolo_id, organisation_id) values ($1, $2)", Tuple.of(otherTavolo, otherOrganisation));
    sql("insert into op_log (doc_id, seq, author, client_id, client_seq, ops) values ($1, 1, $2, 'z', 1, $3::jsonb)",
        Tuple.of(otherDoc, DemoSeed.COORDINATOR.id(), new io.vertx.core.json.JsonArray(
            "[{\"op\":\"create\",\"coll\":\"objectives\",\"id\":\"obj-z\",\"fields\":{\"order\":\"m\",\"kind\":\"generale\","
                + "\"title\":\"Obiettivo di Z\"}},{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"sec-z\","
                + "\"fields\":{\"order\":\"m\",\"title\":\"Sezione di Z\",\"body\":\"riservato\"}}]")));
    attacker = login("ets1");
    bystander = login("pa");
    observer = login("osservatore");
  }

  static synchronized HostileServer get() {
    if (shared == null) {
      shared = new HostileServer();
    }
    return shared;
  }

  int port() {
    return app.port();
  }

  String login(String who) {
    HttpResponse<String> r = TestServer.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port() + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + who + "@demo.tavolo\",\"password\":\"demo\"}"))
        .build());
    try {
      JsonNode n = WsPeer.JSON.readTree(r.body());
      return n.get("token").asText();
    } catch (Exception e) {
      throw new IllegalStateException("login of " + who + ": " + r.body(), e);
    }
  }

  List<Row> sql(String query, Tuple args) {
    try {
      List<Row> out = new ArrayList<>();
      app.context().pool().preparedQuery(query).execute(args).await(30, TimeUnit.SECONDS).forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(query + ": " + e, e);
    }
  }

  long opLogRows(UUID d) {
    return sql("select count(*) as n from op_log where doc_id = $1", Tuple.of(d)).get(0).getLong("n");
  }

  /** The document as a fresh joiner sees it (an observer's welcome). */
  String snapshot(UUID d) {
    try (WsPeer p = WsPeer.join(port(), observer, d, "look-" + UUID.randomUUID(), null)) {
      return p.welcome.path("snapshot").toString();
    }
  }
}
