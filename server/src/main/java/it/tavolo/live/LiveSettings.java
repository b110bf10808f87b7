package it.tavolo.live;

import java.time.Duration;
import java.util.Map;

/**
 * Limits and timings of the live layer. Defaults suit a tavolo of a few dozen people; each
 * can be overridden by an environment variable of the same name (see docs/protocol.md).
 *
 * @param maxMessageBytes    largest client message accepted (bigger → {@code too_large})
 * @param ratePerSecond      messages per second a connection may sustain
 * @param rateBurst          messages a connection may send at once
 * @param rateStrikes        refused messages in a row after which the connection is closed
 * @param pingInterval       how often the server pings
 * @param idleTimeout        a connection silent this long (not even a pong) is dropped
 * @param helloTimeout       how long a new connection may wait before its hello
 * @param writeQueueBytes    outgoing bytes buffered per connection before it counts as slow
 * @param slowConsumerGrace  how long a slow connection may stay behind before it is dropped
 * @param tailBatches        committed batches kept in memory per document (catch-up, resends)
 * @param snapshotEvery      a snapshot is written every this many batches
 * @param ownerIdle          an open document with nobody connected is unloaded after this
 * @param presenceInterval   at most one presence update per connection per interval
 * @param maxGroupBatches    at most this many batches per group commit
 * @param recheckInterval    how often an open connection's membership, role and the
 *                           document's mode and lock are read again
 * @param maxConnectionsPerAddress  open connections one remote address may hold
 * @param fanOutInterval     others' batches and presence go out to a document's connections at
 *                           most once per interval, together (the first after a quiet spell at
 *                           once); a sender's own ack never waits. Zero: every event at once
 * @param maxRememberedClients  clients per document whose last batch the resend memory keeps
 *                           (every browser tab is one); older ones are looked up in the op log
 * @param maxLogCatchUp      a reconnect at most this many batches behind gets exactly the batches it
 *                           missed (from the tail or the op log); one further behind gets a snapshot
 */
public record LiveSettings(
    int maxMessageBytes,
    double ratePerSecond,
    int rateBurst,
    int rateStrikes,
    Duration pingInterval,
    Duration idleTimeout,
    Duration helloTimeout,
    int writeQueueBytes,
    Duration slowConsumerGrace,
    int tailBatches,
    int snapshotEvery,
    Duration ownerIdle,
    Duration presenceInterval,
    int maxGroupBatches,
    Duration recheckInterval,
    int maxConnectionsPerAddress,
    Duration fanOutInterval,
    int maxRememberedClients,
    int maxLogCatchUp) {

  /**
   * The largest frame (and message) the HTTP server's WebSocket transport accepts; beyond it
   * the transport closes the connection (1009) before the application sees the message.
   */
  public static final int TRANSPORT_MAX_BYTES = 1024 * 1024;

  public static LiveSettings defaults() {
    return new LiveSettings(256 * 1024, 50, 200, 50,
        Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(10),
        1024 * 1024, Duration.ofSeconds(30), 1000, 200, Duration.ofSeconds(60),
        Duration.ofMillis(50), 500, Duration.ofSeconds(30), 200, Duration.ofMillis(20), 10_000, 20_000);
  }

  /** The defaults, overridden by {@code TAVOLO_WS_*} variables present in {@code env}. */
  public static LiveSettings from(Map<String, String> env) {
    LiveSettings d = defaults();
    return new LiveSettings(
        intOf(env, "TAVOLO_WS_MAX_MESSAGE_BYTES", d.maxMessageBytes),
        intOf(env, "TAVOLO_WS_RATE_PER_SECOND", (int) d.ratePerSecond),
        intOf(env, "TAVOLO_WS_RATE_BURST", d.rateBurst),
        intOf(env, "TAVOLO_WS_RATE_STRIKES", d.rateStrikes),
        Duration.ofSeconds(intOf(env, "TAVOLO_WS_PING_SECONDS", (int) d.pingInterval.toSeconds())),
        Duration.ofSeconds(intOf(env, "TAVOLO_WS_IDLE_SECONDS", (int) d.idleTimeout.toSeconds())),
        d.helloTimeout,
        intOf(env, "TAVOLO_WS_WRITE_QUEUE_BYTES", d.writeQueueBytes),
        Duration.ofSeconds(intOf(env, "TAVOLO_WS_SLOW_SECONDS", (int) d.slowConsumerGrace.toSeconds())),
        intOf(env, "TAVOLO_WS_TAIL_BATCHES", d.tailBatches),
        intOf(env, "TAVOLO_SNAPSHOT_EVERY", d.snapshotEvery),
        Duration.ofSeconds(intOf(env, "TAVOLO_WS_OWNER_IDLE_SECONDS", (int) d.ownerIdle.toSeconds())),
        d.presenceInterval,
        d.maxGroupBatches,
        Duration.ofSeconds(intOf(env, "TAVOLO_WS_RECHECK_SECONDS", (int) d.recheckInterval.toSeconds())),
        intOf(env, "TAVOLO_WS_MAX_CONNECTIONS_PER_IP", d.maxConnectionsPerAddress),
        Duration.ofMillis(nonNegative(env, "TAVOLO_WS_FANOUT_MILLIS", d.fanOutInterval.toMillis())),
        intOf(env, "TAVOLO_RESEND_CLIENTS", d.maxRememberedClients),
        intOf(env, "TAVOLO_WS_CATCH_UP_BATCHES", d.maxLogCatchUp));
  }

  private static long nonNegative(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new IllegalArgumentException(name + " must be 0 or more, not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'", e);
    }
  }

  /** {@code name} from {@code env} as a whole number above 0, or {@code fallback} when unset; anything else is refused. */
  public static int intOf(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n <= 0) {
        throw new IllegalArgumentException(name + " must be positive, not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'", e);
    }
  }

  public LiveSettings withSnapshotEvery(int n) {
    return new LiveSettings(maxMessageBytes, ratePerSecond, rateBurst, rateStrikes,
        pingInterval, idleTimeout, helloTimeout, writeQueueBytes, slowConsumerGrace, tailBatches, n,
        ownerIdle, presenceInterval, maxGroupBatches, recheckInterval, maxConnectionsPerAddress, fanOutInterval,
        maxRememberedClients, maxLogCatchUp);
  }
}
