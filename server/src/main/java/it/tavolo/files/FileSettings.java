package it.tavolo.files;

import it.tavolo.config.EnvReader;
import java.util.Map;

/**
 * Limits of the tavolo's files, from TAVOLO_FILE_* settings (README's configuration table).
 *
 * @param maxBytes   one uploaded file (TAVOLO_FILE_MAX_BYTES, default 25 MiB): a larger one is refused
 *                   with 413 {@code file_too_large}, from its Content-Length before anything is read,
 *                   else as soon as the count passes it; nothing is stored
 * @param maxUploads uploads in progress at once on this process (TAVOLO_FILE_MAX_UPLOADS, default 4): each
 *                   holds one database connection for its transaction; one more is refused with 503
 *                   {@code file_uploads_busy}
 */
public record FileSettings(long maxBytes, int maxUploads) {
  /** The bytes of one stored chunk row: what an upload or a download holds in memory at most (plus one network buffer). */
  public static final int CHUNK_BYTES = 256 * 1024;

  public static FileSettings from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new FileSettings(r.longValue("TAVOLO_FILE_MAX_BYTES", 25L << 20, 1, Long.MAX_VALUE / 2),
        r.integer("TAVOLO_FILE_MAX_UPLOADS", 4, 1, 1000));
  }
}
