package it.tavolo.files;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import it.tavolo.record.AuditStore;
import it.tavolo.record.RecordServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tavolo's files: upload (streamed into chunk rows, one transaction), list, download
 * (streamed out chunk by chunk), publish for viewer links, withdraw (recorded; the bytes are
 * dropped). Who may: members read, coordinators and members upload, coordinators publish,
 * coordinators and the uploader withdraw. Thread-safe: its only state is the count of uploads
 * in progress (atomic) and the lazily built sniffer (built once on a worker).
 */
final class FileService {
  static final int MAX_NAME = 255;
  static final int MAX_REASON = 1000;

  private final AppContext app;
  private final RecordServices record;
  private final FileStore store;
  private final FileSettings settings;
  private final AtomicInteger uploads = new AtomicInteger();
  private volatile Sniffer sniffer;

  FileService(AppContext app, RecordServices record, FileSettings settings) {
    this.app = app;
    this.record = record;
    this.store = new FileStore(app.pool());
    this.settings = settings;
  }

  FileSettings settings() {
    return settings;
  }

  /** The name as stored: its last path segment, stripped; refused when empty, too long or with control characters. */
  static String cleanName(String raw) {
    if (raw == null) throw Refusal.invalid("file_name_invalid", "name is required (?name=).");
    String n = raw.strip();
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    n = n.substring(slash + 1).strip();
    if (n.isEmpty() || n.length() > MAX_NAME || n.equals(".") || n.equals("..") || n.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw Refusal.invalid("file_name_invalid", "name must be 1 to " + MAX_NAME + " characters with no control characters.");
    }
    return n;
  }

  /**
   * Checks who and what before a byte is read (the request is paused), then streams the body in.
   * The answer is the stored file's JSON.
   */
  Future<JsonObject> upload(HttpServerRequest req, UUID user, UUID tavolo, String rawName, String rawLink) {
    String declared = req.getHeader("Content-Type");
    // who first (an observer or a stranger learns nothing about what they sent), then what
    return record.auth().access().editor(user, tavolo)
        .compose(role -> {
          String name = cleanName(rawName);
          Link link = Link.parse(rawLink);
          String length = req.getHeader("Content-Length");
          if (length != null) {
            try {
              if (Long.parseLong(length.strip()) > settings.maxBytes()) throw FileRefusals.tooLarge(settings.maxBytes());
            } catch (NumberFormatException ignored) {
              // Vert.x refused a malformed length before this; nothing to add
            }
          }
          return (link == null ? Future.<Void>succeededFuture() : checkLink(link, tavolo)).map(x -> new Checked(name, link));
        })
        .compose(c -> {
          String name = c.name();
          Link link = c.link();
          if (uploads.incrementAndGet() > settings.maxUploads()) {
            uploads.decrementAndGet();
            return Future.failedFuture(FileRefusals.busy());
          }
          return app.pool().getConnection()
              .compose(conn -> receive(req, conn, user, tavolo, name, link, declared).onComplete(r -> conn.close()))
              .onComplete(r -> uploads.decrementAndGet());
        });
  }

  private record Checked(String name, Link link) {}

