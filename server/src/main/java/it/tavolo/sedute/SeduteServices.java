package it.tavolo.sedute;

import io.vertx.core.Future;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/** The sedute layer of one running server: its stores, the verbale formats, viewer links and the bridge to the live layer. */
final class SeduteServices {
  private static final Map<AppContext, SeduteServices> BY_APP = new WeakHashMap<>();

  private final SeduteService service;
  private final Verbali verbali;
  private final ViewerLinks viewers;
  private final LiveBridge live;

  private SeduteServices(AppContext app) {
    SedutaStore sedute = new SedutaStore(app.pool());
    RegisterStore register = new RegisterStore(app.pool());
    this.viewers = new ViewerLinks(app.vertx(), app.pool());
    this.verbali = new Verbali(app.vertx(), app.pool(), sedute, register,
        List.of(new VerbalePdf(), new VerbaleOdt()));
    this.live = LiveLink.attach(app, register, viewers);
    this.service = new SeduteService(app.pool(), AuthServices.of(app).access(), sedute, register, verbali, viewers,
        new RecordTables(), live, app::publicOrigin);
    viewers.start(live::closeViewers); // revoked by another process: close their guests here too
  }

  static synchronized SeduteServices of(AppContext app) {
    return BY_APP.computeIfAbsent(app, a -> {
      SeduteServices s = new SeduteServices(a);
      a.onStop(() -> {
        s.viewers.stop();
        return Future.succeededFuture();
      });
      return s;
    });
  }

  SeduteService service() {
    return service;
  }

  Verbali verbali() {
    return verbali;
  }

  ViewerLinks viewers() {
    return viewers;
  }
}
