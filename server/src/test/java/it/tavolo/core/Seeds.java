package it.tavolo.core;

import java.util.function.LongConsumer;

/** Runs a randomized check over many seeds; a failure names its seed so it can be replayed. */
public final class Seeds {
  private Seeds() {}

  /**
   * Seeds {@code base .. base+count-1}; {@code -Dtavolo.seed=N} runs only seed N, and {@code
   * -Dtavolo.seeds=K} overrides the count.
   */
  public static void forEach(long base, int count, LongConsumer check) {
    String only = System.getProperty("tavolo.seed");
    if (only != null) {
      run(Long.parseLong(only), check);
      return;
    }
    int n = Integer.getInteger("tavolo.seeds", count);
    for (long s = base; s < base + n; s++) run(s, check);
  }

  /** A randomized check that may throw anything (a test body taking its seed). */
  @FunctionalInterface
  public interface SeededCheck {
    void run(long seed) throws Exception;
  }

  /**
   * Runs {@code check} once with a fresh seed ({@code System.nanoTime()}), or with the one
   * given by {@code -Dtavolo.seed=N} (or env {@code TAVOLO_SEED}) to replay a failure. The
   * seed is printed at the start, and a failure, whatever throws it, names the seed and the
   * command line that replays it. For tests that draw a new seed each run (a live server,
   * processes killed, threads racing): they run without reruns (testing.FlakePolicyTest).
   */
  public static void fresh(Class<?> test, SeededCheck check) throws Exception {
    String given = System.getProperty("tavolo.seed");
    if (given == null || given.isBlank()) {
      given = System.getenv("TAVOLO_SEED");
    }
    long seed = given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.trim());
    String replay = "-Dtest=" + test.getSimpleName() + " -Dtavolo.seed=" + seed;
    System.out.println(test.getSimpleName() + ": seed " + seed + " (replay with " + replay + ")");
    try {
      check.run(seed);
    } catch (Throwable t) {
      String msg = test.getSimpleName() + " failed with seed " + seed + " (replay with " + replay + "): " + t;
      System.err.println(msg);
      throw new AssertionError(msg, t);
    }
  }

  private static void run(long seed, LongConsumer check) {
    try {
      check.accept(seed);
    } catch (Throwable t) {
      String msg = "failed with seed " + seed + " (rerun with -Dtavolo.seed=" + seed + "): " + t;
      System.err.println(msg);
      throw new AssertionError(msg, t);
    }
  }
}
