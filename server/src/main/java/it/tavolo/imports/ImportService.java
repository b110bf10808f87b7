package it.tavolo.imports;

import it.tavolo.auth.AuditTrail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.db.OpLogStore;
import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;
import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.record.AuditStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads an uploaded .docx/.odt on a worker thread (never an event loop) into an {@link ImportPlan},
 * and creates the new draft in one transaction: the document, its content as one op-log batch
 * authored by the importer, the file's provenance and the audit event. Stateless apart from its
 * settings; futures complete on event loops.
 */
public final class ImportService {
  /** A file read and checked: what the preview shows and what the import writes. */
  record Prepared(String fileName, String format, String sha256, long size, String title, ImportPlan plan, JsonArray ops) {
    JsonObject preview() {
      return new JsonObject().put("file", fileName).put("format", format).put("sha256", sha256).put("bytes", size)
          .put("title", title).mergeIn(plan.preview());
    }
  }

  static final int MAX_TITLE = 200;

  private final AppContext app;
  private final AuthServices auth;
  private final AuditTrail audit;
  private final ImportSettings limits;

  ImportService(AppContext app, AuthServices auth, ImportSettings limits) {
    this.app = app;
    this.auth = auth;
    this.audit = new AuditStore(app.pool());
    this.limits = limits;
  }

  /** The coordinator's preview: nothing is written. */
  Future<JsonObject> preview(UUID user, UUID tavolo, String fileName, String title, byte[] file) {
    return auth.access().coordinator(user, tavolo).compose(r -> prepare(fileName, title, file)).map(Prepared::preview);
  }

  /** Creates the draft; all or nothing. */
  Future<JsonObject> create(UUID user, UUID tavolo, String fileName, String title, byte[] file) {
    return auth.access().coordinator(user, tavolo).compose(r -> prepare(fileName, title, file))
        .compose(p -> auth.tavoli().addDocument(tavolo, p.title(), (tx, t, doc) -> OpLogStore.insertFirst(tx, doc, user, "import", p.ops())
                .compose(x -> ImportStore.record(tx, doc, p.fileName(), p.format(), p.sha256(), p.size(), user))
                .compose(x -> audit.append(tx, new AuditTrail.Event(t, user, "document_imported", doc, doc.toString(),
                    Map.of("title", p.title(), "file", p.fileName(), "sha256", p.sha256())))))
            .map(info -> info.toJson().put("import", p.preview())));
  }

  private Future<Prepared> prepare(String fileName, String title, byte[] file) {
    return app.vertx().executeBlocking(() -> read(fileName, title, file, limits), false);
  }

  /** Blocking: the whole reading of a file, for a worker thread (and the tests). */
  static Prepared read(String fileName, String title, byte[] file, ImportSettings limits) {
    if (io.vertx.core.Context.isOnEventLoopThread()) {
      throw new IllegalStateException("an import is read on a worker thread, never on an event loop");
    }
    String name = fileName == null ? "" : fileName.strip();
    String lower = name.toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.length() > 255 || !(lower.endsWith(".docx") || lower.endsWith(".odt"))) {
      throw Refusal.unsupported("import_unsupported_type", "Only .docx and .odt files can be imported (file=" + (name.isEmpty() ? "missing" : "given") + ").");
    }
    if (file.length == 0) throw Refusal.unprocessable("import_unreadable", "The file is empty.");
    if (file.length > limits.maxBytes()) throw Refusal.tooLarge("import_too_large", "The file is larger than " + limits.maxBytes() + " bytes.");
    ZipGuard.Unpacked z = ZipGuard.check(file, limits);
    String format = z.format() == ZipGuard.Format.DOCX ? "docx" : "odt";
    if (!lower.endsWith("." + format)) {
      throw Refusal.unsupported("import_unsupported_type", "The file is named ." + (format.equals("docx") ? "odt" : "docx") + " but holds a ."
          + format + " document: rename it and try again.");
    }
    List<Block> blocks = z.format() == ZipGuard.Format.DOCX ? DocxReader.read(file, limits)
        : OdtReader.read(z.parts().get("content.xml"));
    ImportPlan plan = ImportPlan.of(blocks);
    if (plan.entities.isEmpty()) throw Refusal.unprocessable("import_unreadable", "The file has no text to import.");
    JsonArray ops = plan.ops();
    try {
      OpApplier.applyAll(new DocumentState(), OpCodec.decodeBatch(ops.encode()), "import", 1);
    } catch (Refusal e) {
      throw Refusal.tooLarge("import_too_large", "The file does not fit in one draft: " + e.getMessage());
    }
    String t = title == null || title.isBlank() ? name.substring(0, name.lastIndexOf('.')).strip() : title.strip();
    if (t.isEmpty()) t = "Bozza importata";
    if (t.length() > MAX_TITLE) t = t.substring(0, MAX_TITLE);
    return new Prepared(name, format, sha256(file), file.length, t, plan, ops);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
