package it.tavolo.export;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import it.tavolo.core.Refusal;
import it.tavolo.core.budget.Groupings;
import it.tavolo.core.record.Contributions;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.record.VersionForm;
import it.tavolo.record.DocumentStore;
import it.tavolo.record.Integration;
import it.tavolo.record.RecordServices;
import it.tavolo.record.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Builds a version's {@link ExportModel} and renders it on a worker thread (never the event
 * loop). A consolidated version is exported only if the state rebuilt from the op log still
 * has its hash: what is filed is what was consolidated; its first export in each format is
 * stored and every later download gets those bytes. The head exports as a draft, never stored.
 * Stateless apart from its stores; futures complete on event loops.
 */
public final class ExportService {
  private static final Map<String, String> COLLECTION = Map.of("sections", "sezione", "objectives", "obiettivo",
      "activities", "attività", "budget", "voce di budget");

  private final RecordServices r;
  private final ExportStore stored;

  public ExportService(RecordServices r) {
    this.r = r;
    this.stored = new ExportStore(r.app().pool());
  }

  /** Version {@code number} in {@code format} ({@code pdf}, {@code odt}, {@code csv}). */
  public Future<ExportFile> render(UUID user, UUID doc, int number, String format, Function<ExportModel, byte[]> renderer) {
    return r.auth().access().document(user, doc)
        .compose(a -> r.versionStore().get(r.app().pool(), doc, number))
        .compose(v -> {
          if (v.isEmpty()) return Future.failedFuture(Refusal.notFound("No such version of this document."));
          if (!v.get().consolidated()) return model(doc, v.get()).compose(m -> rendered(m, renderer, false));
          return stored.get(doc, number, format).compose(kept -> kept.isPresent() ? Future.succeededFuture(kept.get())
              : model(doc, v.get()).compose(m -> rendered(m, renderer, true))
                  .compose(file -> stored.keep(doc, number, format, file)));
        });
  }

  /**
   * Renders and stores the files of a version just consolidated (PDF, ODT, CSV) from one model,
   * so that downloads only read them. Called by {@link it.tavolo.record.Versions#onConsolidated}.
   */
  public Future<Void> storeAll(UUID doc, int number) {
    return r.versionStore().get(r.app().pool(), doc, number)
        .compose(v -> v.isPresent() && v.get().consolidated() ? model(doc, v.get()) : Future.succeededFuture(null))
        .compose(m -> {
          if (m == null) return Future.succeededFuture();
          Future<?> chain = Future.succeededFuture();
          for (Map.Entry<String, Function<ExportModel, byte[]>> f : ExportRoutes.RENDERERS.entrySet()) {
            chain = chain.compose(x -> rendered(m, f.getValue(), true)
                .compose(file -> stored.keep(doc, number, f.getKey(), file)));
          }
          return chain.mapEmpty();
        });
  }

  /**
   * The document as it is now, marked as a draft on every page; rendered for this download
   * only. It ends with the confirmations table of the latest consolidated version, if any.
   */
  public Future<ExportFile> renderHead(UUID user, UUID doc, Function<ExportModel, byte[]> renderer) {
    return r.auth().access().document(user, doc)
        .compose(a -> r.documents().head(r.app().pool(), doc))
        .compose(head -> model(doc, new Version(doc, 0, head, null, null, null, null, null, null, null, null)))
        .compose(m -> r.versionStore().list(doc).compose(versions -> {
          Version latest = null;
          for (Version v : versions) if (v.consolidated() && (latest == null || v.number() > latest.number())) latest = v;
          return latest == null ? Future.succeededFuture(m)
              : confirmationsTable(user, doc, latest.number()).map(m::withConfirmations);
        }))
        .compose(m -> rendered(m, renderer, false));
  }

  /** The budget totals of the head (issue 15): for any member of the tavolo, as a read of the document. */
  public Future<io.vertx.core.json.JsonObject> totals(UUID user, UUID doc) {
    return r.auth().access().document(user, doc)
        .compose(a -> r.documents().head(r.app().pool(), doc))
        .compose(seq -> r.history().stateAt(doc, seq)
            .compose(state -> r.documents().organisations().map(orgs -> {
              Map<String, String[]> names = new HashMap<>();
              for (DocumentStore.Org o : orgs.values()) names.put(o.id(), new String[] {o.name(), o.side()});
              return TotalsJson.of(seq, new ModelBuilder(state, names).budgetTotals(), names);
            })));
  }

