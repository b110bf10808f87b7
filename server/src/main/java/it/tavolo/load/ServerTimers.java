package it.tavolo.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own view of the ack path, read from its {@code /metrics} (the generator runs
 * on the same machine, so loopback is let in): a submit's arrival to its ack being written,
 * and the op-log commit inside it. Splits the client's ack latency into network and
 * scheduling on one side, the server's work and PostgreSQL's commit on the other. The
 * server's percentiles cover its last two minutes (Micrometer's decaying window), warm-up
 * included.
 */
final class ServerTimers {
  private static final Pattern QUANTILE = Pattern.compile(
      "^(tavolo_live_ack_seconds|tavolo_oplog_commit_seconds)\\{quantile=\"([0-9.]+)\"[^}]*\\} ([0-9.eE+-]+)$",
      Pattern.MULTILINE);

  private ServerTimers() {
  }

  static String describe(String baseUrl) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return "not available (/metrics answered " + r.statusCode() + ")";
      }
      Map<String, Map<String, Double>> q = new TreeMap<>();
      Matcher m = QUANTILE.matcher(r.body());
      while (m.find()) {
        q.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), Double.parseDouble(m.group(3)) * 1000);
      }
      return String.format("submit→ack %s; of which op-log commit %s",
          quantiles(q.get("tavolo_live_ack_seconds")), quantiles(q.get("tavolo_oplog_commit_seconds")));
    } catch (Exception e) {
      return "not available (" + e + ")";
    }
  }

  private static String quantiles(Map<String, Double> q) {
    if (q == null || q.isEmpty()) {
      return "n/a";
    }
    return String.format("p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms", q.getOrDefault("0.5", Double.NaN),
        q.getOrDefault("0.99", Double.NaN), q.getOrDefault("0.999", Double.NaN));
  }
}
