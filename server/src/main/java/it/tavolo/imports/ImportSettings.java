package it.tavolo.imports;

import it.tavolo.config.EnvReader;
import java.util.Map;

/**
 * Limits of an import, from TAVOLO_IMPORT_* settings (README's configuration table).
 *
 * @param maxBytes         the uploaded file (TAVOLO_IMPORT_MAX_BYTES, default 20 MiB); a larger one is
 *                         refused before it is read
 * @param maxUnpackedBytes what its zip entries may unpack to, all together (TAVOLO_IMPORT_MAX_UNPACKED_BYTES,
 *                         default 100 MiB): a zip bomb stops there
 * @param maxEntries       zip entries in the file (TAVOLO_IMPORT_MAX_ENTRIES, default 2000)
 * @param maxRatio         how many times an entry may unpack its compressed size (TAVOLO_IMPORT_MAX_RATIO,
 *                         default 100; real documents stay under 20)
 */
public record ImportSettings(long maxBytes, long maxUnpackedBytes, int maxEntries, int maxRatio) {

  public static ImportSettings from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new ImportSettings(r.longValue("TAVOLO_IMPORT_MAX_BYTES", 20L << 20, 1, Integer.MAX_VALUE),
        r.longValue("TAVOLO_IMPORT_MAX_UNPACKED_BYTES", 100L << 20, 1, Integer.MAX_VALUE),
        r.integer("TAVOLO_IMPORT_MAX_ENTRIES", 2000, 1, Integer.MAX_VALUE),
        r.integer("TAVOLO_IMPORT_MAX_RATIO", 100, 1, Integer.MAX_VALUE));
  }
}
