package it.tavolo.http;

import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;

/**
 * The accounts layer's share of the API, and the token check in front of every other /api
 * route: mount it before any other feature. Open routes (login, refresh, invitation
 * preview and registration) come first; {@link TokenCheck} follows on /api/*.
 */
public final class AccountsRoutes implements Routes {
  @Override
  public void mount(Router router, AppContext app) {
    AuthServices auth = AuthServices.of(app);
    AuthRoutes authRoutes = new AuthRoutes(auth);
    InvitationRoutes invitations = new InvitationRoutes(auth, app);

    authRoutes.mountOpen(router);
    invitations.mountOpen(router);
    router.route("/api/*").handler(new TokenCheck(auth.tokens()));

    authRoutes.mountProtected(router);
    new TavoliRoutes(auth, new it.tavolo.record.AuditStore(app.pool())).mount(router);
    new MemberRoutes(auth, app.pool(), new it.tavolo.record.AuditStore(app.pool())).mount(router);
    invitations.mountProtected(router);
    new OrganisationRoutes(auth).mount(router);
    new PartnerRoutes(auth, app.pool(), new it.tavolo.record.AuditStore(app.pool())).mount(router);
  }
}
