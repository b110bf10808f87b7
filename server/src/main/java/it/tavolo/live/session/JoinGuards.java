package it.tavolo.live.session;

/**
 * What keeps a join storm from taking the server: connection slots per account and per viewer
 * link (taken before any database look-up), and the queue of the joins' and rechecks' look-ups
 * ({@link JoinLimits}). Immutable once built; its parts are safe from any thread.
 */
public final class JoinGuards {
  private final JoinLimits limits;
  private final ConnectionsPerAddress perUser;
  private final ConnectionsPerAddress perViewerLink;
  private final Lookups lookups;

  public JoinGuards(JoinLimits limits) {
    this.limits = limits;
    this.perUser = new ConnectionsPerAddress(limits.maxConnectionsPerUser());
    this.perViewerLink = new ConnectionsPerAddress(limits.maxConnectionsPerViewerLink());
    this.lookups = new Lookups(limits.lookupsInFlight(), limits.lookupsWaiting());
  }

  JoinLimits limits() {
    return limits;
  }

  /** Open connections per account (keyed by user id) in this process. */
  ConnectionsPerAddress perUser() {
    return perUser;
  }

  /** Open connections per viewer link (keyed by a digest of its secret) in this process. */
  ConnectionsPerAddress perViewerLink() {
    return perViewerLink;
  }

  /** Where joins and rechecks queue their database look-ups. */
  Lookups lookups() {
    return lookups;
  }
}
