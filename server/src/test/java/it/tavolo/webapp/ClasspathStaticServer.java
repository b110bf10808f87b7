package it.tavolo.webapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Serves classpath folders over HTTP on a random loopback port, with the same strict CSP the
 * real server sends, so engine tests run in a browser without a database. URL prefixes map to
 * classpath folders, e.g. "/test/" to "webtest/" and "/" to "webroot/".
 */
final class ClasspathStaticServer implements AutoCloseable {
  static final String CSP = "default-src 'self'";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
      "json", "application/json; charset=utf-8", "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml", "woff2", "font/woff2", "png", "image/png");

  private final HttpServer server;
  private final Map<String, String> mounts;

  ClasspathStaticServer(Map<String, String> mounts) throws IOException {
    this.mounts = Map.copyOf(mounts);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String resource = null;
      int matched = -1;
      for (var m : mounts.entrySet()) {
        // Longest prefix wins, so "/test/" beats "/".
        if (path.startsWith(m.getKey()) && m.getKey().length() > matched) {
          resource = m.getValue() + path.substring(m.getKey().length());
          matched = m.getKey().length();
        }
      }
      if (resource == null || resource.contains("..") || resource.endsWith("/")) {
        send(ex, 404, "text/plain", "not found".getBytes());
        return;
      }
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          send(ex, 404, "text/plain", "not found".getBytes());
          return;
        }
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
      }
    }
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Content-Security-Policy", CSP);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
