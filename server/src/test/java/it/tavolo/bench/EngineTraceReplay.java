package it.tavolo.bench;

import it.tavolo.core.ops.Op;
import it.tavolo.core.sequencer.Sequencer;
import java.util.List;

/**
 * Engine benchmark (not a test): replays the real editing traces kept in the test
 * resources' {@code traces/}
 * through the {@link Sequencer}, one transaction per submitted batch, checks the final text
 * against the trace's {@code endContent}, and prints edits per second. See
 * docs/benchmarks.md for the command.
 */
public final class EngineTraceReplay {
  private static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    List<String> names = args.length > 0 ? List.of(args) : List.of("automerge-paper", "clownschool_flat");
    System.out.printf("%-18s %8s %8s %9s %10s %12s %12s %12s %14s %7s%n",
        "trace", "batches", "patches", "final", "first ms", "best ms", "edits/s", "wire edits/s",
        "4-author ed/s", "runs");
    for (String name : names) run(name);
  }

  static void run(String name) throws Exception {
    Trace t = Trace.load(name);
    List<List<Op>> batches = TraceReplayer.batches(t);
    List<String> wire = TraceReplayer.wire(batches);
    long first = 0, best = Long.MAX_VALUE, bestWire = Long.MAX_VALUE;
    int length = 0;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      Sequencer s = TraceReplayer.replay(t, batches);
      long ns = System.nanoTime() - t0;
      String body = TraceReplayer.body(s);
      if (!body.equals(t.endContent)) throw new IllegalStateException(name + ": final text differs from endContent");
      length = body.length();
      if (i == 0) first = ns;
      best = Math.min(best, ns);
      t0 = System.nanoTime();
      s = TraceReplayer.replayWire(t, wire);
      bestWire = Math.min(bestWire, System.nanoTime() - t0);
      if (!TraceReplayer.body(s).equals(t.endContent)) throw new IllegalStateException(name + ": wire replay differs");
    }
    long bestMixed = Long.MAX_VALUE;
    int runs = 0;
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      Sequencer s = TraceReplayer.replay(t, batches, 20);
      bestMixed = Math.min(bestMixed, System.nanoTime() - t0);
      if (!TraceReplayer.body(s).equals(t.endContent)) throw new IllegalStateException(name + ": mixed replay differs");
      runs = s.state().authorRuns(TraceReplayer.COLL, TraceReplayer.ID, TraceReplayer.FIELD).runCount();
    }
    System.out.printf("%-18s %8d %8d %9d %10.0f %12.0f %,12.0f %,12.0f %,14.0f %7d%n",
        name, batches.size(), t.patches, length, first / 1e6, best / 1e6,
        t.patches / (best / 1e9), t.patches / (bestWire / 1e9), t.patches / (bestMixed / 1e9), runs);
  }
}
