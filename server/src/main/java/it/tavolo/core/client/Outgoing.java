package it.tavolo.core.client;

import it.tavolo.core.ops.Op;
import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Submission;
import java.util.List;

/** A batch for the server: {@code {"type":"submit","clientSeq","baseSeq","ops"}}. */
public record Outgoing(long clientSeq, long baseSeq, List<Op> ops) {
  public Outgoing {
    ops = List.copyOf(ops);
  }

  public Submission toSubmission(String author, Role role, String clientId) {
    return new Submission(author, role, clientId, clientSeq, baseSeq, ops);
  }
}
