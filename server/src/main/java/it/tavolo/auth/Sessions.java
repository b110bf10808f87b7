package it.tavolo.auth;

import it.tavolo.core.Refusal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import it.tavolo.db.Account;
import it.tavolo.db.SessionStore;
import it.tavolo.db.SessionStore.Rotation;
import it.tavolo.db.UserStore;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Login, refresh and logout. A login opens a session; the session's refresh token rotates
 * on every refresh; logout revokes the session (its refresh token and every access token
 * issued in it). bcrypt runs on worker threads, and runs for unknown emails too, so the
 * answer time does not tell which emails have accounts.
 */
public final class Sessions {
  private final Vertx vertx;
  private final UserStore users;
  private final SessionStore sessions;
  private final Tokens tokens;
  private final Revocations revocations;
  /** Failed logins per (email, address): someone mistyping, or one guesser. */
  private final LoginRateLimiter limiter;
  /** Per account from every address: a guesser with many addresses. */
  private final LoginRateLimiter perAccount;
  /** Per address for every account: one address spraying a password over many accounts. */
  private final LoginRateLimiter perAddress;
  private final AuthSettings settings;
  private final PasswordWork passwords;

  public Sessions(Vertx vertx, UserStore users, SessionStore sessions, Tokens tokens, Revocations revocations,
                  AuthSettings settings, PasswordWork passwords) {
    this.passwords = passwords;
    this.vertx = vertx;
    this.users = users;
    this.sessions = sessions;
    this.tokens = tokens;
    this.revocations = revocations;
    this.settings = settings;
    this.limiter = new LoginRateLimiter(settings.loginFailuresPerMinute());
    this.perAccount = new LoginRateLimiter(settings.loginFailuresPerAccount());
    this.perAddress = new LoginRateLimiter(settings.loginFailuresPerAddress());
  }

  /** What a client gets after login, refresh or registration. */
  public record Session(Tokens.Issued access, String refreshToken, Account account) {}

  public Future<Session> login(String email, String password, String clientIp) {
    String normalised;
    try {
      normalised = AccountRules.normaliseEmail(email);
    } catch (Refusal r) {
      return Future.failedFuture(r);
    }
    String key = LoginRateLimiter.key(normalised, clientIp);
    // each limit is checked before the password, so a locked-out guess costs no bcrypt either
    long wait = Math.max(limiter.retryAfterSeconds(key),
        Math.max(perAccount.retryAfterSeconds(normalised), perAddress.retryAfterSeconds(clientIp)));
    if (wait > 0) return Future.failedFuture(new RateLimited(wait));
    return users.findByEmail(normalised)
        // a null hash (no such account) costs as much as a wrong password
        .compose(found -> passwords.run(
            () -> Passwords.verify(password, found.map(Account::passwordHash).orElse(null)))
            .map(ok -> ok ? found : Optional.<Account>empty()))
        .compose(found -> {
          if (found.isEmpty()) {
            limiter.failed(key);
            perAccount.failed(normalised);
            perAddress.failed(clientIp);
            return Future.failedFuture(new Refusal(401, "bad_credentials", "Wrong email or password."));
          }
          limiter.succeeded(key);
          return open(found.get());
        });
  }

  /** Starts a session for an account whose identity is already proven (login, registration). */
  public Future<Session> open(Account account) {
    UUID sessionId = UUID.randomUUID();
    String refresh = SecretTokens.generate();
    return sessions.open(sessionId, account.userId(), SecretTokens.hash(refresh), Instant.now().plus(settings.refreshTtl()))
        .map(x -> new Session(tokens.issue(account, sessionId), refresh, account));
  }

  /**
   * Trades a refresh token for a new access token and a new refresh token. A refresh token
   * that was already used revokes its whole session: one of its two holders is a thief.
   */
  public Future<Session> refresh(String refreshToken) {
    if (!SecretTokens.looksValid(refreshToken)) return Future.failedFuture(invalidRefresh());
    String next = SecretTokens.generate();
    return sessions.rotate(SecretTokens.hash(refreshToken), SecretTokens.hash(next), Instant.now().plus(settings.refreshTtl()))
        .compose(rotation -> {
          if (rotation instanceof Rotation.Rotated r) {
            return users.findById(r.userId()).compose(a -> a.isEmpty() ? Future.failedFuture(invalidRefresh())
                : Future.succeededFuture(new Session(tokens.issue(a.get(), r.sessionId()), next, a.get())));
          }
          if (rotation instanceof Rotation.Replayed r) {
            return revocations.revokeSession(r.sessionId(), Instant.now().plus(tokens.ttl()))
                .compose(x -> Future.failedFuture(invalidRefresh()));
          }
          return Future.failedFuture(invalidRefresh());
        });
  }

  /** Ends the caller's session: this access token, the others of the session, its refresh token. */
  public Future<Void> logout(Principal p) {
    return revocations.revokeToken(p.jti(), p.expiresAt())
        .compose(x -> revocations.revokeSession(p.sessionId(), Instant.now().plus(tokens.ttl())))
        .compose(x -> sessions.revoke(p.sessionId()));
  }

  private static Refusal invalidRefresh() {
    return new Refusal(401, "invalid_refresh_token", "The refresh token is unknown, used, expired or logged out: log in again.");
  }

  /** Too many failed logins: the HTTP layer adds Retry-After. */
  public static final class RateLimited extends Refusal {
    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds) {
      this(retryAfterSeconds, "Too many failed logins: try again in " + retryAfterSeconds + " s.");
    }

    RateLimited(long retryAfterSeconds, String message) {
      super(429, "rate_limited", message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() { return retryAfterSeconds; }
  }
}