  /**
   * The confirmations table of consolidated version {@code number} (issue 15), as {@code
   * GET .../confirmations} gives it (same access: any member of the tavolo), with the names of
   * the groupings and capofila a confirmation went through. Rendered for this download, never
   * stored: it changes as partners confirm, the version's own files do not.
   */
  public Future<ExportFile> confirmations(UUID user, UUID doc, int number, Function<ConfirmationsExport.Table, byte[]> renderer) {
    return confirmationsTable(user, doc, number)
        .compose(t -> r.app().vertx().executeBlocking(() -> ExportFile.of(renderer.apply(t), false), false));
  }

  Future<ConfirmationsExport.Table> confirmationsTable(UUID user, UUID doc, int number) {
    return r.contributions().list(user, doc, number).compose(listing -> stored.heading(doc)
        .compose(h -> r.versionStore().get(r.app().pool(), doc, number)
            .compose(v -> r.groupings().store().ofTavolo(r.app().pool(), h.getUUID("tavolo_id"))
                .compose(groupings -> r.documents().organisations().map(orgs -> {
                  Map<String, String> via = new HashMap<>();
                  for (it.tavolo.record.GroupingStore.Grouping g : groupings) {
                    DocumentStore.Org capofila = orgs.get(g.capofila().toString());
                    via.put(g.id().toString(), "«" + g.name() + "» (capofila " + (capofila == null ? "—" : capofila.name()) + ")");
                  }
                  Instant date = v.get().consolidatedAt().toInstant();
                  List<ConfirmationsExport.Row> rows = new ArrayList<>();
                  for (Object o : listing.getJsonArray("contributors")) {
                    JsonObject c = (JsonObject) o;
                    JsonObject conf = c.getJsonObject("confirmation");
                    Instant at = conf == null ? null : Instant.parse(conf.getString("at"));
                    if (at != null && at.isAfter(date)) date = at;
                    rows.add(new ConfirmationsExport.Row(c.getJsonObject("organisation").getString("name"),
                        c.getLong("monetary"), c.getLong("inKind"), c.getString("status"),
                        conf == null ? null : conf.getInteger("version"),
                        conf == null ? null : conf.getJsonObject("by").getString("name"), at,
                        conf == null || conf.getString("viaGrouping") == null ? null
                            : via.getOrDefault(conf.getString("viaGrouping"), "un raggruppamento")));
                  }
                  return new ConfirmationsExport.Table(h.getString("tavolo_title"), h.getString("title"), number,
                      v.get().name(), listing.getString("sha256"), date, rows);
                })))));
  }

  private Future<ExportFile> rendered(ExportModel m, Function<ExportModel, byte[]> renderer, boolean keep) {
    return r.app().vertx().executeBlocking(() -> ExportFile.of(renderer.apply(m), keep), false);
  }

  Future<ExportModel> model(UUID doc, Version v) {
    Future<Row> header = stored.heading(doc);
    return header.compose(h -> r.history().stateAt(doc, v.seq())
        .compose(state -> r.documents().organisations()
            .compose(orgs -> r.integrationStore().acceptedUpTo(doc, v.seq())
                .compose(integrations -> stored.auditHead(h.getUUID("tavolo_id"))
                    .compose(head -> r.groupings().store().ofTavolo(r.app().pool(), h.getUUID("tavolo_id"))
                    .compose(groupings -> r.app().vertx().executeBlocking(() -> {
                      if (v.consolidated() && !VersionForm.sha256(doc.toString(), state).equals(v.sha256())) {
                        throw Refusal.conflict("version_integrity", "The op log no longer gives this version's hash: "
                            + "it is not exported (verify it).");
                      }
                      Map<String, String[]> names = new HashMap<>();
                      for (DocumentStore.Org o : orgs.values()) names.put(o.id(), new String[] {o.name(), o.side()});
                      ModelBuilder b = new ModelBuilder(state, names);
                      List<ExportModel.IntegrationNote> notes = new ArrayList<>();
                      for (Integration i : integrations) notes.add(note(notes.size() + 1, i, state));
                      return new ExportModel(h.getString("tavolo_title"), h.getString("avviso"),
                          h.getString("ente_proponente"), h.getString("ambito"), h.getString("title"), v.number(),
                          v.name(), v.seq(), v.consolidated(), v.consolidatedByName(),
                          v.consolidatedAt() == null ? null : v.consolidatedAt().toInstant(), v.sha256(), b.sections(),
                          b.objectives(), b.activities(), b.cronoprogramma(), b.budget(), b.totals(), notes, head,
                          Instant.now(), null, groupingTotals(groupings, state, names));
                    }, false)))))));
  }

