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
