package it.tavolo.live.document;

import it.tavolo.live.Committed;
import it.tavolo.live.Wire;
import it.tavolo.db.OpLogEntry;

import java.util.List;

/**
 * A committed batch with its two renderings, made once for every recipient: {@code ops} for
 * others, {@code ack} for its sender. Immutable: shared by every context it is handed to.
 */
public record RenderedBatch(Committed committed, String opsMessage, String ackMessage) {
  public static RenderedBatch of(Committed c) {
    return new RenderedBatch(c, Wire.ops(c), Wire.ack(c.clientSeq(), c.seq(), c.notes()));
  }

  /** A batch read back from the op log (another process's, or one sent before): no notes kept. */
  static RenderedBatch of(OpLogEntry e) {
    return of(new Committed(e.seq(), e.author(), e.clientId(), e.clientSeq(), e.opsJson(), List.of()));
  }

  public long seq() {
    return committed.seq();
  }
}
