package it.tavolo.imports;

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
    return new ImportSettings(number(env, "TAVOLO_IMPORT_MAX_BYTES", 20L << 20),
        number(env, "TAVOLO_IMPORT_MAX_UNPACKED_BYTES", 100L << 20),
        (int) number(env, "TAVOLO_IMPORT_MAX_ENTRIES", 2000), (int) number(env, "TAVOLO_IMPORT_MAX_RATIO", 100));
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    long n;
    try {
      n = Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
    }
    if (n < 1 || n > Integer.MAX_VALUE) throw new IllegalArgumentException(name + " must be between 1 and " + Integer.MAX_VALUE);
    return n;
  }
}
