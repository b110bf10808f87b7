package it.tavolo.sedute;

import it.tavolo.web.Calls;
import static it.tavolo.web.Calls.body;
import static it.tavolo.web.Calls.pathId;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.sedute.RegisterRules;
import it.tavolo.core.sedute.SedutaDraft;
import it.tavolo.core.sedute.SedutaRules;
import it.tavolo.core.Refusal;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The sedute API (docs/api.md, "Sedute"): planning, running, the register, the verbale and
 * the viewer links. Mounted after the accounts routes, so every route here has a verified
 * caller.
 */
public final class SeduteRoutes implements Routes {
  private final SeduteServices services;

  public SeduteRoutes(SeduteServices services) {
    this.services = services;
  }

  /** The signed verbale: its body is the file itself (no multipart), up to TAVOLO_SIGNED_VERBALE_MAX_BYTES. */
  static final String SIGNED = "/api/sedute/:sedutaId/verbale/signed";

  /**
   * A signed verbale may be larger than the API's general body limit (1 MiB): its own handler
   * reads it first (refusing more than TAVOLO_SIGNED_VERBALE_MAX_BYTES with 413 before reading
   * past it), and the general one then lets it through.
   */
  @Override
  public void mountBodyReaders(Router router, AppContext app) {
    router.route(SIGNED).handler(io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(signedMaxBytes()));
  }

  static long signedMaxBytes() {
    String v = it.tavolo.config.Environment.withSystemProperties().get("TAVOLO_SIGNED_VERBALE_MAX_BYTES");
    if (v == null || v.isBlank()) {
      return 20L << 20;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("TAVOLO_SIGNED_VERBALE_MAX_BYTES must be a whole number from 1 to " + Integer.MAX_VALUE);
    }
  }

