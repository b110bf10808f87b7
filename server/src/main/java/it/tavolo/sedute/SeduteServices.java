package it.tavolo.sedute;

import io.vertx.core.Future;
import it.tavolo.AppContext;
import it.tavolo.auth.AuditTrail;
import it.tavolo.auth.AuthServices;
import it.tavolo.live.layer.LiveServices;
import it.tavolo.notify.Notifications;
import it.tavolo.record.History;
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
  private final NotesService notes;
  private final VerbaleReview review;
  private final VerbaleSignatures signatures;

  public SeduteServices(AppContext app, AuthServices auth, LiveServices liveServices, Notifications notifications,
      AuditTrail audit) {
    SedutaStore sedute = new SedutaStore(app.pool());
    RegisterStore register = new RegisterStore(app.pool());
    this.viewers = new ViewerLinkStore(app.vertx(), app.pool());
    NotesStore notesStore = new NotesStore(app.pool());
    History history = new History(app.vertx(), app.pool());
    this.verbali = new Verbali(app.vertx(), app.pool(), sedute, register,
        List.of(new VerbalePdf(), new VerbaleOdt()), notesStore, history);
    this.live = LiveLink.attach(app, register, viewers, liveServices);
    Convocazioni convocazioni = new Convocazioni(notifications);
    this.service = new SeduteService(app.pool(), auth.access(), sedute, register, verbali, viewers,
        new RecordTableStore(), live, app::publicOrigin, convocazioni, new ConvocationStore(app.pool()));
    this.notes = new NotesService(service, sedute, notesStore, live, history);
    service.notesHook(notes::itemAdded);
    this.review = new VerbaleReview(service, auth.access(), new ReviewStore(app.pool()), verbali, audit, convocazioni);
    this.signatures = new VerbaleSignatures(app.vertx(), service, verbali, new SignatureStore(app.pool()));
    viewers.start(live::closeViewers); // revoked by another process: close their guests here too
    app.onStop(() -> {
      viewers.stop();
      return Future.succeededFuture();
    });
  }

  SeduteService service() {
    return service;
  }

  VerbaleSignatures signatures() {
    return signatures;
  }

  VerbaleReview review() {
    return review;
  }

  NotesService notes() {
    return notes;
  }

  Verbali verbali() {
    return verbali;
  }

  ViewerLinkStore viewers() {
    return viewers;
  }
}
