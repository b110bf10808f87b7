package it.tavolo.live.session;

import it.tavolo.core.sequencer.Mode;

import it.tavolo.live.Admission;
import it.tavolo.live.ErrorCode;
import it.tavolo.core.Refusal;
import it.tavolo.live.LiveUser;
import it.tavolo.live.ViewerGate;

import io.vertx.core.Future;
import it.tavolo.auth.AuthServices;
import it.tavolo.auth.Principal;

import java.util.UUID;

/** The accounts layer's token verifier and membership checks, as the live layer uses them. */
public final class AccountsGate implements Gate {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountsGate.class);
  /** A viewer's connection is renewed by reconnecting after this long (the link is checked again). */
  private static final long VIEWER_HOURS = 12;
  private final AuthServices auth;
  private volatile ViewerGate viewers;

  public AccountsGate(AuthServices auth) {
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
    if (user.isViewer()) { // a guest of a read-only link: the link, not a membership, lets them in
      ViewerGate v = viewers;
      return v == null ? Future.failedFuture(ErrorCode.UNAUTHORIZED.refusal("Viewer links are not enabled."))
          : v.readmit(user.viewerLink(), docId).map(p -> Admission.viewer(docId, p.tavoloId(), Mode.parse(p.mode()), p.locked()))
              .recover(err -> Future.failedFuture(refusal(err, ErrorCode.NOT_FOUND)));
    }
    return auth.access().document(user.userId(), docId)
        .map(a -> Admission.member(a.docId(), a.tavoloId(), a.role(), Mode.parse(a.mode()), a.locked(), a.notes()))
        .recover(err -> Future.failedFuture(refusal(err, ErrorCode.NOT_FOUND)));
  }

  @Override
  public boolean revoked(LiveUser user) {
    if (user.isViewer()) {
      ViewerGate v = viewers;
      return v == null || v.revoked(user.viewerLink());
    }
    return auth.revocations().isRevoked(user.tokenId(), user.loginSession());
  }

  @Override
  public Future<Pass> viewer(String secret, UUID docId) {
    ViewerGate v = viewers;
    if (v == null) {
      return Future.failedFuture(ErrorCode.UNAUTHORIZED.refusal("Viewer links are not enabled on this server."));
    }
    return v.admit(secret, docId).recover(err -> Future.failedFuture(refusal(err, ErrorCode.UNAUTHORIZED))).map(p -> new Pass(
        new LiveUser(UUID.randomUUID(), "Ospite", null, null, null, p.linkId(), null,
            java.time.Instant.now().plus(VIEWER_HOURS, java.time.temporal.ChronoUnit.HOURS), p.linkId()),
        Admission.viewer(docId, p.tavoloId(), Mode.parse(p.mode()), p.locked())));
  }

  public void viewers(ViewerGate gate) {
    this.viewers = gate;
  }

  private static LiveUser user(Principal p) {
    return new LiveUser(p.userId(), p.name(), p.orgId(), p.orgName(), p.side(), p.jti(), p.sessionId(), p.expiresAt(), null);
  }

  /**
   * A refusal keeps its meaning (the protocol's codes only, else {@code fallback}); anything
   * else (the database refused the connection, dropped it, timed out) says nothing about the
   * token or the membership: it is {@code unavailable}, so the client keeps its token and
   * retries instead of logging out or calling the document gone.
   */
  private static Throwable refusal(Throwable err, ErrorCode fallback) {
    if (err instanceof Refusal r) {
      return ErrorCode.of(r, fallback).refusal(r.getMessage());
    }
    LOG.warn("a token or an admission could not be checked: {}", err.toString());
    return ErrorCode.UNAVAILABLE.refusal("The server cannot check this now (its database does not answer): retry shortly.");
  }
}
