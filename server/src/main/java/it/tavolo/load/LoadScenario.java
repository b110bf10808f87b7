package it.tavolo.load;

/**
 * One load scenario: {@code connections} participants spread evenly over {@code tavoli}
 * tables, {@code typists} of each table typing {@code rate} keystrokes per second, the rest
 * watching; measured for {@code seconds} after {@code warmup} seconds.
 */
record LoadScenario(String name, int connections, int tavoli, int typists, double rate, int warmup, int seconds,
                    int sections, long seed) {

  static LoadScenario named(String name) {
    return switch (name) {
      // 30 s of warm-up for the two big ones: after 5-10 s the generator's JIT compilers were
      // still a third of its CPU in the measured window (docs/benchmarks.md)
      case "many-tables" -> new LoadScenario(name, 2000, 100, 10, 5, 30, 30, 3, 1);
      case "one-table" -> new LoadScenario(name, 400, 1, 400, 5, 30, 30, 20, 2);
      case "single-typist" -> new LoadScenario(name, 2, 1, 1, 20, 5, 60, 1, 3);
      // single-typist's people and typing, while the watcher comments (Commenter)
      case "threads" -> new LoadScenario(name, 2, 1, 1, 20, 5, 60, 1, 3);
      case "idle" -> new LoadScenario(name, 2000, 100, 0, 0, 0, 0, 1, 4);
      case "smoke" -> new LoadScenario(name, 40, 4, 3, 5, 2, 5, 2, 5);
      default -> throw new IllegalArgumentException("unknown scenario " + name
          + " (many-tables, one-table, single-typist, threads, idle, smoke, trace, all)");
    };
  }

  int perTable() {
    return (connections + tavoli - 1) / tavoli;
  }

  LoadScenario with(String key, String value) {
    return switch (key) {
      case "connections" -> new LoadScenario(name, Integer.parseInt(value), tavoli, typists, rate, warmup, seconds, sections, seed);
      case "tavoli" -> new LoadScenario(name, connections, Integer.parseInt(value), typists, rate, warmup, seconds, sections, seed);
      case "typists" -> new LoadScenario(name, connections, tavoli, Integer.parseInt(value), rate, warmup, seconds, sections, seed);
      case "rate" -> new LoadScenario(name, connections, tavoli, typists, Double.parseDouble(value), warmup, seconds, sections, seed);
      case "warmup" -> new LoadScenario(name, connections, tavoli, typists, rate, Integer.parseInt(value), seconds, sections, seed);
      case "seconds" -> new LoadScenario(name, connections, tavoli, typists, rate, warmup, Integer.parseInt(value), sections, seed);
      case "sections" -> new LoadScenario(name, connections, tavoli, typists, rate, warmup, seconds, Integer.parseInt(value), seed);
      case "seed" -> new LoadScenario(name, connections, tavoli, typists, rate, warmup, seconds, sections, Long.parseLong(value));
      default -> throw new IllegalArgumentException("unknown option --" + key);
    };
  }

  @Override
  public String toString() {
    return String.format("%s: %,d connections, %d tavoli (%d each), %d typists per tavolo at %.0f keystrokes/s, "
        + "%d s warm-up, %d s measured, seed %d", name, connections, tavoli, perTable(), typists, rate, warmup, seconds, seed);
  }
}
