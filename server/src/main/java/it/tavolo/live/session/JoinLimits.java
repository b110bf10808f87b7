package it.tavolo.live.session;

import java.util.Map;

/**
 * What one account, one viewer link and the database may be asked for by joins (see
 * docs/protocol.md, "Limits and settings"; docs/security.md, "Join storms"). Read once at
 * start from {@code TAVOLO_WS_*} variables, like {@link LiveSettings}.
 *
 * @param maxConnectionsPerUser        open connections one account may hold in this process,
 *                                     every document together (every tab and device is one)
 * @param maxConnectionsPerViewerLink  open connections through one read-only viewer link
 * @param lookupsInFlight              database look-ups of joins (a hello's membership or
 *                                     link) and of rechecks running at once; the others wait
 *                                     their turn, so joins never take the whole pool
 * @param lookupsWaiting               look-ups that may wait; beyond, a hello is refused with
 *                                     {@code unavailable} (a recheck is skipped until the next)
 */
public record JoinLimits(int maxConnectionsPerUser, int maxConnectionsPerViewerLink, int lookupsInFlight,
                         int lookupsWaiting) {

  public static JoinLimits defaults() {
    return new JoinLimits(32, 100, 4, 10_000);
  }

  /** The defaults, overridden by the {@code TAVOLO_WS_*} variables present in {@code env}. */
  public static JoinLimits from(Map<String, String> env) {
    JoinLimits d = defaults();
    return new JoinLimits(
        positive(env, "TAVOLO_WS_MAX_CONNECTIONS_PER_USER", d.maxConnectionsPerUser),
        positive(env, "TAVOLO_WS_MAX_CONNECTIONS_PER_VIEWER_LINK", d.maxConnectionsPerViewerLink),
        positive(env, "TAVOLO_WS_JOIN_LOOKUPS", d.lookupsInFlight),
        d.lookupsWaiting);
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
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
}
