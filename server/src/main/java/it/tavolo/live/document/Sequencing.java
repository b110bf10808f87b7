package it.tavolo.live.document;

import it.tavolo.live.Committed;
import it.tavolo.live.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What one queued submission becomes when the owner sequences it: a batch for the group being
 * committed, or an answer now (a duplicate's ack, a refusal), or a look-up in the op log after
 * which it is sequenced again (the queue is held meanwhile, {@link DocumentOwner#holdFor}).
 * Touched only on its owner's context.
 */
final class Sequencing {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencing.class);

  private final DocumentOwner owner;

  Sequencing(DocumentOwner owner) {
    this.owner = owner;
  }

  /** The batch to commit, or null when {@code sub} was answered or is being looked up. */
  RenderedBatch sequence(SubmitRequest sub) {
    DocumentEngine engine = owner.state.engine();
    if (!sub.clientLookedUp() && !engine.knowsClient(sub.clientId())) {
      // the resend memory overflowed: what this client last committed comes from the op log,
      // so that a resend of it is answered, not applied twice
      owner.holdFor(sub, owner.store.lastBatchOf(owner.docId, sub.clientId()), last -> {
        last.ifPresent(l -> engine.rememberClient(sub.clientId(), l.clientSeq(), l.seq(), l.author()));
        return sub.withClientLookedUp();
      });
      return null;
    }
    if (!sub.territoriFresh() && sub.namesTerritorio()) {
      // the list as it is now, on every process: a name a coordinator just took off is refused
      owner.holdFor(sub, owner.registry.territoriAt(owner.docId), territori -> {
        engine.setTerritori(territori);
        return sub.withFreshTerritori();
      });
      return null;
    }
    DocumentEngine.Outcome out = submit(engine, sub);
    if (out instanceof DocumentEngine.Accepted a) {
      return RenderedBatch.of(new Committed(a.seq(), sub.author(), sub.clientId(), sub.clientSeq(), a.opsJson(), a.notes()));
    } else if (out instanceof DocumentEngine.Duplicate d) {
      if (d.seq() < 0) {
        answerOldResend(sub);
      } else {
        // when it is still in this group or in flight, the stream brings its ack
        sub.duplicate(d.seq(), owner.tail.notesOf(d.seq()));
      }
    } else if (out instanceof DocumentEngine.NeedsHistory h) {
      owner.holdFor(sub, owner.store.range(owner.docId, h.afterSeq(), h.upToSeq()), sub::withOlder);
    } else if (out instanceof DocumentEngine.UnknownOrganisation u) {
      if (sub.organisationsFresh()) {
        sub.refuse(ErrorCode.INVALID_OP, "The batch names an organisation that is not at this tavolo ("
            + u.id() + "); the document is unchanged.");
      } else {
        // a member who joined, or a partner named, since the document loaded (maybe on another process)
        owner.holdFor(sub, owner.registry.organisationsAt(owner.docId), organisations -> {
          engine.setOrganisations(organisations);
          return sub.withFreshOrganisations();
        });
      }
    } else if (out instanceof DocumentEngine.Rejected r) {
      sub.refuse(r.code(), r.message());
    }
    return null;
  }

  private DocumentEngine.Outcome submit(DocumentEngine engine, SubmitRequest sub) {
    try {
      // the organisation of the connection's account: whose budget lines this batch may touch
      java.util.UUID org = sub.origin() == null ? null : sub.origin().user().orgId();
      return engine.submit(sub.author(), org, sub.role(), sub.clientId(), sub.clientSeq(), sub.baseSeq(), sub.ops(),
          sub.at(), sub.older(), sub.strict(), sub.byServer());
    } catch (RuntimeException e) {
      LOG.error("document {}: the engine failed on a batch", owner.docId, e);
      return new DocumentEngine.Rejected(ErrorCode.INTERNAL, "The batch could not be applied; the document is unchanged.");
    }
  }

  /** A resend of a batch committed before the last one of its client: its seq is in the op log. */
  private void answerOldResend(SubmitRequest sub) {
    Committed kept = owner.tail.resendOf(sub);
    if (kept != null) {
      sub.duplicate(kept.seq(), kept.notes());
      return;
    }
    owner.store.byClient(owner.docId, sub.clientId(), sub.clientSeq()).onComplete(owner.onOwner(ar -> {
      if (ar.failed()) {
        sub.refuse(ErrorCode.UNAVAILABLE, "Not answered (database unavailable): resend later.");
      } else if (ar.result().isEmpty()) {
        sub.refuse(ErrorCode.BAD_CLIENT_SEQ, "This clientSeq is older than your last committed batch and was "
            + "never committed (it had been refused).");
      } else if (!sub.byServer() && !ar.result().get().author().equals(sub.author())) {
        // an id another user once wrote under (before ids were scoped): their ack is not ours to give
        sub.refuse(ErrorCode.CLIENT_TAKEN, "This client id is another user's: connect with a new one.");
      } else {
        sub.duplicate(ar.result().get().seq(), List.<Committed.Note>of());
      }
    }));
  }
}
