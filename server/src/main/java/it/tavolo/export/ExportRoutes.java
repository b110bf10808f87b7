package it.tavolo.export;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.web.Routes;
import it.tavolo.http.TokenCheck;
import it.tavolo.record.RecordServices;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code GET /api/documents/:docId/versions/:v/export.pdf | export.odt | budget.csv} and the
 * head as a draft, {@code GET /api/documents/:docId/export.pdf | export.odt}: any member of the
 * tavolo; and {@code GET .../versions/:v/confirmations.pdf | confirmations.odt}, the partners'
 * confirmations of a consolidated version (issue 15), same access. Every answer carries the
 * file's SHA-256 in {@code X-Content-SHA256}; a draft says so in {@code X-Tavolo-Draft: true}.
 */
public final class ExportRoutes implements Routes {
  static final String SHA_HEADER = "X-Content-SHA256";
  static final String DRAFT_HEADER = "X-Tavolo-Draft";

  private record Format(String ext, String type, String name, Function<ExportModel, byte[]> renderer) {}

  private static final Format PDF = new Format("pdf", "application/pdf", "progetto", PdfExport::render);
  private static final Format ODT = new Format("odt", OdtExport.MIMETYPE, "progetto", OdtExport::render);
  private static final Format CSV = new Format("csv", "text/csv; charset=utf-8", "piano-economico", BudgetCsv::render);

  /** The formats stored for a consolidated version, by the name {@code version_exports} gives them. */
  static final Map<String, Function<ExportModel, byte[]>> RENDERERS = new LinkedHashMap<>();

  static {
    for (Format f : List.of(PDF, ODT, CSV)) RENDERERS.put(f.ext(), f.renderer());
  }

  private final RecordServices record;

  public ExportRoutes(RecordServices record) {
    this.record = record;
  }

  @Override
  public void mount(Router router, AppContext app) {
    ExportService exports = new ExportService(record);
    record.versions().onConsolidated(exports::storeAll); // consolidating stores the files: a download is only a read
    String base = "/api/documents/:docId/versions/:v/";
    router.get(base + "export.pdf").handler(rc -> version(rc, exports, PDF));
    router.get(base + "export.odt").handler(rc -> version(rc, exports, ODT));
    router.get(base + "budget.csv").handler(rc -> version(rc, exports, CSV));
    router.get(base + "confirmations.pdf").handler(rc -> confirmations(rc, exports, PDF, ConfirmationsExport::pdf));
    router.get(base + "confirmations.odt").handler(rc -> confirmations(rc, exports, ODT, ConfirmationsExport::odt));
    router.get("/api/documents/:docId/export.pdf").handler(rc -> head(rc, exports, PDF));
    router.get("/api/documents/:docId/export.odt").handler(rc -> head(rc, exports, ODT));
    router.get("/api/documents/:docId/budget/totals").handler(rc -> {
      UUID doc = document(rc);
      if (doc == null) return;
      exports.totals(TokenCheck.principal(rc).userId(), doc)
          .onSuccess(body -> it.tavolo.web.Responses.json(rc, 200, body))
          .onFailure(e -> rc.fail(e instanceof Refusal r ? new Refusal(r.status(), r.code(), r.getMessage()) : e));
    });
  }

  /** A version's file (export or budget), stored at consolidation: a draft only if it was not stored. */
  private static void version(RoutingContext rc, ExportService exports, Format f) {
    VersionPath p = versionPath(rc);
    if (p == null) return;
    answer(rc, exports.render(TokenCheck.principal(rc).userId(), p.doc(), p.number(), f.ext(), f.renderer()), f,
        f.name() + "-v" + p.number() + "." + f.ext(), true);
  }

  /** The confirmations table of a consolidated version (issue 15); rendered for each download, never stored, and no draft of the text. */
  private static void confirmations(RoutingContext rc, ExportService exports, Format f,
                                    Function<ConfirmationsExport.Table, byte[]> renderer) {
    VersionPath p = versionPath(rc);
    if (p == null) return;
    answer(rc, exports.confirmations(TokenCheck.principal(rc).userId(), p.doc(), p.number(), renderer), f,
        "conferme-v" + p.number() + "." + f.ext(), false);
  }

  private static void head(RoutingContext rc, ExportService exports, Format f) {
    UUID doc = document(rc);
    if (doc == null) return;
    answer(rc, exports.renderHead(TokenCheck.principal(rc).userId(), doc, f.renderer()), f,
        f.name() + "-bozza." + f.ext(), true);
  }

  private record VersionPath(UUID doc, int number) {}

  /** The path's document and version number ("3" or "v3"); null once the request has failed with not_found. */
  private static VersionPath versionPath(RoutingContext rc) {
    try {
      String v = rc.pathParam("v");
      int number = Integer.parseInt(v.startsWith("v") ? v.substring(1) : v);
      if (number < 1) throw new NumberFormatException(v);
      return new VersionPath(UUID.fromString(rc.pathParam("docId")), number);
    } catch (RuntimeException e) {
      rc.fail(Refusal.notFound("No such version of this document."));
      return null;
    }
  }

  /** The path's document; null once the request has failed with not_found. */
  private static UUID document(RoutingContext rc) {
    try {
      return UUID.fromString(rc.pathParam("docId"));
    } catch (RuntimeException e) {
      rc.fail(Refusal.notFound("No such document."));
      return null;
    }
  }

  /**
   * The one answer of every export: the file with its type, name and SHA-256.
   * {@code draftUnlessStored}: a file not stored is a draft (not so the confirmations table).
   */
  private static void answer(RoutingContext rc, Future<ExportFile> file, Format f, String name, boolean draftUnlessStored) {
    file.onSuccess(x -> {
          rc.response().putHeader("Content-Type", f.type())
              .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
              .putHeader(SHA_HEADER, x.sha256());
          if (draftUnlessStored && !x.stored()) rc.response().putHeader(DRAFT_HEADER, "true");
          rc.response().end(Buffer.buffer(x.bytes()));
        })
        .onFailure(rc::fail);
  }
}
