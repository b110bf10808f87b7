package it.tavolo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.core.text.AuthorRuns;
import org.junit.jupiter.api.Test;

/** Correctness of the trace replay (speed is the benchmark's business, not a test's). */
class TraceReplayTest {

  private static void replaysToEndContent(String name) throws Exception {
    Trace t = Trace.load(name);
    Sequencer s = TraceReplayer.replay(t, TraceReplayer.batches(t));
    assertEquals(t.endContent, TraceReplayer.body(s));
    assertEquals(t.txns.size() + 1, s.head());
    AuthorRuns runs = s.state().authorRuns(TraceReplayer.COLL, TraceReplayer.ID, TraceReplayer.FIELD);
    assertEquals(t.endContent.length(), runs.length());
  }

  @Test
  void automergePaperTraceReplaysToItsExactFinalText() throws Exception {
    replaysToEndContent("automerge-paper");
  }

  @Test
  void clownschoolFlatTraceReplaysToItsExactFinalText() throws Exception {
    replaysToEndContent("clownschool_flat");
  }
}
