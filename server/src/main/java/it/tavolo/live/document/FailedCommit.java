package it.tavolo.live.document;

import it.tavolo.db.SeqConflictException;
import it.tavolo.live.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a document owner does with a group whose commit failed: nothing of it is acked. On a
 * seq conflict (another process committed to this document first) the group goes back to the
 * front of the queue, in order, to be sequenced again after the reload; on any other failure
 * its senders, and every later queued batch of the same clients (it may build on a failed
 * one), get {@code unavailable} and resend. Threading: stateless; called only on the owner's
 * context, with the owner's own queue and connections.
 */
final class FailedCommit {
  private static final Logger LOG = LoggerFactory.getLogger(FailedCommit.class);

  private FailedCommit() {
  }

  static void handle(UUID docId, List<SubmitRequest> subs, Throwable cause, boolean stopping,
                     ArrayDeque<SubmitRequest> queued, Connections connections) {
    if (cause instanceof SeqConflictException && !stopping) {
      LOG.info("document {}: another process committed first; catching up and sequencing again", docId);
      for (int i = subs.size() - 1; i >= 0; i--) {
        queued.addFirst(subs.get(i));
      }
      return;
    }
    LOG.warn("document {}: commit of {} batches failed ({}); senders may resend", docId, subs.size(), cause.toString());
    Set<String> failedClients = new HashSet<>();
    subs.forEach(s -> failedClients.add(s.clientId()));
    List<SubmitRequest> dropped = new ArrayList<>(subs);
    // a client's later batch may build on the failed one: it fails too
    queued.removeIf(q -> failedClients.contains(q.clientId()) && dropped.add(q));
    for (SubmitRequest s : dropped) {
      if (s.byServer()) {
        s.refuse(ErrorCode.UNAVAILABLE, "Not committed (database unavailable): try again.");
      } else {
        Participant holder = connections.holder(s.clientId());
        s.refuseVia(holder != null ? holder : s.origin(), ErrorCode.UNAVAILABLE,
            "Not committed (database unavailable): resend it with the same clientSeq.");
      }
    }
  }
}
