package it.tavolo.export;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import it.tavolo.AppContext;
import it.tavolo.access.Refusal;
import it.tavolo.http.ApiError;
import it.tavolo.http.Routes;
import it.tavolo.http.TokenCheck;
import it.tavolo.record.RecordServices;
import java.util.UUID;
import java.util.function.Function;

/** {@code GET /api/documents/:docId/versions/:v/export.pdf | export.odt | budget.csv}: any member of the tavolo. */
public final class ExportRoutes implements Routes {
  private final RecordServices record;

  public ExportRoutes(RecordServices record) {
    this.record = record;
  }

  @Override
  public void mount(Router router, AppContext app) {
    ExportService exports = new ExportService(record);
    String base = "/api/documents/:docId/versions/:v/";
    router.get(base + "export.pdf").handler(rc -> send(rc, exports, PdfExport::render, "application/pdf", "pdf"));
    router.get(base + "export.odt").handler(rc -> send(rc, exports, OdtExport::render, OdtExport.MIMETYPE, "odt"));
    router.get(base + "budget.csv").handler(rc -> send(rc, exports, BudgetCsv::render, "text/csv; charset=utf-8", "csv"));
  }

  private static void send(RoutingContext rc, ExportService exports, Function<ExportModel, byte[]> renderer,
                           String type, String ext) {
    UUID doc;
    int number;
    try {
      doc = UUID.fromString(rc.pathParam("docId"));
      String v = rc.pathParam("v");
      number = Integer.parseInt(v.startsWith("v") ? v.substring(1) : v);
    } catch (RuntimeException e) {
      rc.fail(ApiError.notFound("No such version of this document."));
      return;
    }
    String name = ("csv".equals(ext) ? "piano-economico" : "progetto") + "-v" + number + "." + ext;
    exports.render(TokenCheck.principal(rc).userId(), doc, number, renderer)
        .onSuccess(bytes -> rc.response().putHeader("Content-Type", type)
            .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
            .end(Buffer.buffer(bytes)))
        .onFailure(e -> rc.fail(e instanceof Refusal r ? new ApiError(r.status(), r.code(), r.getMessage()) : e));
  }
}
