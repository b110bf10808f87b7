package it.tavolo.sedute;

import io.vertx.core.Future;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;
import it.tavolo.live.layer.LiveServices;
import it.tavolo.notify.Notifications;
import java.util.List;

/**
 * The sedute layer of one running server: its stores, the verbale formats, viewer links and the
 * bridge to the live layer. Built once by App; immutable after (its parts state their own
 * threading).
 */
public final class SeduteServices {

  private final SeduteService service;
  private final Verbali verbali;
  private final ViewerLinkStore viewers;
  private final LiveBridge live;

  public SeduteServices(AppContext app, AuthServices auth, LiveServices liveServices, Notifications notifications) {
    SedutaStore sedute = new SedutaStore(app.pool());
    RegisterStore register = new RegisterStore(app.pool());
    this.viewers = new ViewerLinkStore(app.vertx(), app.pool());
    this.verbali = new Verbali(app.vertx(), app.pool(), sedute, register,
        List.of(new VerbalePdf(), new VerbaleOdt()));
    this.live = LiveLink.attach(app, register, viewers, liveServices);
    this.service = new SeduteService(app.pool(), auth.access(), sedute, register, verbali, viewers,
        new RecordTableStore(), live, app::publicOrigin, new Convocazioni(notifications), new ConvocationStore(app.pool()));
    viewers.start(live::closeViewers); // revoked by another process: close their guests here too
    app.onStop(() -> {
      viewers.stop();
      return Future.succeededFuture();
    });
  }

  SeduteService service() {
    return service;
  }

  Verbali verbali() {
    return verbali;
  }

  ViewerLinkStore viewers() {
    return viewers;
  }
}
