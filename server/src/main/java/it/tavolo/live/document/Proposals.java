package it.tavolo.live.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.live.ErrorCode;
import it.tavolo.core.Refusal;
import it.tavolo.live.ProposalSink;
import it.tavolo.live.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A member's submit in proposal mode: recorded as an integration (record layer), answered with {@code proposed}. */
final class Proposals {
  private static final Logger LOG = LoggerFactory.getLogger(Proposals.class);

  private Proposals() {
  }

  /** On the owner's context; the answer comes back there. */
  static void propose(DocumentOwner owner, SubmitRequest sub, ProposalSink sink) {
    long head = owner.state.seq();
    if (sub.baseSeq() < 0 || sub.baseSeq() > head) {
      sub.refuse(ErrorCode.BAD_BASE_SEQ, "baseSeq " + sub.baseSeq() + " is not between 0 and the head " + head);
      return;
    }
    sink.propose(owner.docId, sub.author(), sub.clientId(), sub.clientSeq(), sub.baseSeq(), Wire.text(sub.ops()))
        .onComplete(owner.onOwner(ar -> {
          if (ar.succeeded()) {
            ObjectNode n = Wire.object("proposed");
            n.put("clientSeq", sub.clientSeq());
            n.put("integration", ar.result());
            n.put("baseSeq", sub.baseSeq());
            sub.reply(Wire.text(n));
          } else if (ar.cause() instanceof Refusal r) {
            sub.refuse(ErrorCode.of(r, ErrorCode.INVALID_OP), r.getMessage());
          } else {
            LOG.warn("document {}: recording a proposal failed ({})", owner.docId, ar.cause().toString());
            sub.refuse(ErrorCode.UNAVAILABLE, "The proposal was not recorded: resend it with the same clientSeq.");
          }
        }));
  }
}
