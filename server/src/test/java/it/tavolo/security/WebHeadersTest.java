package it.tavolo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Every kind of response the server gives (the app page, client-side routes, static files,
 * API answers and API errors of each kind, health, metrics, the WebSocket endpoint refusing)
 * carries the Content-Security-Policy and the usual security headers; API answers are never
 * cached; no response sets a cookie without HttpOnly, Secure and SameSite.
 */
class WebHeadersTest {
  private final SecurityFixture f = SecurityFixture.get();

  private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.port() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return TestServer.send(b.build());
  }

  @Test
  void everyResponseCarriesTheCspAndSecurityHeadersAndNoUnsafeCookie() {
    Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
    Map<String, String> html = Map.of("Accept", "text/html");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + f.member);
    Map<String, String> json = Map.of("Content-Type", "application/json");
    answers.put("GET /", send("GET", "/", html, null));
    answers.put("HEAD /", send("HEAD", "/", html, null));
    answers.put("GET /index.html", send("GET", "/index.html", html, null));
    answers.put("GET /tavoli/x (app route)", send("GET", "/tavoli/" + f.tavolo, html, null));
    answers.put("GET /js/app.js", send("GET", "/js/app.js", Map.of(), null));
    answers.put("GET /css/app.css", send("GET", "/css/app.css", Map.of(), null));
    answers.put("GET /i18n/it.json", send("GET", "/i18n/it.json", Map.of(), null));
    answers.put("GET /missing.js", send("GET", "/missing.js", Map.of(), null));
    answers.put("GET /api/me", send("GET", "/api/me", auth, null));
    answers.put("GET /api/tavoli", send("GET", "/api/tavoli", auth, null));
    answers.put("GET /api/me (no token)", send("GET", "/api/me", Map.of(), null));
    answers.put("POST /api/auth/login (wrong password)", send("POST", "/api/auth/login", json,
        "{\"email\":\"pa@demo.tavolo\",\"password\":\"sbagliata\"}"));
    answers.put("POST /api/auth/login (bad json)", send("POST", "/api/auth/login", json, "{\"email\":"));
    answers.put("POST /api/auth/login (too large)", send("POST", "/api/auth/login", json,
        "{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}"));
    answers.put("GET /api/nope", send("GET", "/api/nope", auth, null));
    answers.put("DELETE /health (405)", send("DELETE", "/health", Map.of(), null));
    answers.put("GET /api/tavoli/:id (stranger)", send("GET", "/api/tavoli/" + f.tavolo,
        Map.of("Authorization", "Bearer " + f.stranger), null));
    answers.put("GET /health", send("GET", "/health", Map.of(), null));
    answers.put("GET /metrics", send("GET", "/metrics", Map.of(), null));
    answers.put("GET /ws (no upgrade)", send("GET", "/ws", Map.of(), null));
    answers.put("GET /ws (foreign Origin)", send("GET", "/ws", Map.of("Origin", "https://evil.example"), null));

    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, HttpResponse<String>> a : answers.entrySet()) {
      HttpResponse<String> r = a.getValue();
      String what = a.getKey() + " (" + r.statusCode() + ")";
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      for (String directive : List.of("default-src 'self'", "script-src 'self'", "object-src 'none'",
          "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'")) {
        if (!csp.contains(directive)) {
          problems.add(what + ": CSP lacks " + directive + ": " + csp);
        }
      }
      String scripts = directive(csp, "script-src");
      if (scripts.contains("unsafe-inline") || scripts.contains("unsafe-eval") || scripts.contains("*")
          || scripts.contains("data:")) {
        problems.add(what + ": scripts not limited to our own files: " + scripts);
      }
      expect(problems, what, r, "X-Content-Type-Options", "nosniff");
      expect(problems, what, r, "X-Frame-Options", "DENY");
      expect(problems, what, r, "Referrer-Policy", "no-referrer");
      for (String cookie : r.headers().allValues("Set-Cookie")) {
        String c = cookie.toLowerCase();
        if (!c.contains("httponly") || !c.contains("secure") || !c.contains("samesite")) {
          problems.add(what + ": cookie without HttpOnly, Secure and SameSite: " + cookie);
        }
      }
      if (a.getKey().contains("/api/") && !r.headers().firstValue("Cache-Control").orElse("").contains("no-store")) {
        problems.add(what + ": an API answer may be cached");
      }
      if (r.statusCode() >= 400 && !a.getKey().startsWith("HEAD")) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json") || !SecurityFixture.json(r.body()).has("code")) {
          problems.add(what + ": an error that is not {code, message} JSON: " + type + " " + abbreviate(r.body()));
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertEquals(200, answers.get("GET /").statusCode());
    assertEquals(200, answers.get("GET /js/app.js").statusCode());
    assertEquals(413, answers.get("POST /api/auth/login (too large)").statusCode());
    assertEquals(403, answers.get("GET /ws (foreign Origin)").statusCode());
    assertFalse(answers.get("GET /").body().isEmpty());
  }

  private static String directive(String csp, String name) {
    for (String d : csp.split(";")) {
      if (d.trim().startsWith(name + " ")) {
        return d.trim();
      }
    }
    return "";
  }

  private static void expect(List<String> problems, String what, HttpResponse<String> r, String header, String value) {
    String v = r.headers().firstValue(header).orElse(null);
    if (!value.equalsIgnoreCase(v)) {
      problems.add(what + ": " + header + " is " + v + ", not " + value);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
