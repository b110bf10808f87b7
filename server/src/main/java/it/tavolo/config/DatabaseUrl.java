package it.tavolo.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code postgresql://user:password@host:port/database?sslmode=...} URL taken apart, so the
 * run-time pool and Flyway's JDBC connection reach the same database.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> params) {

  public static DatabaseUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException("DATABASE_URL is not a valid URL", e);
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new ConfigException("DATABASE_URL must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("DATABASE_URL has no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
    String database = path.isEmpty() ? "postgres" : decode(path);
    String user = "postgres";
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user,
        password, Map.copyOf(params));
  }

  /** The URL of a database on this machine (the embedded one). */
  public static DatabaseUrl local(int port, String database, String user) {
    return new DatabaseUrl("localhost", port, database, user, null, Map.of());
  }

  /** The same database as a JDBC URL (for Flyway); credentials are passed separately. */
  public String jdbcUrl() {
    StringBuilder b = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
        .append('/').append(URLEncoder.encode(database, StandardCharsets.UTF_8));
    String sep = "?";
    for (Map.Entry<String, String> p : params.entrySet()) {
      b.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return b.toString();
  }

  /** For logs: everything but the password. */
  public String redacted() {
    return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return redacted();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
