package it.tavolo.http;

import it.tavolo.web.Routes;
import it.tavolo.auth.AuditTrail;
import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;

/**
 * The accounts layer's share of the API, and the token check in front of every other /api
 * route: mount it before any other feature. Open routes (login, refresh, invitation
 * preview and registration) come first; {@link TokenCheck} follows on /api/*.
 */
public final class AccountsRoutes implements Routes {
  private final AuthServices auth;
  private final AuditTrail audit;

  public AccountsRoutes(AuthServices auth, AuditTrail audit) {
    this.auth = auth;
    this.audit = audit;
  }

  @Override
  public void mount(Router router, AppContext app) {
    AuthRoutes authRoutes = new AuthRoutes(auth);
    InvitationRoutes invitations = new InvitationRoutes(auth, app, audit);

    authRoutes.mountOpen(router);
    invitations.mountOpen(router);
    router.route("/api/*").handler(new TokenCheck(auth.tokens()));

    authRoutes.mountProtected(router);
    new TavoliRoutes(auth, audit).mount(router);
    new MemberRoutes(auth, app.pool(), audit).mount(router);
    invitations.mountProtected(router);
    new OrganisationRoutes(auth).mount(router);
    new PartnerRoutes(auth, app.pool(), audit).mount(router);
    new TerritoriRoutes(auth, app.pool(), audit).mount(router);
  }
}
