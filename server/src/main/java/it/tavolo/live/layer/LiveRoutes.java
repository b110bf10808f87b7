package it.tavolo.live.layer;

import io.vertx.ext.web.Router;
import it.tavolo.AppContext;
import it.tavolo.web.Routes;

/** Mounts {@code GET /ws} (docs/protocol.md). */
public final class LiveRoutes implements Routes {
  private final LiveServices live;

  public LiveRoutes(LiveServices live) {
    this.live = live;
  }

  @Override
  public void mount(Router router, AppContext app) {
    router.get("/ws").handler(live.endpoint()::handle);
  }
}
