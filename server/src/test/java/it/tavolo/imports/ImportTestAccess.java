package it.tavolo.imports;

import it.tavolo.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Uploads a file to a tavolo's import route, as the web app does (the file as the body). */
final class ImportTestAccess {
  private ImportTestAccess() {}

  static HttpResponse<String> upload(TestServer.Tavolo tavolo, String token, String fileName, byte[] file) {
    try {
      return TestServer.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.port()
              + "/api/tavoli/" + tavolo.id() + "/imports?file=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8)))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
