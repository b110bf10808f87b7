package it.tavolo.sedute;

import static it.tavolo.web.Calls.reply;

import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.web.Routes;

/**
 * {@code GET /api/viewer/:token} (or {@code GET /api/viewer} with the secret in the
 * {@code Tavolo-Viewer} header): what a read-only live link shows before it connects (the
 * seduta, its agenda and the documents to watch). Open — the secret is the credential — so
 * it is mounted before the accounts routes' token check.
 */
public final class ViewerRoutes implements Routes {
  /** The header that carries a viewer link's secret on {@code GET /api/viewer}. */
  public static final String TOKEN_HEADER = "Tavolo-Viewer";

  private final SeduteServices services;

  public ViewerRoutes(SeduteServices services) {
    this.services = services;
  }

  @Override
  public void mount(Router router, AppContext app) {
    SeduteService s = services.service();
    router.get("/api/viewer/:token").handler(rc -> reply(rc, 200, () -> s.viewerInfo(rc.pathParam("token"))));
    // the same with the secret in a header: a proxy's access log records paths, not headers
    router.get("/api/viewer").handler(rc -> reply(rc, 200, () -> s.viewerInfo(rc.request().getHeader(TOKEN_HEADER))));
  }
}
