package it.tavolo.web;

import it.tavolo.core.Refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import it.tavolo.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The failure handler's mapping, on a router of routes that fail on purpose. */
class FailureHandlerTest {
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.post("/json").handler(rc -> Responses.json(rc, 200, rc.body().asJsonObject()));
    router.get("/api-error").handler(rc -> {
      throw Refusal.forbidden("observers cannot edit");
    });
    router.get("/bug").handler(rc -> {
      throw new IllegalStateException("secret internals: password=hunter2");
    });
    router.route().failureHandler(new FailureHandler());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Test
  void malformedJsonIs400BadJson() {
    HttpResponse<String> r = TestServer.post(url("/json"), "{not json");
    assertEquals(400, r.statusCode());
    assertEquals("bad_json", new JsonObject(r.body()).getString("code"));
  }

  @Test
  void wellFormedJsonPassesThrough() {
    HttpResponse<String> r = TestServer.post(url("/json"), "{\"a\":1}");
    assertEquals(200, r.statusCode());
    assertEquals(1, new JsonObject(r.body()).getInteger("a"));
  }

  @Test
  void apiErrorKeepsItsStatusCodeAndMessage() {
    HttpResponse<String> r = TestServer.get(url("/api-error"));
    assertEquals(403, r.statusCode());
    JsonObject body = new JsonObject(r.body());
    assertEquals("forbidden", body.getString("code"));
    assertEquals("observers cannot edit", body.getString("message"));
  }

  @Test
  void unexpectedExceptionIs500WithoutLeakingDetails() {
    HttpResponse<String> r = TestServer.get(url("/bug"));
    assertEquals(500, r.statusCode());
    JsonObject body = new JsonObject(r.body());
    assertEquals("internal", body.getString("code"));
    assertFalse(r.body().contains("hunter2"), r.body());
    assertFalse(r.body().contains("IllegalStateException"), r.body());
    assertTrue(body.getString("message").contains("ref "), "a reference to find the log line");
  }
}
