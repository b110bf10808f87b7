package it.tavolo.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import it.tavolo.http.Api;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Calls to the record layer's routes on the shared test server, as the demo accounts. */
final class Record {
  static final String COORD = "coordinatore@demo.tavolo";
  static final String PA = "pa@demo.tavolo";
  static final String ETS1 = "ets1@demo.tavolo";
  static final String ETS2 = "ets2@demo.tavolo";
  static final String OBSERVER = "osservatore@demo.tavolo";
  private static final it.tavolo.testing.TokenCache TOKENS = new it.tavolo.testing.TokenCache(Api::login);

  private Record() {}

  static String token(String who) {
    return TOKENS.get(who);
  }

  static HttpResponse<String> call(String who, String method, String path, Object body) {
    return Api.call(method, path, who == null ? null : token(who), body == null ? null : body.toString());
  }

  static JsonObject ok(HttpResponse<String> r, int status) {
    return Api.ok(r, status);
  }

  static JsonObject propose(String who, UUID doc, long baseSeq, String opsJson, String rationale) {
    return ok(call(who, "POST", "/api/documents/" + doc + "/integrations", new JsonObject().put("baseSeq", baseSeq)
        .put("ops", new JsonArray(opsJson.replace('\'', '"'))).put("rationale", rationale)), 201);
  }

  static HttpResponse<String> decide(String who, UUID doc, String integration, String action, JsonObject body) {
    return call(who, "POST", "/api/documents/" + doc + "/integrations/" + integration + "/" + action,
        body == null ? new JsonObject() : body);
  }

  static RowSet<Row> sql(String sql, Object... args) {
    try {
      return TestServer.pool().preparedQuery(sql).execute(Tuple.wrap(args)).await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static long head(UUID doc) {
    return sql("select coalesce(max(seq), 0) as m from op_log where doc_id = $1", doc).iterator().next().getLong("m");
  }

  static void assertError(HttpResponse<String> r, int status, String code) {
    Api.error(r, status, code);
    assertEquals(status, r.statusCode());
  }
}
