package it.tavolo.sedute;

import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.web.Routes;

/**
 * A tavolo's calendar feed for calendar apps (docs/api.md, "Convocazioni"): open, the secret
 * in the URL is its credential (calendar apps send no token), mounted before the token check.
 * A coordinator replaces or revokes the secret.
 */
public final class CalendarFeedRoutes implements Routes {
  private final SeduteServices services;

  public CalendarFeedRoutes(SeduteServices services) {
    this.services = services;
  }

  @Override
  public void mount(Router router, AppContext app) {
    SeduteService s = services.service();
    router.get("/api/calendar/:token").handler(rc -> {
      String token = rc.pathParam("token");
      if (token != null && token.endsWith(".ics")) {
        token = token.substring(0, token.length() - 4);
      }
      s.feed(token)
          .onSuccess(ics -> rc.response().putHeader("Content-Type", "text/calendar; charset=utf-8")
              .putHeader("Content-Disposition", "inline; filename=\"tavolo.ics\"").end(ics))
          .onFailure(e -> rc.fail(e));
    });
  }
}