  /**
   * Totals per grouping of the tavolo (issue 15) from the exported state's contributions, as
   * {@code GET .../groupings/totals} computes them at the head (core Groupings).
   */
  static List<ExportModel.GroupingTotal> groupingTotals(List<it.tavolo.record.GroupingStore.Grouping> groupings,
                                                        DocumentState state, Map<String, String[]> names) {
    List<Groupings.Grouping> shapes = new ArrayList<>();
    for (it.tavolo.record.GroupingStore.Grouping g : groupings) {
      shapes.add(new Groupings.Grouping(g.id().toString(), g.members().stream().map(x -> x.organisation().toString()).toList()));
    }
    Map<String, long[]> figures = new HashMap<>();
    Contributions.of(state).forEach((org, f) -> figures.put(org, new long[] {f.monetary(), f.inKind()}));
    List<Groupings.Total> totals = Groupings.totals(shapes, figures);
    List<ExportModel.GroupingTotal> out = new ArrayList<>();
    for (int k = 0; k < groupings.size(); k++) {
      it.tavolo.record.GroupingStore.Grouping g = groupings.get(k);
      Groupings.Total t = totals.get(k);
      String[] capofila = names.get(g.capofila().toString());
      List<String> members = new ArrayList<>();
      for (it.tavolo.record.GroupingStore.Member x : g.members()) members.add(x.name());
      out.add(new ExportModel.GroupingTotal(g.name(), capofila == null ? "—" : capofila[0], String.join(", ", members),
          t.monetary(), t.inKind(), t.total()));
    }
    return out;
  }

  /**
   * One accepted integration for the annex. What it touched is named as a reader of the filed
   * document knows it — the entity's title (a budget line's description) in the version and
   * the field's Italian name — never by internal ids and schema names.
   */
  static ExportModel.IntegrationNote note(int number, Integration i, DocumentState state) {
    Set<String> touched = new LinkedHashSet<>();
    JsonArray targets = i.targets();
    for (int k = 0; k < targets.size(); k++) {
      JsonObject t = targets.getJsonObject(k);
      String coll = t.getString("coll");
      String what = COLLECTION.getOrDefault(coll, coll) + " " + entityName(coll, t.getString("id"), state, i.ops());
      touched.add(t.getString("field") == null ? what : what + " (" + Italian.field(coll, t.getString("field")) + ")");
    }
    return new ExportModel.IntegrationNote(number, i.proposerName(), i.proposerOrgName(), i.proposerSide(),
        i.decidedByName(), i.decidedAt() == null ? null : i.decidedAt().toInstant(),
        i.rationale().isBlank() ? "—" : i.rationale(), String.join(", ", touched));
  }

  /** «title» in the version; for an entity gone by then, the name it was created with, or that it was removed. */
  private static String entityName(String coll, String id, DocumentState state, JsonArray ops) {
    String name = null;
    if (state.exists(coll, id)) {
      name = nameIn(state.fields(coll, id));
    } else {
      for (int k = 0; k < ops.size(); k++) {
        JsonObject op = ops.getJsonObject(k);
        if ("create".equals(op.getString("op")) && coll.equals(op.getString("coll")) && id.equals(op.getString("id"))) {
          JsonObject f = op.getJsonObject("fields", new JsonObject());
          name = nameIn(f.getMap());
        }
      }
      if (name == null) return "(poi eliminata)";
    }
    return name == null || name.isBlank() ? "senza titolo" : "«" + name.strip() + "»";
  }

  private static String nameIn(Map<String, Object> fields) {
    Object title = fields.get("title");
    if (title instanceof String s && !s.isBlank()) return s;
    Object description = fields.get("description");
    return description instanceof String s ? s : null;
  }
}
