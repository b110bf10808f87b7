package it.tavolo.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import it.tavolo.AppContext;
import it.tavolo.db.InvitationStore;
import it.tavolo.db.MembershipStore;
import it.tavolo.db.OrganisationStore;
import it.tavolo.db.RevocationStore;
import it.tavolo.db.SessionStore;
import it.tavolo.db.TavoloStore;
import it.tavolo.db.UserStore;
import java.time.Duration;

/**
 * The accounts layer's services, one set per running server: App builds it and hands it to
 * every layer that needs it (the HTTP routes, the WebSocket endpoint), so a logout seen by one
 * is seen by all. Immutable after construction; its parts state their own threading.
 */
public final class AuthServices {
  private static final Duration REVOCATION_POLL = Duration.ofSeconds(1);

  private final AuthSettings settings;
  private final Tokens tokens;
  private final Revocations revocations;
  private final Sessions sessions;
  private final PasswordWork passwords;
  private final Access access;
  private final UserStore users;
  private final OrganisationStore organisations;
  private final TavoloStore tavoli;
  private final MembershipStore memberships;
  private final InvitationStore invitations;
  private final it.tavolo.db.OrganisationProposalStore proposals;
  private final Future<Void> ready;
  /** Null when no OpenID Connect provider is configured. */
  private final OidcLogin oidc;

  private AuthServices(Vertx vertx, Pool pool, AuthSettings settings) {
    this.settings = settings;
    this.users = new UserStore(pool);
    this.organisations = new OrganisationStore(pool);
    this.tavoli = new TavoloStore(pool);
    this.memberships = new MembershipStore(pool);
    this.invitations = new InvitationStore(pool);
    this.proposals = new it.tavolo.db.OrganisationProposalStore(pool);
    this.revocations = new Revocations(vertx, new RevocationStore(pool), REVOCATION_POLL);
    this.ready = revocations.start();
    this.tokens = new Tokens(vertx, settings.jwtSecret(), settings.accessTtl(), revocations, ready);
    this.passwords = new PasswordWork(vertx);
    this.sessions = new Sessions(vertx, users, new SessionStore(pool), tokens, revocations, settings, passwords);
    this.access = new Access(memberships);
    this.oidc = OidcSettings.from(it.tavolo.config.Environment.withSystemProperties())
        .map(o -> new OidcLogin(vertx, o, users, sessions)).orElse(null);
  }

  /** Logins through the configured OpenID Connect provider, if there is one. */
  public java.util.Optional<OidcLogin> oidc() { return java.util.Optional.ofNullable(oidc); }

  /** The accounts layer of {@code app}; its revocation poll and password workers stop with it. */
  public AuthServices(AppContext app) {
    this(app.vertx(), app.pool(), settingsFrom(app));
    app.onStop(() -> {
      revocations.stop();
      passwords.close();
      return Future.succeededFuture();
    });
  }

  static AuthSettings settingsFrom(AppContext app) {
    AuthSettings d = AuthSettings.defaults(app.config().jwtSecret());
    return new AuthSettings(d.jwtSecret(), app.config().jwtTtl(), d.refreshTtl(), d.invitationTtl(),
        d.loginFailuresPerMinute(), d.loginFailuresPerAccount(), d.loginFailuresPerAddress(), d.tavoliPerUser())
        .withLimitsFrom(it.tavolo.config.Environment.withSystemProperties());
  }

  /** Issue and verify access tokens (verify also checks revocation). */
  public Tokens tokens() { return tokens; }

  /** Membership and role checks. */
  public Access access() { return access; }

  /** Revocation state; {@link Revocations#onRevoked} tells when a token or session dies. */
  public Revocations revocations() { return revocations; }

  public Sessions sessions() { return sessions; }

  /** bcrypt's own bounded pool (login checks, registration hashes). */
  public PasswordWork passwords() { return passwords; }

  public AuthSettings settings() { return settings; }

  public UserStore users() { return users; }

  public OrganisationStore organisations() { return organisations; }

  public TavoloStore tavoli() { return tavoli; }

  public MembershipStore memberships() { return memberships; }

  public InvitationStore invitations() { return invitations; }

  /** Organisations proposed by invitees, pending a coordinator's decision. */
  public it.tavolo.db.OrganisationProposalStore proposals() { return proposals; }
}
