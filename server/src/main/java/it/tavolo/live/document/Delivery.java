package it.tavolo.live.document;

import it.tavolo.live.Committed;

import java.util.List;

/**
 * What a document sends one connection (implemented by the session layer's outbox). Called
 * only on the connection's context ({@link Participant#run}); a connection that is not (or no
 * longer) joined ignores it.
 */
public interface Delivery {
  /** Batches committed together, this client's among them (its acks), in seq order. */
  void committed(List<RenderedBatch> group);

  /**
   * A paced fan-out: committed batches and others' latest presence; {@code common} is all of
   * it as one frame, encoded once, for a recipient that gets exactly that.
   */
  void fanOut(List<RenderedBatch> group, List<PresenceOut> cursors, SharedFrame common);

  /** A batch this client resent was already sequenced as {@code seq}. */
  void duplicate(long clientSeq, long seq, List<Committed.Note> notes);

  /** An answer to this client alone (errors about a submit, a proposal's receipt, an announcement). */
  void reply(String message);

  void presence(String message);

  /** The members list went from version {@code from} to {@code to}. */
  void members(long from, long to, String full, String diff);

  /** Batches after what it was last sent, from the tail; null when they are no longer kept. */
  void caughtUp(List<RenderedBatch> missed);
}
