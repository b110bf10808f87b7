package it.tavolo.core.sequencer;

import it.tavolo.core.Role;
import it.tavolo.core.ops.Op;
import java.util.List;
import java.util.Objects;

/**
 * One batch as a client sent it: ops that apply, in order, to the document at {@code
 * baseSeq}. {@code (clientId, clientSeq)} makes it idempotent. A {@code strict} batch (an
 * accepted integration) is applied exactly as written or refused with {@link
 * Sequencer#CONFLICT}: transformation may not drop or change any of its ops. A client id
 * belongs to its author ({@link Sequencer#CLIENT_TAKEN}), except for a batch {@code byServer}:
 * one the server writes itself (an accepted integration, a restored version) under an id of
 * its own that clients cannot use, on behalf of whoever asked for it. {@code authorOrg} is the
 * author's organisation (null: none), for the budget lines' ownership ({@link
 * it.tavolo.core.budget.Pledges}): a batch by the server is not checked (an integration was
 * confirmed by the owners before it was accepted).
 */
public record Submission(
    String author, Role role, String clientId, long clientSeq, long baseSeq, List<Op> ops, boolean strict,
    boolean byServer, String authorOrg) {
  public Submission {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(clientId, "clientId");
    ops = List.copyOf(ops);
  }

  public Submission(String author, Role role, String clientId, long clientSeq, long baseSeq, List<Op> ops) {
    this(author, role, clientId, clientSeq, baseSeq, ops, false, false, null);
  }

  /** A client's batch by an author of organisation {@code authorOrg}. */
  public static Submission of(
      String author, String authorOrg, Role role, String clientId, long clientSeq, long baseSeq, List<Op> ops) {
    return new Submission(author, role, clientId, clientSeq, baseSeq, ops, false, false, authorOrg);
  }

  public Submission(
      String author, Role role, String clientId, long clientSeq, long baseSeq, List<Op> ops, boolean strict,
      boolean byServer) {
    this(author, role, clientId, clientSeq, baseSeq, ops, strict, byServer, null);
  }

  public Submission(
      String author, Role role, String clientId, long clientSeq, long baseSeq, List<Op> ops, boolean strict) {
    this(author, role, clientId, clientSeq, baseSeq, ops, strict, false, null);
  }
}
