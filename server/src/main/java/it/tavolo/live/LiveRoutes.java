package it.tavolo.live;

import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.http.Routes;

/** Mounts {@code GET /ws} (docs/protocol.md). */
public final class LiveRoutes implements Routes {
  @Override
  public void mount(Router router, AppContext app) {
    LiveServices live = LiveServices.of(app);
    router.get("/ws").handler(live.endpoint()::handle);
  }
}
