package it.tavolo.sedute;

import static it.tavolo.sedute.Calls.reply;

import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.http.Routes;

/**
 * {@code GET /api/viewer/:token}: what a read-only live link shows before it connects (the
 * seduta, its agenda and the documents to watch). Open — the secret is the credential — so
 * it is mounted before the accounts routes' token check.
 */
public final class ViewerRoutes implements Routes {
  @Override
  public void mount(Router router, AppContext app) {
    SeduteService s = SeduteServices.of(app).service();
    router.get("/api/viewer/:token").handler(rc -> reply(rc, 200, () -> s.viewerInfo(rc.pathParam("token"))));
  }
}
