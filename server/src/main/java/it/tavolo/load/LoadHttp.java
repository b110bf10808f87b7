package it.tavolo.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** JSON calls to the server's HTTP API, as any client makes them (docs/api.md). */
final class LoadHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  // kept for the whole run: an unreferenced client may be collected mid-request
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final String baseUrl;

  LoadHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** POSTs {@code body} (null: none) with an optional bearer token; fails unless the status is {@code expect}. */
  CompletableFuture<JsonNode> post(String path, String token, Object body, int expect) {
    String json;
    try {
      json = body == null ? "" : JSON.writeValueAsString(body);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
      if (r.statusCode() != expect) {
        throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      try {
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException("POST " + path + " answered non-JSON: " + r.body(), e);
      }
    });
  }

  /** GETs {@code path} with a bearer token; fails unless the status is 200. */
  CompletableFuture<JsonNode> get(String path, String token) {
    HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token).GET().build();
    return http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenApply(a -> {
      if (a.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + a.statusCode() + ": " + a.body());
      }
      try {
        return JSON.readTree(a.body());
      } catch (IOException e) {
        throw new IllegalStateException("GET " + path + " answered non-JSON: " + a.body(), e);
      }
    });
  }
}