  @Override
  public void mount(Router router, AppContext app) {
    SeduteService s = services.service();

    router.get("/api/tavoli/:tavoloId/sedute").handler(rc -> reply(rc, 200, () ->
        s.list(user(rc), pathId(rc, "tavoloId", "tavolo"))));
    router.post("/api/tavoli/:tavoloId/sedute").handler(rc -> reply(rc, 201, () ->
        s.create(user(rc), pathId(rc, "tavoloId", "tavolo"), () -> draft(body(rc), true), convene(rc, false))));

    router.get("/api/sedute/:sedutaId").handler(rc -> reply(rc, 200, () ->
        s.get(user(rc), seduta(rc), "true".equals(rc.queryParams().get("attend")))));
    router.put("/api/sedute/:sedutaId").handler(rc -> reply(rc, 200, () -> s.update(user(rc), seduta(rc), () -> draft(body(rc), false),
        body(rc).containsKey("convene") ? convene(rc, false) : null)));
    router.delete("/api/sedute/:sedutaId/convocation").handler(rc -> reply(rc, 200, () -> s.cancelConvocation(user(rc), seduta(rc))));
    router.post("/api/tavoli/:tavoloId/calendar-feed").handler(rc -> reply(rc, 201, () ->
        s.createFeed(user(rc), pathId(rc, "tavoloId", "tavolo"))));
    router.delete("/api/tavoli/:tavoloId/calendar-feed").handler(rc -> reply(rc, 204, () ->
        s.revokeFeed(user(rc), pathId(rc, "tavoloId", "tavolo"))));

    router.post("/api/sedute/:sedutaId/agenda").handler(rc -> reply(rc, 201, () ->
        s.addItem(user(rc), seduta(rc), () -> item(body(rc)))));
    router.put("/api/sedute/:sedutaId/agenda/:itemId").handler(rc -> reply(rc, 200, () ->
        s.updateItem(user(rc), seduta(rc), pathId(rc, "itemId", "agenda item"), () -> item(body(rc)))));
    router.delete("/api/sedute/:sedutaId/agenda/:itemId").handler(rc -> reply(rc, 200, () ->
        s.deleteItem(user(rc), seduta(rc), pathId(rc, "itemId", "agenda item"))));

    router.post("/api/sedute/:sedutaId/open").handler(rc -> reply(rc, 200, () -> s.open(user(rc), seduta(rc))));
    router.post("/api/sedute/:sedutaId/current").handler(rc -> reply(rc, 200, () ->
        s.current(user(rc), seduta(rc), () -> {
          JsonObject b = body(rc);
          if (!b.containsKey("itemId")) {
            throw Calls.invalid("'itemId' is required (null: no item in discussion).");
          }
          return java.util.Optional.ofNullable(Calls.uuid(b, "itemId"));
        })));
    router.post("/api/sedute/:sedutaId/agenda/:itemId/decisions").handler(rc -> reply(rc, 201, () ->
        s.addDecision(user(rc), seduta(rc), pathId(rc, "itemId", "agenda item"),
            () -> SedutaRules.decision(Calls.string(body(rc), "text")))));
    router.delete("/api/sedute/:sedutaId/decisions/:decisionId").handler(rc -> reply(rc, 200, () ->
        s.deleteDecision(user(rc), seduta(rc), pathId(rc, "decisionId", "decision"))));
    router.post("/api/sedute/:sedutaId/close").handler(rc -> reply(rc, 200, () -> s.close(user(rc), seduta(rc))));

    router.get("/api/sedute/:sedutaId/register").handler(rc -> reply(rc, 200, () -> s.register(user(rc), seduta(rc))));
    router.post("/api/sedute/:sedutaId/register").handler(rc -> reply(rc, 201, () ->
        s.addManual(user(rc), seduta(rc), () -> {
          JsonObject b = body(rc);
          return RegisterRules.manual(Calls.string(b, "name"), Calls.string(b, "organisation"), Calls.string(b, "role"),
              Calls.string(b, "presence"), Calls.instant(b, "joinedAt"), Calls.instant(b, "leftAt"), Instant.now());
        })));
    router.post("/api/sedute/:sedutaId/register/members").handler(rc -> reply(rc, 201, () ->
        s.markMember(user(rc), seduta(rc), () -> Calls.uuid(body(rc), "userId"))));
    router.put("/api/sedute/:sedutaId/register/:entryId").handler(rc -> reply(rc, 200, () ->
        s.correct(user(rc), seduta(rc), pathId(rc, "entryId", "register entry"), () -> {
          JsonObject b = body(rc);
          return new RegisterStore.Correction(
              Calls.string(b, "name"), b.containsKey("name"),
              Calls.string(b, "organisation"), b.containsKey("organisation"),
              Calls.string(b, "role"), b.containsKey("role"),
              Calls.string(b, "presence"), Calls.instant(b, "joinedAt"),
              Calls.instant(b, "leftAt"), b.containsKey("leftAt"));
        })));
    router.delete("/api/sedute/:sedutaId/register/:entryId").handler(rc -> reply(rc, 204, () ->
        s.removeEntry(user(rc), seduta(rc), pathId(rc, "entryId", "register entry"))));

    NotesService n = services.notes();
    router.get("/api/sedute/:sedutaId/notes").handler(rc -> reply(rc, 200, () -> n.get(user(rc), seduta(rc))));
    router.put("/api/sedute/:sedutaId/notes").handler(rc -> reply(rc, 200, () -> {
      JsonObject b = body(rc);
      return n.setUp(user(rc), seduta(rc), () -> Calls.uuid(b, "secretary"), () -> Calls.uuids(b, "writers"));
    }));
    router.post("/api/sedute/:sedutaId/notes/entries").handler(rc -> reply(rc, 201, () -> {
      JsonObject b = body(rc);
      // the body is read only once the caller may write (a stranger learns nothing from it)
      return n.addEntry(user(rc), seduta(rc), () -> new NotesService.EntryInput(Calls.uuid(b, "itemId"), Calls.string(b, "kind"),
          Calls.uuid(b, "speakerUserId"), Calls.string(b, "speakerName"), Calls.string(b, "organisation"), Calls.string(b, "text")));
    }));
    router.delete("/api/sedute/:sedutaId/notes/entries/:entryId").handler(rc -> reply(rc, 204, () ->
        n.deleteEntry(user(rc), seduta(rc), pathId(rc, "entryId", "entry"))));

    VerbaleReview review = services.review();
    router.get("/api/sedute/:sedutaId/verbale").handler(rc -> reply(rc, 200, () -> s.verbale(user(rc), seduta(rc))
        .compose(meta -> review.state(seduta(rc)).map(meta::mergeIn))));
    // before /verbale/:format, which would take "remarks" for a format
    router.get("/api/sedute/:sedutaId/verbale/remarks").handler(rc -> reply(rc, 200, () -> review.remarks(user(rc), seduta(rc))));
    router.post("/api/sedute/:sedutaId/verbale/remarks").handler(rc -> reply(rc, 201, () ->
        review.addRemark(user(rc), seduta(rc), () -> Calls.string(body(rc), "text"))));
    router.put("/api/sedute/:sedutaId/verbale/remarks-period").handler(rc -> reply(rc, 200, () ->
        review.setPeriod(user(rc), seduta(rc), () -> {
          JsonObject b = body(rc);
          Integer days = Calls.integer(b, "days");
          return days == null ? new VerbaleReview.Period(Calls.instant(b, "until"), null) : new VerbaleReview.Period(null, days);
        })));
    router.post("/api/sedute/:sedutaId/verbale/approve").handler(rc -> reply(rc, 200, () ->
        review.approve(user(rc), seduta(rc), () -> {
          JsonObject b = Calls.optionalBody(rc);
          return new UUID[] {Calls.uuid(b, "approvedIn"), Calls.uuid(b, "itemId")};
        })));
    router.get("/api/sedute/:sedutaId/verbale/approved/:format").handler(rc -> approvedFile(rc, services));
    router.post(SIGNED).handler(rc -> reply(rc, 201, () -> services.signatures().upload(user(rc), seduta(rc),
        () -> rc.body() == null || rc.body().buffer() == null ? null : rc.body().buffer().getBytes())));
    router.get(SIGNED).handler(rc -> reply(rc, 200, () -> services.signatures().list(user(rc), seduta(rc))));
    router.get("/api/sedute/:sedutaId/verbale/:format").handler(rc -> verbaleFile(rc, services));

    router.post("/api/sedute/:sedutaId/viewer-link").handler(rc -> reply(rc, 201, () -> s.createViewerLink(user(rc), seduta(rc))));
    router.delete("/api/sedute/:sedutaId/viewer-link").handler(rc -> reply(rc, 204, () -> s.revokeViewerLink(user(rc), seduta(rc))));
  }

