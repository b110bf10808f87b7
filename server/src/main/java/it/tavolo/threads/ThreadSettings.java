package it.tavolo.threads;

import java.util.Map;

/**
 * Limits of threads (README's configuration table).
 *
 * @param threadsPerDocument threads one document may hold, open or resolved (TAVOLO_THREADS_PER_DOCUMENT, default 500)
 * @param commentsPerThread  comments in one thread, the first included (TAVOLO_COMMENTS_PER_THREAD, default 200)
 */
public record ThreadSettings(int threadsPerDocument, int commentsPerThread) {
  /** The longest comment, in characters (UTF-16 units); the database checks it too (V9). */
  public static final int MAX_BODY = 4000;

  public static ThreadSettings from(Map<String, String> env) {
    return new ThreadSettings(number(env, "TAVOLO_THREADS_PER_DOCUMENT", 500), number(env, "TAVOLO_COMMENTS_PER_THREAD", 200));
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) return fallback;
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
    }
    if (n < 1) throw new IllegalArgumentException(name + " must be at least 1");
    return n;
  }
}
