package it.tavolo.bench;

import it.tavolo.core.model.Limits;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.core.sequencer.Submission;
import it.tavolo.core.sequencer.SubmitResult;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replays a sequential trace through a Sequencer, one transaction per submitted batch. */
public final class TraceReplayer {
  static final String COLL = "sections";
  static final String ID = "s1";
  static final String FIELD = "body";

  private TraceReplayer() {}

  /** The trace's batches as op lists. */
  public static List<List<Op>> batches(Trace t) {
    List<List<Op>> out = new ArrayList<>(t.txns.size());
    for (TextOperation[] txn : t.txns) {
      List<Op> ops = new ArrayList<>(txn.length);
      for (TextOperation e : txn) ops.add(new Op.Text(COLL, ID, FIELD, e));
      out.add(ops);
    }
    return out;
  }

  /** The same batches in wire JSON, for replays that include decoding. */
  public static List<String> wire(List<List<Op>> batches) {
    List<String> out = new ArrayList<>(batches.size());
    for (List<Op> b : batches) out.add(OpCodec.toJson(b));
    return out;
  }

  /** A sequencer holding one section whose body is the trace's start content. */
  public static Sequencer start(Trace t) {
    Sequencer s = new Sequencer(new Limits(1_000_000, 1_000, 2_000, 1_000, 128));
    s.setPledgeOwnership(false); // a trace has no organisations: it measures sequencing, not the budget rule
    submit(s, 1, 0, List.of(new Op.Create(COLL, ID, Map.of("order", "a", "body", t.startContent))));
    return s;
  }

  /** Replays; returns the sequencer at the end. */
  public static Sequencer replay(Trace t, List<List<Op>> batches) {
    return replay(t, batches, 0);
  }

  /**
   * With {@code authorEvery > 0} the author changes (among four) every that many batches, so
   * the text ends with many author runs: the worst case for authorship upkeep.
   */
  public static Sequencer replay(Trace t, List<List<Op>> batches, int authorEvery) {
    Sequencer s = start(t);
    long clientSeq = 1;
    for (List<Op> ops : batches) {
      String author = authorEvery > 0 ? AUTHORS[(int) (clientSeq / authorEvery) % AUTHORS.length] : "author";
      submit(s, author, ++clientSeq, s.head(), ops);
    }
    return s;
  }

  private static final String[] AUTHORS = {"ada", "bruno", "carla", "dario"};

  public static Sequencer replayWire(Trace t, List<String> wire) {
    Sequencer s = start(t);
    long clientSeq = 1;
    for (String json : wire) submit(s, ++clientSeq, s.head(), OpCodec.decodeBatch(json));
    return s;
  }

  static void submit(Sequencer s, long clientSeq, long base, List<Op> ops) {
    submit(s, "author", clientSeq, base, ops);
  }

  static void submit(Sequencer s, String author, long clientSeq, long base, List<Op> ops) {
    // a client id is its author's (Sequencer.CLIENT_TAKEN): one per author of the trace
    SubmitResult r = s.submit(new Submission(author, Role.MEMBER, "trace-" + author, clientSeq, base, ops), clientSeq);
    if (!(r instanceof SubmitResult.Accepted)) throw new IllegalStateException("batch " + clientSeq + ": " + r);
  }

  public static String body(Sequencer s) {
    return (String) s.state().value(COLL, ID, FIELD);
  }
}