  private static void verbaleFile(RoutingContext rc, SeduteServices services) {
    Future<Verbali.File> f;
    try {
      VerbaleFormat format = services.verbali().format(rc.pathParam("format"))
          .orElseThrow(() -> Refusal.notFound("The verbale is available as pdf and odt."));
      f = services.service().verbaleFile(user(rc), seduta(rc), format);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(file -> rc.response()
            .putHeader("Content-Type", file.format().contentType())
            .putHeader("Content-Disposition", "attachment; filename=\"verbale-" + rc.pathParam("sedutaId") + "." + file.format().name() + "\"")
            .putHeader("X-Content-SHA256", file.sha256())
            .end(io.vertx.core.buffer.Buffer.buffer(file.bytes())))
        .onFailure(e -> rc.fail(Sql.frozenAsClosed(e)));
  }

  /** The body's {@code convene} flag (absent: {@code dflt}); anything but a boolean is refused. */
  private static boolean convene(RoutingContext rc, boolean dflt) {
    Boolean v = Calls.bool(body(rc), "convene");
    return v == null ? dflt : v;
  }

  private static void approvedFile(RoutingContext rc, SeduteServices services) {
    Future<Verbali.File> f;
    try {
      VerbaleFormat format = services.verbali().format(rc.pathParam("format"))
          .orElseThrow(() -> Refusal.notFound("The verbale is available as pdf and odt."));
      f = services.review().approvedFile(user(rc), seduta(rc), format);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(file -> rc.response()
            .putHeader("Content-Type", file.format().contentType())
            .putHeader("Content-Disposition", "attachment; filename=\"verbale-approvato-" + rc.pathParam("sedutaId") + "."
                + file.format().name() + "\"")
            .putHeader("X-Content-SHA256", file.sha256())
            .end(io.vertx.core.buffer.Buffer.buffer(file.bytes())))
        .onFailure(e -> rc.fail(Sql.frozenAsClosed(e)));
  }

  private static UUID user(RoutingContext rc) {
    return TokenCheck.principal(rc).userId();
  }

  private static UUID seduta(RoutingContext rc) {
    return pathId(rc, "sedutaId", "seduta");
  }

  private static SeduteService.ItemInput item(JsonObject b) {
    return new SeduteService.ItemInput(SedutaRules.item(Calls.string(b, "title"), Calls.string(b, "notes")),
        Calls.integer(b, "position"));
  }

  private static SedutaDraft draft(JsonObject b, boolean withAgenda) {
    List<SedutaDraft.AgendaItemDraft> agenda = new ArrayList<>();
    if (withAgenda) {
      JsonArray a = Calls.array(b, "agenda");
      if (a.size() > SedutaRules.MAX_AGENDA_ITEMS) {
        throw Calls.invalid("At most " + SedutaRules.MAX_AGENDA_ITEMS + " agenda items.");
      }
      for (Object o : a) {
        if (o instanceof String title) {
          agenda.add(new SedutaDraft.AgendaItemDraft(title, null));
        } else if (o instanceof JsonObject item) {
          agenda.add(new SedutaDraft.AgendaItemDraft(Calls.string(item, "title"), Calls.string(item, "notes")));
        } else {
          throw Calls.invalid("'agenda' items are titles or {title, notes}.");
        }
      }
    }
    return SedutaRules.check(Calls.string(b, "title"), Calls.instant(b, "startsAt"), Calls.string(b, "mode"),
        Calls.string(b, "place"), Calls.string(b, "callUrl"), agenda, Calls.uuids(b, "documents"));
  }

  /**
   * The toolkit's reply, with a write the freeze triggers refused (a seduta closed meanwhile)
   * answered as {@code seduta_closed}.
   */
  private static void reply(RoutingContext rc, int status, java.util.function.Supplier<Future<?>> work) {
    Calls.reply(rc, status, () -> work.get().recover(e -> Future.failedFuture(Sql.frozenAsClosed(e))));
  }
}
