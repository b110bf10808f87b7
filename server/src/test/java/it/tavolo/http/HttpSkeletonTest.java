package it.tavolo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HttpSkeletonTest {

  @Test
  void healthIsOkWhenTheDatabaseAnswers() {
    HttpResponse<String> r = TestServer.get("/health");
    assertEquals(200, r.statusCode());
    assertEquals("ok", new JsonObject(r.body()).getString("status"));
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }

  @Test
  void metricsArePrometheusTextWithJvmAndHttpFigures() {
    TestServer.get("/health"); // at least one request counted
    HttpResponse<String> r = TestServer.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
    assertTrue(r.body().contains("# TYPE jvm_memory_used_bytes gauge"), "JVM metrics");
    assertTrue(r.body().contains("vertx_http_server_requests_total{"), "HTTP request counter");
    assertTrue(r.body().contains("route=\"/health\""), "requests labelled by route");
  }

  @Test
  void withAMetricsTokenMetricsAnswerOnlyTheScraperThatSendsIt() {
    String token = "scraper-token-0123456789";
    it.tavolo.App other = TestServer.startApp(TestServer.config(java.util.Map.of("TAVOLO_METRICS_TOKEN", token)));
    try {
      String url = "http://127.0.0.1:" + other.port() + "/metrics";
      HttpResponse<String> none = TestServer.get(url);
      assertEquals(401, none.statusCode(), "loopback is not enough once a token is set");
      assertEquals("unauthorized", new JsonObject(none.body()).getString("code"));
      assertEquals(401, TestServer.get(url, "Authorization", "Bearer " + token + "x").statusCode());
      HttpResponse<String> ok = TestServer.get(url, "Authorization", "Bearer " + token);
      assertEquals(200, ok.statusCode());
      assertTrue(ok.body().contains("tavolo_live_connections"), "the live layer's gauges");
    } finally {
      other.stop();
    }
  }

  /** An address of this machine that is not loopback (the container's own), if it has one. */
  static java.net.InetAddress nonLoopbackAddress() throws java.net.SocketException {
    for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      if (!ni.isUp() || ni.isLoopback()) {
        continue;
      }
      for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
        if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return a;
        }
      }
    }
    return null;
  }

  /**
   * Without TAVOLO_METRICS_TOKEN, /metrics answers only clients on the same machine: a real
   * request arriving from a non-loopback address (the server listens on every interface and
   * is called on the machine's own network address) is refused, whatever X-Forwarded-For
   * claims, while the same server answers loopback.
   */
  @Test
  void withoutAMetricsTokenMetricsRefuseAClientThatIsNotOnLoopback() throws Exception {
    java.net.InetAddress lan = nonLoopbackAddress();
    org.junit.jupiter.api.Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
    it.tavolo.App other = TestServer.startApp(TestServer.config(java.util.Map.of("HOST", "0.0.0.0")));
    try {
      String remote = "http://" + lan.getHostAddress() + ":" + other.port() + "/metrics";
      HttpResponse<String> refused = TestServer.get(remote);
      assertEquals(401, refused.statusCode(), "from " + lan.getHostAddress() + ": " + refused.body());
      assertEquals("unauthorized", new JsonObject(refused.body()).getString("code"));
      HttpResponse<String> forged = TestServer.get(remote, "X-Forwarded-For", "127.0.0.1");
      assertEquals(401, forged.statusCode(), "X-Forwarded-For is not trusted");
      HttpResponse<String> local = TestServer.get("http://127.0.0.1:" + other.port() + "/metrics");
      assertEquals(200, local.statusCode(), "the same server answers loopback");
      assertTrue(local.body().contains("tavolo_live_connections"));
    } finally {
      other.stop();
    }
  }

  @Test
  void unknownApiRouteIsJson404() {
    // behind the token check (an unauthenticated caller gets 401 for every /api path)
    HttpResponse<String> r = TestServer.get("/api/no-such-thing", "Authorization", "Bearer " + Api.login("pa@demo.tavolo"));
    assertEquals(404, r.statusCode());
    JsonObject body = new JsonObject(r.body());
    assertEquals("not_found", body.getString("code"));
    assertTrue(body.getString("message").length() > 0);
  }

  @Test
  void missingFileIsJson404EvenForABrowser() {
    HttpResponse<String> r = TestServer.get("/no-such-file.js", "Accept", "text/html");
    assertEquals(404, r.statusCode());
    assertEquals("not_found", new JsonObject(r.body()).getString("code"));
  }

  @Test
  void wrongMethodIsJson405() {
    HttpResponse<String> r = TestServer.post("/health", "{}");
    assertEquals(405, r.statusCode());
    assertEquals("method_not_allowed", new JsonObject(r.body()).getString("code"));
  }

  @Test
  void oversizedApiBodyIsJson413() {
    String big = "{\"x\":\"" + "a".repeat((int) HttpApi.MAX_BODY_BYTES) + "\"}";
    HttpResponse<String> r = TestServer.post("/api/anything", big);
    assertEquals(413, r.statusCode());
    assertEquals("too_large", new JsonObject(r.body()).getString("code"));
  }

  @Test
  void everyResponseCarriesSecurityHeaders() {
    for (String path : new String[] {"/health", "/api/no-such-thing"}) {
      HttpResponse<String> r = TestServer.get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("default-src 'self'"), path + ": " + csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
      assertTrue(!csp.contains("'unsafe-eval'") && !csp.contains("script-src 'self' 'unsafe-inline'"), csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
    }
  }

  @Test
  void rootServesTheItalianShellPage() {
    HttpResponse<String> r = TestServer.get("/");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().contains("<html lang=\"it\">"), "Italian first");
    assertTrue(r.body().contains("<title>Tavolo</title>"));
    assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent());
  }

  @Test
  void browserNavigationToAnAppPathGetsTheShell() {
    HttpResponse<String> shell = TestServer.get("/");
    HttpResponse<String> r = TestServer.get("/tavoli/qualcosa", "Accept", "text/html,application/xhtml+xml");
    assertEquals(200, r.statusCode());
    assertEquals(shell.body(), r.body());
    assertEquals(404, TestServer.get("/tavoli/qualcosa", "Accept", "application/json").statusCode());
  }
}
