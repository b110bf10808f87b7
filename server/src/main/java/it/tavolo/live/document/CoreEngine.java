package it.tavolo.live.document;

import it.tavolo.live.Committed;
import it.tavolo.live.ErrorCode;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.core.Refusal;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.ops.TransformNote;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.sequencer.Mode;
import it.tavolo.core.Role;
import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.core.sequencer.SubmitResult;
import it.tavolo.core.sequencer.Submission;
import it.tavolo.db.OpLogEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link DocumentEngine} over the core's {@link Sequencer}. */
public final class CoreEngine implements DocumentEngine {
  private final Sequencer sequencer;
  private java.util.Set<String> organisations = java.util.Set.of();
  private java.util.Set<String> territori = java.util.Set.of();
  /** The first organisation the running submit named outside {@link #organisations}. */
  private String unknownOrganisation;

  private CoreEngine(Sequencer sequencer) {
    this.sequencer = sequencer;
    sequencer.setKnownOrganisation(id -> {
      if (organisations.contains(id)) {
        return true;
      }
      unknownOrganisation = id; // the core refuses the batch at once: this is the reason
      return false;
    });
    sequencer.setKnownTerritorio(name -> territori.contains(name));
  }

  public static final class Factory implements DocumentEngine.Factory {
    private final int tail;
    private final int maxClients;

    public Factory(int tail, int maxClients) {
      this.tail = tail;
      this.maxClients = maxClients;
    }

    @Override
    public DocumentEngine restore(String snapshotJson, List<OpLogEntry> after) {
      Sequencer s = Sequencer.restore(snapshotJson, batches(after), Limits.DEFAULT, tail);
      s.setMaxClients(maxClients);
      return new CoreEngine(s);
    }
  }

  static List<CommittedBatch> batches(List<OpLogEntry> entries) {
    List<CommittedBatch> out = new ArrayList<>(entries.size());
    for (OpLogEntry e : entries) {
      long time = e.committedAt() == null ? 0 : e.committedAt().toInstant().toEpochMilli();
      out.add(new CommittedBatch(e.seq(), e.author().toString(), e.clientId(), e.clientSeq(), time,
          OpCodec.decodeBatch(e.opsJson())));
    }
    return out;
  }

  @Override
  public long seq() {
    return sequencer.head();
  }

  @Override
  public boolean knowsClient(String clientId) {
    return sequencer.knowsClient(clientId);
  }

  @Override
  public void rememberClient(String clientId, long lastClientSeq, long seq, UUID author) {
    sequencer.rememberClient(clientId, lastClientSeq, seq, author.toString());
  }

  @Override
  public UUID clientOwner(String clientId) {
    String owner = sequencer.clientOwner(clientId);
    return owner == null ? null : UUID.fromString(owner);
  }

  @Override
  public void setOrganisations(java.util.Set<String> ids) {
    organisations = java.util.Set.copyOf(ids);
  }

  @Override
  public void setTerritori(java.util.Set<String> names) {
    territori = java.util.Set.copyOf(names);
  }

  @Override
  public void setFlags(Mode mode, boolean locked) {
    sequencer.setMode(mode);
    sequencer.setLocked(locked);
  }

  @Override
  public Outcome submit(UUID author, UUID authorOrg, it.tavolo.core.Role role, String clientId, long clientSeq, long baseSeq, JsonNode ops,
                        Instant now, List<OpLogEntry> older, boolean strict, boolean byServer) {
    List<Op> decoded;
    try {
      decoded = OpCodec.decodeBatch(ops);
    } catch (Refusal e) {
      return new Rejected(ErrorCode.of(e, ErrorCode.INVALID_OP), e.getMessage());
    }
    Submission s = new Submission(author.toString(), role, clientId, clientSeq, baseSeq, decoded, strict,
        byServer, authorOrg == null ? null : authorOrg.toString());
    unknownOrganisation = null;
    SubmitResult r = sequencer.submit(s, now.toEpochMilli(), batches(older));
    if (r instanceof SubmitResult.Rejected && unknownOrganisation != null) {
      return new UnknownOrganisation(unknownOrganisation);
    }
    if (r instanceof SubmitResult.Accepted a) {
      CommittedBatch b = a.batch();
      List<Committed.Note> notes = new ArrayList<>();
      for (TransformNote n : b.notes()) {
        notes.add(new Committed.Note(n.index(), n.reason().code(), n.reason().dropsOp()));
      }
      return new Accepted(b.seq(), OpCodec.toJson(b.ops()), notes);
    }
    if (r instanceof SubmitResult.Duplicate d) {
      return new Duplicate(d.seqKnown() ? d.seq() : -1);
    }
    if (r instanceof SubmitResult.NeedsHistory h) {
      return new NeedsHistory(h.afterSeq(), h.upToSeq());
    }
    SubmitResult.Rejected rej = (SubmitResult.Rejected) r;
    return new Rejected(ErrorCode.fromWire(rej.code(), ErrorCode.INVALID_OP), rej.message());
  }

  @Override
  public void applyCommitted(OpLogEntry entry) {
    sequencer.applyCommitted(batches(List.of(entry)).get(0));
  }

  @Override
  public String serialise() {
    return sequencer.serialise();
  }

  @Override
  public JsonNode wireSnapshot() {
    return StateCodec.snapshot(sequencer.state());
  }

  @Override
  public JsonNode authors() {
    return StateCodec.authorship(sequencer.state());
  }
}
