package it.tavolo.live.session;

import it.tavolo.live.LiveSettings;

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
        LiveSettings.intOf(env, "TAVOLO_WS_MAX_CONNECTIONS_PER_USER", d.maxConnectionsPerUser),
        LiveSettings.intOf(env, "TAVOLO_WS_MAX_CONNECTIONS_PER_VIEWER_LINK", d.maxConnectionsPerViewerLink),
        LiveSettings.intOf(env, "TAVOLO_WS_JOIN_LOOKUPS", d.lookupsInFlight),
        d.lookupsWaiting);
  }
}
