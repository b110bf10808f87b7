package it.tavolo.live.document;

import it.tavolo.core.Role;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Promise;
import it.tavolo.db.OpLogEntry;
import it.tavolo.live.Committed;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.ServerBatch;
import it.tavolo.live.Wire;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One batch on its way to the op log, carried as one object from the connection that read it
 * (or the server layer that wrote it) through the owner's queue, the sequencer and the group
 * commit, to its answer (as ShareDB's SubmitRequest is). Immutable: a look-up the sequencer
 * asked for makes a new one ({@link #withOlder} and the like).
 *
 * <p>A client's has {@code origin} set; the server's own (an accepted integration, a restore)
 * has {@code done} set, which completes with its seq.
 *
 * @param older              batches read from the op log for a baseSeq the memory no longer reaches
 * @param strict             refused with {@code integration_conflict} rather than transformed
 * @param organisationsFresh sequenced again after the tavolo's organisations were read anew
 * @param clientLookedUp     sequenced again once the op log said what this client last committed
 * @param territoriFresh     sequenced again after the tavolo's territori were read (a batch naming one)
 */
public record SubmitRequest(Participant origin, UUID author, Role role, String clientId, long clientSeq,
                         long baseSeq, JsonNode ops, Instant at, List<OpLogEntry> older, boolean strict,
                         Promise<Long> done, boolean organisationsFresh, boolean clientLookedUp,
                         boolean territoriFresh) {

  /** A client's submit, read on its connection. */
  public static SubmitRequest fromClient(Participant origin, long clientSeq, long baseSeq, JsonNode ops) {
    return new SubmitRequest(origin, origin.user().userId(), origin.admission().role(), origin.clientId(), clientSeq,
        baseSeq, ops, Instant.now(), List.of(), false, null, false, false, false);
  }

  static SubmitRequest fromServer(ServerBatch b, Promise<Long> done) {
    return new SubmitRequest(null, b.author(), Role.parse(b.role()).orElseThrow(), b.clientId(), b.clientSeq(), b.baseSeq(), b.ops(),
        Instant.now(), List.of(), b.strict(), done, false, false, false);
  }

  boolean byServer() {
    return done != null;
  }

  SubmitRequest withOlder(List<OpLogEntry> history) {
    return new SubmitRequest(origin, author, role, clientId, clientSeq, baseSeq, ops, at, history, strict, done,
        organisationsFresh, clientLookedUp, territoriFresh);
  }

  SubmitRequest withFreshOrganisations() {
    return new SubmitRequest(origin, author, role, clientId, clientSeq, baseSeq, ops, at, older, strict, done, true,
        clientLookedUp, territoriFresh);
  }

  SubmitRequest withClientLookedUp() {
    return new SubmitRequest(origin, author, role, clientId, clientSeq, baseSeq, ops, at, older, strict, done,
        organisationsFresh, true, territoriFresh);
  }

  SubmitRequest withFreshTerritori() {
    return new SubmitRequest(origin, author, role, clientId, clientSeq, baseSeq, ops, at, older, strict, done,
        organisationsFresh, clientLookedUp, true);
  }

  /** Whether an op of the batch puts a territorio on a budget line (a create giving one, or a set). */
  boolean namesTerritorio() {
    if (ops == null || !ops.isArray()) return false;
    for (JsonNode op : ops) {
      if (!"budget".equals(op.path("coll").asText())) continue;
      if ("territorio".equals(op.path("field").asText()) && !op.path("value").isNull()) return true;
      JsonNode t = op.path("fields").get("territorio");
      if (t != null && !t.isNull()) return true;
    }
    return false;
  }

  /** Answers a submission that was not committed: an error to its client, or a failed future. */
  void refuse(ErrorCode code, String message) {
    refuseVia(origin, code, message);
  }

  /** As {@link #refuse}, to {@code to}: the client's newest connection when it reconnected meanwhile. */
  void refuseVia(Participant to, ErrorCode code, String message) {
    if (done != null) {
      done.tryFail(code.refusal(message));
      return;
    }
    String err = Wire.error(code, message, clientSeq);
    to.run(() -> to.delivery().reply(err));
  }

  /** Answers a resend of a batch committed earlier as {@code seq}. */
  void duplicate(long seq, List<Committed.Note> notes) {
    if (done != null) {
      done.tryComplete(seq);
      return;
    }
    origin.run(() -> origin.delivery().duplicate(clientSeq, seq, notes));
  }

  /** The server's own batch was committed as {@code seq} (a client's is answered by its stream). */
  void committed(long seq) {
    if (done != null) {
      done.tryComplete(seq);
    }
  }

  /** An answer to the client alone (a proposal's receipt). */
  void reply(String message) {
    origin.run(() -> origin.delivery().reply(message));
  }
}