  private Future<JsonObject> receive(HttpServerRequest req, SqlConnection conn, UUID user, UUID tavolo, String name, Link link,
      String declared) {
    return conn.begin().compose(tx -> {
      Upload upload = new Upload(req, conn, store, settings.maxBytes(), head -> sniff(head, name, declared));
      return upload.run()
          .compose(got -> store.insertFile(conn, got.id(), tavolo, name, got.contentType(), got.bytes(), got.sha256(), user, link)
              .compose(x -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("name", name);
                details.put("sha256", got.sha256());
                details.put("bytes", got.bytes());
                details.put("contentType", got.contentType());
                if (link != null) details.put("link", link.kind() + ":" + link.id() + (link.section() == null ? "" : ":" + link.section()));
                return record.audit().append(conn, new AuditStore.Event(tavolo, user, "file_uploaded",
                    link != null && link.kind().equals("section") ? link.id() : null, got.id().toString(), details));
              })
              .compose(x -> tx.commit())
              .compose(x -> store.get(conn, tavolo, got.id())))
          .map(f -> f.orElseThrow().toJson())
          .recover(e -> tx.rollback().transform(r -> Future.failedFuture(e)));
    });
  }

  private Future<String> sniff(byte[] head, String name, String declared) {
    return app.vertx().executeBlocking(() -> {
      Sniffer.Result r = sniffer().sniff(head, name, declared);
      if (r.refusal() != null) throw FileRefusals.typeMismatch(r.refusal());
      return r.type();
    }, false);
  }

  /** Built on first use, on a worker thread: Tika reads its type database. */
  private Sniffer sniffer() {
    Sniffer s = sniffer;
    if (s == null) {
      synchronized (this) {
        if (sniffer == null) sniffer = new Sniffer();
        s = sniffer;
      }
    }
    return s;
  }

  private Future<Void> checkLink(Link link, UUID tavolo) {
    return store.linkInTavolo(link, tavolo).compose(ok -> {
      if (!ok) return Future.failedFuture(Link.bad(null));
      if (!link.kind().equals("section")) return Future.succeededFuture();
      return record.documents().head(app.pool(), link.id())
          .compose(head -> record.history().stateAt(link.id(), head))
          .compose(state -> state.exists("sections", link.section()) ? Future.<Void>succeededFuture()
              : Future.failedFuture(Link.bad(null)));
    });
  }

  Future<JsonArray> list(UUID user, UUID tavolo) {
    return record.auth().access().member(user, tavolo).compose(role -> store.list(tavolo))
        .map(files -> new JsonArray(files.stream().map(FileStore.StoredFile::toJson).toList()));
  }

  Future<FileStore.StoredFile> readable(UUID user, UUID tavolo, UUID file) {
    return record.auth().access().member(user, tavolo).compose(role -> store.get(tavolo, file))
        .map(f -> f.orElseThrow(() -> Refusal.notFound("No such file in this tavolo.")));
  }

  /** The public files of the viewer link's tavolo (none withdrawn); an unknown or revoked link is 404. */
  Future<JsonArray> viewerList(String secret) {
    return viewerTavolo(secret).compose(store::list)
        .map(files -> new JsonArray(files.stream().filter(f -> f.isPublic() && !f.withdrawn())
            .map(FileStore.StoredFile::toPublicJson).toList()));
  }

  Future<FileStore.StoredFile> viewerFile(String secret, UUID file) {
    return viewerTavolo(secret).compose(t -> store.get(t, file))
        .map(f -> f.filter(x -> x.isPublic() && !x.withdrawn()).orElseThrow(() -> Refusal.notFound("No such file.")));
  }

  private Future<UUID> viewerTavolo(String secret) {
    return store.viewerTavolo(secret).map(t -> t.orElseThrow(() -> Refusal.notFound("No such viewer link.")));
  }

  Future<JsonObject> setPublic(UUID user, UUID tavolo, UUID file, Object value) {
    return record.auth().access().coordinator(user, tavolo)
        .compose(role -> app.pool().withTransaction(tx -> store.get(tx, tavolo, file).compose(f -> {
          FileStore.StoredFile found = f.orElseThrow(() -> Refusal.notFound("No such file in this tavolo."));
          if (!(value instanceof Boolean)) throw Refusal.invalid("invalid_input", "public must be true or false.");
          boolean isPublic = (Boolean) value;
          if (found.withdrawn()) throw Refusal.gone("file_withdrawn", "This file was withdrawn.");
          if (found.isPublic() == isPublic) return Future.succeededFuture(found);
          return store.setPublic(tx, file, isPublic)
              .compose(x -> record.audit().append(tx, new AuditStore.Event(tavolo, user, isPublic ? "file_published" : "file_unpublished",
                  null, file.toString(), Map.of("name", found.name(), "sha256", found.sha256()))))
              .compose(x -> store.get(tx, tavolo, file)).map(o -> o.orElseThrow());
        })))
        .map(FileStore.StoredFile::toJson);
  }

  /** Coordinators, and the member who uploaded it: the file stays listed as withdrawn (who, when, why), its bytes go. */
  Future<JsonObject> withdraw(UUID user, UUID tavolo, UUID file, String reason) {
    return record.auth().access().editor(user, tavolo)
        .compose(role -> {
          if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
            throw Refusal.invalid("invalid_input", "reason is required, up to " + MAX_REASON + " characters.");
          }
          return app.pool().withTransaction(tx -> store.get(tx, tavolo, file).compose(f -> {
            FileStore.StoredFile found = f.orElseThrow(() -> Refusal.notFound("No such file in this tavolo."));
            if (role != Role.COORDINATOR && !found.uploadedBy().equals(user)) {
              throw Refusal.forbidden("Only a coordinator or whoever uploaded it withdraws a file.");
            }
            return store.withdraw(tx, tavolo, file, user, reason.strip()).compose(changed -> {
              if (!changed) throw Refusal.gone("file_withdrawn", "This file was withdrawn already.");
              return record.audit().append(tx, new AuditStore.Event(tavolo, user, "file_withdrawn", null, file.toString(),
                  Map.of("name", found.name(), "sha256", found.sha256(), "reason", reason.strip())));
            }).compose(x -> store.get(tx, tavolo, file)).map(o -> o.orElseThrow());
          }));
        })
        .map(FileStore.StoredFile::toJson);
  }

  /**
   * Streams the file's chunks to the response, one at a time, the next read once the last is
   * written; a withdrawn file is 410 {@code file_withdrawn}.
   */
  Future<Void> send(HttpServerResponse resp, FileStore.StoredFile f) {
    if (f.withdrawn()) return Future.failedFuture(Refusal.gone("file_withdrawn", "This file was withdrawn: its bytes are no longer kept."));
    String ascii = f.name().replaceAll("[^A-Za-z0-9._ -]", "_");
    resp.putHeader("Content-Type", f.contentType())
        .putHeader("Content-Length", Long.toString(f.bytes()))
        // the bytes as stored: compressing them would change what the SHA-256 is of, in transit
        .putHeader("Content-Encoding", "identity")
        .putHeader("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
            + URLEncoder.encode(f.name(), StandardCharsets.UTF_8).replace("+", "%20"))
        .putHeader("X-Content-SHA256", f.sha256());
    return next(resp, f, 0, 0);
  }

  private Future<Void> next(HttpServerResponse resp, FileStore.StoredFile f, int n, long sent) {
    if (sent >= f.bytes()) return resp.end();
    return store.chunk(f.id(), n).compose(data -> {
      if (data == null) {
        // a chunk missing mid-file (withdrawn while it was read): cut the response rather than end it short
        resp.reset();
        return Future.failedFuture(new IllegalStateException("file " + f.id() + " lost chunk " + n));
      }
      return resp.write(data).compose(x -> next(resp, f, n + 1, sent + data.length()));
    });
  }

}
