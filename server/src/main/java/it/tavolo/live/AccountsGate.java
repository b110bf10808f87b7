package it.tavolo.live;

import io.vertx.core.Future;
import it.tavolo.auth.AuthServices;
import it.tavolo.auth.Principal;
import it.tavolo.auth.Refusal;

import java.util.UUID;

/** The accounts layer's token verifier and membership checks, as the live layer uses them. */
final class AccountsGate implements Gate {
  private final AuthServices auth;

  AccountsGate(AuthServices auth) {
    this.auth = auth;
  }

  @Override
  public Future<LiveUser> verify(String token) {
    return auth.tokens().verify(token)
        .map(AccountsGate::user)
        .recover(err -> Future.failedFuture(refusal(err, ErrorCode.UNAUTHORIZED)));
  }

  @Override
  public Future<Admission> admit(LiveUser user, UUID docId) {
    return auth.access().document(user.userId(), docId)
        .map(a -> new Admission(a.docId(), a.tavoloId(), a.role().wire(), a.mode(), a.locked()))
        .recover(err -> Future.failedFuture(refusal(err, ErrorCode.NOT_FOUND)));
  }

  @Override
  public boolean revoked(LiveUser user) {
    return auth.revocations().isRevoked(user.tokenId(), user.loginSession());
  }

  private static LiveUser user(Principal p) {
    return new LiveUser(p.userId(), p.name(), p.orgId(), p.orgName(), p.side(), p.jti(), p.sessionId(), p.expiresAt());
  }

  private static Throwable refusal(Throwable err, ErrorCode fallback) {
    if (err instanceof Refusal r) {
      return new LiveRefusal(ErrorCode.fromWire(r.code(), fallback), r.getMessage());
    }
    return err;
  }
}
