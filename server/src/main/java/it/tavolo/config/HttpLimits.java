package it.tavolo.config;

import java.time.Duration;
import java.util.Map;

/**
 * How long the HTTP server waits for the bytes of a request and how many connections it
 * holds (README, "Configuration"; docs/security.md, "Slow connections"). Read once at start.
 *
 * @param headerTimeout   a connection must send a whole request head (request line and
 *                        headers) within this after it opened, or after the previous
 *                        response on it ended; otherwise it is closed. WebSocket connections
 *                        are exempt once upgraded (they have their hello timeout and pings)
 * @param idleTimeout     a connection on which nothing at all was read or written for this
 *                        long is closed (WebSocket pings count: keep it above
 *                        {@code TAVOLO_WS_PING_SECONDS})
 * @param maxConnections  open HTTP and WebSocket connections at most; a new one beyond it
 *                        takes the place of the oldest connection still sending its request
 *                        head, or is closed when there is none. The default is three quarters
 *                        of the process's open-file limit, so that file descriptors remain for
 *                        the database, the logs and the files the server reads
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections) {
  /** Used when the open-file limit cannot be read. */
  static final int FALLBACK_MAX_CONNECTIONS = 10_000;

  public static HttpLimits from(Map<String, String> env) {
    Duration header = duration(env, "TAVOLO_HTTP_HEADER_TIMEOUT", "10s");
    Duration idle = duration(env, "TAVOLO_HTTP_IDLE_TIMEOUT", "120s");
    String max = env.get("TAVOLO_HTTP_MAX_CONNECTIONS");
    int maxConnections;
    if (max == null || max.isBlank()) {
      maxConnections = defaultMaxConnections();
    } else {
      try {
        maxConnections = Integer.parseInt(max.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException("TAVOLO_HTTP_MAX_CONNECTIONS must be a whole number, not '" + max + "'");
      }
      if (maxConnections < 1) {
        throw new ConfigException("TAVOLO_HTTP_MAX_CONNECTIONS must be at least 1, not " + maxConnections);
      }
    }
    return new HttpLimits(header, idle, maxConnections);
  }

  private static Duration duration(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return Durations.parse(name, v == null || v.isBlank() ? fallback : v);
  }

  /** Three quarters of the process's open-file limit (the JVM raised it to the hard limit at start). */
  static int defaultMaxConnections() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
      return (int) Math.max(64, Math.min(Integer.MAX_VALUE, unix.getMaxFileDescriptorCount() * 3 / 4));
    }
    return FALLBACK_MAX_CONNECTIONS;
  }
}
