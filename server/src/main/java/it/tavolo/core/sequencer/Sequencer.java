package it.tavolo.core.sequencer;

import it.tavolo.core.Role;
import it.tavolo.core.Refusal;
import it.tavolo.core.budget.Pledges;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.Origins;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpTransform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one logical owner of a document: orders batches, transforms each against everything
 * committed after its baseSeq, validates and applies it all or nothing, assigns the next seq,
 * and recognises resends by (clientId, clientSeq). A client id belongs to the user who
 * committed under it: another user's batch with that id is refused ({@link #CLIENT_TAKEN}),
 * so resend state never crosses users (issue 22: otherwise a member who reused an editor's
 * client id was acked with the editor's seq, or made the editor's next batch a "resend").
 *
 * <p>Not thread-safe: call it from the document's single owner (e.g. one Vert.x context).
 * {@link #submit} changes the in-memory state at once; the caller persists the accepted batch
 * and acks it after the commit. If persisting fails, throw this instance away and {@link
 * #restore} from the database, so memory never runs ahead of the log.
 */
public final class Sequencer {
  public static final String BAD_BASE_SEQ = "bad_base_seq";
  public static final String FORBIDDEN = "forbidden";
  public static final String LOCKED = "locked";
  /** A strict batch that transformation would have changed, or that no longer applies. */
  public static final String CONFLICT = "integration_conflict";
  /** A client id another user committed under: its resend state is theirs. */
  public static final String CLIENT_TAKEN = "client_taken";
  /** Batches kept in memory for transforming late batches and for catch-up, by default. */
  public static final int DEFAULT_TAIL = 10_000;
  /** Clients whose last batch is remembered (for resends), by default: see {@link #knowsClient}. */
  public static final int DEFAULT_MAX_CLIENTS = 10_000;

  private final DocumentState state;
  private final BatchTail tail;
  /** clientId → its last committed batch and whose id it is; at most {@link #maxClients}. */
  private final Map<String, Resend> clients;
  private int maxClients = DEFAULT_MAX_CLIENTS;
  /** Whether any client was ever forgotten (kept in snapshots): then unknown ones are looked up. */
  private boolean forgotClients;
  private Mode mode = Mode.LIVE;
  private boolean locked;
  /** Checked on submissions only: see {@link #setKnownOrganisation}. */
  private Predicate<String> knownOrganisation;
  /** Whether submitted batches are held to the budget lines' ownership: see {@link #setPledgeOwnership}. */
  private boolean pledgeOwnership = true;
  /** Checked on submissions only: see {@link #setKnownTerritorio}. */
  private Predicate<String> knownTerritorio;

  /** A new, empty document at seq 0. */
  public Sequencer(Limits limits) {
    this(new DocumentState(limits), new HashMap<>(), DEFAULT_TAIL);
  }

  public Sequencer() {
    this(Limits.DEFAULT);
  }

  /**
   * What the resend memory keeps of a client: its last committed clientSeq, that batch's seq,
   * and its author, the user the client id belongs to (null only when read from a snapshot
   * written before authors were kept: then {@link #knowsClient} says to ask the op log).
   */
  static final class Resend {
    long clientSeq;
    long seq;
    String author;

    Resend(long clientSeq, long seq, String author) {
      this.clientSeq = clientSeq;
      this.seq = seq;
      this.author = author;
    }
  }

  Sequencer(DocumentState state, Map<String, Resend> clients, int maxTail) {
    this(state, clients, maxTail, false);
  }

  Sequencer(DocumentState state, Map<String, Resend> clients, int maxTail, boolean forgotClients) {
    this.state = state;
    this.clients = clients;
    this.forgotClients = forgotClients;
    this.tail = new BatchTail(maxTail);
  }

  /**
   * Loads a document: a serialisation made by {@link #serialise} (or null for an empty
   * document), then the committed batches after it, in seq order, replayed.
   */
  public static Sequencer restore(String serialised, List<CommittedBatch> after, Limits limits) {
    return restore(serialised, after, limits, DEFAULT_TAIL);
  }

  public static Sequencer restore(
      String serialised, List<CommittedBatch> after, Limits limits, int maxTail) {
    Sequencer s =
        serialised == null
            ? new Sequencer(new DocumentState(limits), new HashMap<>(), maxTail)
            : SequencerCodec.read(serialised, limits, maxTail);
    for (CommittedBatch b : after) s.applyCommitted(b);
    return s;
  }

  /** The lossless form of the document and the resend memory, for a database snapshot. */
  public String serialise() {
    return SequencerCodec.write(state, clients, forgotClients);
  }

  // ---- settings the caller owns ----

  public Mode mode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public boolean locked() {
    return locked;
  }

  public void setLocked(boolean locked) {
    this.locked = locked;
  }

  /**
   * Which organisation ids a submitted batch may name (beyond being a valid id), e.g. the
   * organisations at the table; null accepts every valid id. Committed batches are replayed
   * without it: an organisation that has left the table must not make its old budget lines
   * unloadable.
   */
  public void setKnownOrganisation(Predicate<String> known) {
    this.knownOrganisation = known;
  }

  /**
   * Whether a client's batch may touch only its author's organisation's budget lines
   * ({@link Pledges}); on by default. Off is for tools that replay or generate documents with
   * no authors' organisations at hand (test vectors, benchmarks), never for the server.
   */
  public void setPledgeOwnership(boolean on) {
    this.pledgeOwnership = on;
  }

  /**
   * Which territorio names a submitted batch may put on a budget line (the tavolo's list);
   * null accepts every well-formed name. As for organisations, replay never checks it: a
   * territorio taken off the list keeps its old lines loadable.
   */
  public void setKnownTerritorio(Predicate<String> known) {
    this.knownTerritorio = known;
  }

  // ---- reading ----

  /** The seq of the latest committed batch (0 for a new document). */
  public long head() {
    return state.seq();
  }

  /**
   * The document. Read it only; change it only through {@link #submit}. Text views are live.
   */
  public DocumentState state() {
    return state;
  }

  /**
   * Seq of the oldest batch kept in memory ({@code head() + 1} when none is kept): a batch
   * with {@code baseSeq >= oldestRetainedSeq() - 1} needs no history from the op log.
   */
  public long oldestRetainedSeq() {
    return tail.isEmpty() ? head() + 1 : tail.firstSeq();
  }

  /** The committed batches after {@code seq}, if they are all kept in memory (for catch-up). */
  public Optional<List<CommittedBatch>> batchesAfter(long seq) {
    if (seq > head() || seq < 0) return Optional.empty();
    if (seq < oldestRetainedSeq() - 1) return Optional.empty();
    List<CommittedBatch> out = new ArrayList<>((int) (head() - seq));
    for (long q = seq + 1; q <= head(); q++) out.add(tail.get(q));
    return Optional.of(Collections.unmodifiableList(out));
  }

  /**
   * The resend memory keeps the last batch of at most this many clients (every browser tab
   * is one, and the memory is in every snapshot); the ones idle longest are forgotten first.
   */
  public void setMaxClients(int max) {
    if (max < 1) throw new IllegalArgumentException("maxClients must be positive");
    this.maxClients = max;
    while (clients.size() > maxClients) forgetOldestClient(null);
  }

  /**
   * False when a batch of this client may have been committed and then forgotten (the memory
   * is full), or when the memory does not know whose it is (an old snapshot): before
   * sequencing it, or admitting a connection with this id, the caller looks the client up in
   * the op log and tells {@link #rememberClient}, or a resend would be applied twice, or
   * answered to another user.
   */
  public boolean knowsClient(String clientId) {
    Resend mem = clients.get(clientId);
    return mem != null ? mem.author != null : !forgotClients;
  }

  /**
   * The user a client id belongs to (the author of its last committed batch), or null when
   * nothing was committed under it, as far as the memory knows: see {@link #knowsClient}.
   */
  public String clientOwner(String clientId) {
    Resend mem = clients.get(clientId);
    return mem == null ? null : mem.author;
  }

  /**
   * What the op log says of a client the memory had forgotten: its last clientSeq, at seq,
   * written by {@code author}.
   */
  public void rememberClient(String clientId, long lastClientSeq, long seq, String author) {
    Resend mem = clients.get(clientId);
    if (mem == null) {
      clients.put(clientId, new Resend(lastClientSeq, seq, author));
      while (clients.size() > maxClients) forgetOldestClient(clientId);
    } else if (lastClientSeq >= mem.clientSeq) {
      mem.clientSeq = lastClientSeq;
      mem.seq = seq;
      mem.author = author;
    }
  }

  /** Forgets the client whose last batch is oldest, except {@code keep} (the one just remembered). */
  private void forgetOldestClient(String keep) {
    String oldest = null;
    long oldestSeq = Long.MAX_VALUE;
    for (Map.Entry<String, Resend> e : clients.entrySet()) {
      if (e.getValue().seq < oldestSeq && !e.getKey().equals(keep)) {
        oldestSeq = e.getValue().seq;
        oldest = e.getKey();
      }
    }
    clients.remove(oldest);
    forgotClients = true;
  }

  /** The last committed clientSeq of a client, or -1. */
  public long lastClientSeq(String clientId) {
    Resend m = clients.get(clientId);
    return m == null ? -1 : m.clientSeq;
  }

  // ---- sequencing ----

  public SubmitResult submit(Submission s, long nowMillis) {
    return submit(s, nowMillis, List.of());
  }

  /**
   * Sequences one batch. {@code older} supplies committed batches no longer kept in memory
   * when {@link SubmitResult.NeedsHistory} asked for them (may hold more; extra ones are
   * ignored).
   */
  public SubmitResult submit(Submission s, long nowMillis, List<CommittedBatch> older) {
    Resend mem = clients.get(s.clientId());
    // before the resend check: another user's batch must get neither their ack nor their clientSeq
    if (mem != null && mem.author != null && !s.byServer() && !mem.author.equals(s.author())) {
      return new SubmitResult.Rejected(
          CLIENT_TAKEN, "this client id belongs to another user: connect with a new one");
    }
    if (mem != null && s.clientSeq() <= mem.clientSeq) {
      return new SubmitResult.Duplicate(
          s.clientSeq(), s.clientSeq() == mem.clientSeq ? mem.seq : SubmitResult.Duplicate.UNKNOWN_SEQ);
    }
    if (s.role() == Role.OBSERVER) {
      return new SubmitResult.Rejected(FORBIDDEN, "observers cannot edit the document");
    }
    if (locked) return new SubmitResult.Rejected(LOCKED, "the document is locked");
    if (mode == Mode.PROPOSAL && s.role() != Role.COORDINATOR) {
      return new SubmitResult.Rejected(
          FORBIDDEN, "the document is in proposal mode: members propose changes instead");
    }
    // An empty batch is accepted: a resent batch whose ops were all dropped by transformation
    // on the client must still get its ack.
    if (s.ops().size() > state.limits().maxOpsPerBatch()) {
      return new SubmitResult.Rejected(
          Refusal.TOO_LARGE, "a batch holds at most " + state.limits().maxOpsPerBatch() + " ops");
    }
    for (Op op : s.ops()) {
      if (op instanceof Op.Create c && c.replace()) {
        return new SubmitResult.Rejected(Refusal.INVALID_OP, "\"replace\" is not for clients to send");
      }
    }
    long head = head();
    if (s.baseSeq() < 0 || s.baseSeq() > head) {
      return new SubmitResult.Rejected(
          BAD_BASE_SEQ, "baseSeq " + s.baseSeq() + " is not between 0 and the head " + head);
    }
    List<Op> ops = s.ops();
    List<it.tavolo.core.ops.TransformNote> notes = List.of();
    if (s.baseSeq() < head) {
      List<Op> concurrent = new ArrayList<>();
      long oldest = oldestRetainedSeq();
      if (s.baseSeq() + 1 < oldest) {
        long expect = s.baseSeq() + 1;
        for (CommittedBatch b : older) {
          if (b.seq() <= s.baseSeq() || b.seq() >= oldest) continue;
          if (b.seq() != expect) return new SubmitResult.NeedsHistory(s.baseSeq(), oldest - 1);
          concurrent.addAll(b.ops());
          expect++;
        }
        if (expect != oldest) return new SubmitResult.NeedsHistory(s.baseSeq(), oldest - 1);
      }
      for (long q = Math.max(s.baseSeq() + 1, oldest); q <= head; q++) concurrent.addAll(tail.get(q).ops());
      try {
        OpTransform.Result r = OpTransform.transform(ops, concurrent);
        ops = r.later();
        notes = r.notes();
      } catch (Refusal e) {
        return new SubmitResult.Rejected(e.code(), e.getMessage());
      }
      if (s.strict() && !notes.isEmpty()) {
        it.tavolo.core.ops.TransformNote n = notes.get(0);
        return new SubmitResult.Rejected(
            CONFLICT, "op " + n.index() + " cannot be applied as written: " + n.reason().code());
      }
    }
    long seq = head + 1;
    state.setKnownOrganisation(knownOrganisation);
    state.setKnownTerritorio(knownTerritorio);
    try {
      List<Op> applied = ops;
      OpApplier.applyAll(state, ops, s.author(), seq, pledgeCheck(s), () -> ScheduleRule.check(state, applied));
    } catch (Refusal e) {
      if (Pledges.NOT_YOUR_PLEDGE.equals(e.code())) return new SubmitResult.Rejected(e.code(), e.getMessage());
      return new SubmitResult.Rejected(
          s.strict() && Refusal.INVALID_OP.equals(e.code()) ? CONFLICT : e.code(), e.getMessage());
    } finally {
      state.setKnownOrganisation(null);
      state.setKnownTerritorio(null);
    }
    CommittedBatch batch =
        new CommittedBatch(seq, s.author(), s.clientId(), s.clientSeq(), nowMillis, ops, notes);
    record(batch);
    return new SubmitResult.Accepted(batch);
  }

  /**
   * The ownership of budget lines, for a batch a client sent (never for one the server writes,
   * nor on replay: lines written before the rule keep loading). Off only where the caller
   * said so ({@link #setPledgeOwnership}).
   */
  private OpApplier.Check pledgeCheck(Submission s) {
    if (s.byServer() || !pledgeOwnership) return null;
    java.util.function.Predicate<String> named = knownOrganisation == null ? id -> true : knownOrganisation;
    return (st, op) -> Pledges.check(st, op, s.authorOrg(), named);
  }

  /**
   * Applies a batch that is already committed (replay on load, or a follower copying another
   * owner's log). It must be the next seq.
   */
  public void applyCommitted(CommittedBatch b) {
    if (b.seq() != head() + 1) {
      throw new IllegalStateException("batch " + b.seq() + " does not follow the head " + head());
    }
    try {
      // starting text (seed, import, template, copy) is credited to its origin, not to the
      // person who brought it in (Origins)
      OpApplier.applyAll(state, b.ops(), Origins.authorship(b.clientId(), b.author()), b.seq());
    } catch (Refusal e) {
      throw new IllegalStateException("committed batch " + b.seq() + " does not apply: " + e.getMessage(), e);
    }
    record(b);
  }

  private void record(CommittedBatch b) {
    state.setSeq(b.seq());
    tail.add(b);
    Resend mem = clients.get(b.clientId());
    if (mem == null) {
      clients.put(b.clientId(), new Resend(b.clientSeq(), b.seq(), b.author()));
      while (clients.size() > maxClients) forgetOldestClient(b.clientId());
    } else if (b.clientSeq() > mem.clientSeq) {
      mem.clientSeq = b.clientSeq();
      mem.seq = b.seq();
      mem.author = b.author();
    }
  }
}
