package it.tavolo.files;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.sqlclient.SqlConnection;
import it.tavolo.core.Refusal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;

/**
 * One upload, streamed from the request into chunk rows of one transaction: the body is read
 * with back-pressure (paused while a chunk is written), hashed as it passes, its first chunk
 * sniffed before anything is written; the file row goes in last. Any refusal or a broken
 * connection rolls the transaction back, so a refused upload stores nothing. Memory: one chunk
 * plus one network buffer. Confined to the request's event loop (every callback runs there).
 */
final class Upload {
  /** What the upload learned, for the file row. */
  record Received(UUID id, long bytes, String sha256, String contentType) {}

  private final HttpServerRequest request;
  private final SqlConnection conn;
  private final FileStore store;
  private final long maxBytes;
  /** Sniffs the first chunk (on a worker): a content type, or a failed future with the refusal. */
  private final Function<byte[], Future<String>> sniff;
  private final UUID id = UUID.randomUUID();
  private final MessageDigest sha;
  private final Promise<Received> done = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private long total;
  private int chunks;
  private String type;
  private boolean writing;
  private boolean ended;
  private boolean finished;

  Upload(HttpServerRequest request, SqlConnection conn, FileStore store, long maxBytes, Function<byte[], Future<String>> sniff) {
    this.request = request;
    this.conn = conn;
    this.store = store;
    this.maxBytes = maxBytes;
    this.sniff = sniff;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the whole body into chunk rows on {@code conn}, whose transaction the caller has begun;
   * completes with what was received once the last chunk is written, before the file row. The
   * caller commits or rolls back.
   */
  Future<Received> run() {
    request.handler(this::data);
    request.endHandler(v -> {
      ended = true;
      pump();
    });
    request.exceptionHandler(e -> fail(new IllegalStateException("the upload broke off: " + e.getMessage(), e)));
    request.resume();
    return done.future();
  }

  private void data(Buffer b) {
    if (finished) return;
    total += b.length();
    if (total > maxBytes) {
      fail(FileRefusals.tooLarge(maxBytes));
      return;
    }
    sha.update(b.getBytes());
    pending.appendBuffer(b);
    if (pending.length() >= FileSettings.CHUNK_BYTES) {
      request.pause();
      pump();
    }
  }

  /** Writes whole chunks while there are any (the last, short one once the body has ended). */
  private void pump() {
    if (finished || writing) return;
    boolean full = pending.length() >= FileSettings.CHUNK_BYTES;
    if (!full && !ended) {
      request.resume();
      return;
    }
    if (!full && pending.length() == 0) {
      if (total == 0) {
        fail(Refusal.invalid("file_empty", "The file is empty."));
      } else {
        finished = true;
        done.complete(new Received(id, total, HexFormat.of().formatHex(sha.digest()), type));
      }
      return;
    }
    int len = Math.min(FileSettings.CHUNK_BYTES, pending.length());
    Buffer chunk = pending.getBuffer(0, len);
    pending = pending.getBuffer(len, pending.length());
    writing = true;
    Future<Void> sniffed = type != null ? Future.succeededFuture()
        : sniff.apply(chunk.getBytes()).map(t -> {
          type = t;
          return null;
        });
    sniffed.compose(x -> store.insertChunk(conn, id, chunks, chunk))
        .onSuccess(x -> {
          chunks++;
          writing = false;
          pump();
        })
        .onFailure(this::fail);
  }

  private void fail(Throwable e) {
    if (finished) return;
    finished = true;
    pending = Buffer.buffer();
    done.fail(e);
  }
}
