package it.tavolo.live.document;

import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Mode;

import it.tavolo.live.Committed;
import it.tavolo.live.ErrorCode;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.db.OpLogEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The document engine as the owner needs it: the core's sequencer and document state
 * behind a narrow port (implemented by {@link CoreEngine}). Used only on the owner's context.
 */
public interface DocumentEngine {
  /** The seq of the last batch applied. */
  long seq();

  /**
   * The organisations a submitted batch may name (a budget contributor, an activity lead):
   * those at the document's tavolo. Replays of the log are not checked.
   */
  void setOrganisations(java.util.Set<String> ids);

  /**
   * The territori a submitted batch may put on a budget line: the tavolo's list, read afresh
   * before each batch that names one (so a name just taken off the list is refused at once).
   */
  void setTerritori(java.util.Set<String> names);

  /**
   * False when this client's batches may have been committed and forgotten by the resend
   * memory: look its last batch up in the op log and {@link #rememberClient} it first.
   */
  boolean knowsClient(String clientId);

  void rememberClient(String clientId, long lastClientSeq, long seq, UUID author);

  /** The user who committed under this client id (it is theirs), or null: none, as far as {@link #knowsClient}. */
  UUID clientOwner(String clientId);

  /** The document's mode and lock, which the engine enforces. */
  void setFlags(Mode mode, boolean locked);

  /**
   * Transforms, validates and applies one batch, or says why not. {@code older} holds the
   * batches a previous {@link NeedsHistory} asked for (empty otherwise). A {@code strict} batch
   * is refused with {@code integration_conflict} rather than changed by transformation. A
   * batch {@code byServer} (the server's own client ids) is not refused as {@code client_taken}
   * when its author differs from the last one under that id. {@code authorOrg} is the author's
   * organisation (null: none): a client's batch touches only that organisation's budget lines
   * ({@code not_your_pledge}); a batch by the server is not held to it.
   */
  Outcome submit(UUID author, UUID authorOrg, Role role, String clientId, long clientSeq, long baseSeq, JsonNode ops,
                 Instant now, List<OpLogEntry> older, boolean strict, boolean byServer);

  /** Applies a batch another process committed (it must be the next seq). */
  void applyCommitted(OpLogEntry entry);

  /** The whole state (with authorship and resend memory) for the snapshots table. */
  String serialise();

  /** The wire snapshot {@code {"seq","collections"}} of PROTOCOL.md. */
  JsonNode wireSnapshot();

  /** Who wrote what: see docs/protocol.md, "authors". */
  JsonNode authors();

  sealed interface Outcome permits Accepted, Duplicate, Rejected, NeedsHistory, UnknownOrganisation {
  }

  /** Applied as {@code seq}; {@code opsJson} is the transformed batch. */
  record Accepted(long seq, String opsJson, List<Committed.Note> notes) implements Outcome {
  }

  /** Already committed earlier as {@code seq}, or {@code seq < 0}: as some older batch (ask the op log). */
  record Duplicate(long seq) implements Outcome {
  }

  record Rejected(ErrorCode code, String message) implements Outcome {
  }

  /** The batch is older than what is kept in memory: supply the op log's batches in {@code (afterSeq, upToSeq]}. */
  record NeedsHistory(long afterSeq, long upToSeq) implements Outcome {
  }

  /**
   * Refused, unchanged, because it names an organisation not in {@link #setOrganisations}:
   * one may have joined the tavolo since they were read.
   */
  record UnknownOrganisation(String id) implements Outcome {
  }

  /** Builds engines from what the op log holds. */
  interface Factory {
    /** From the latest snapshot (null: none) and the committed batches after it, in seq order. */
    DocumentEngine restore(String snapshotJson, List<OpLogEntry> after);
  }
}
