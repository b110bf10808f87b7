package it.tavolo.core.record;

import it.tavolo.core.budget.Pledges;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each organisation's contribution to a version (issue 15): its figures in exact cents by
 * nature, and a fingerprint of its budget lines (SHA-256 of their canonical JSON, order left
 * out). A confirmation records both; {@link #status} says, for a version, whether an
 * organisation's contribution is confirmed there, still confirmed by an earlier confirmation
 * (its lines are the same), stale (they changed since), or not confirmed at all.
 *
 * <p>Stateless.
 */
public final class Contributions {
  private Contributions() {}

  /** One organisation's contribution in a document state. */
  public record Figures(String organisation, long monetary, long inKind, String linesSha256) {
    public long total() {
      return monetary + inKind;
    }
  }

  /** How a version stands for one organisation. */
  public enum Status {
    /** Confirmed for this very version. */
    CONFIRMED("confirmed"),
    /** Confirmed for an earlier version, and its lines are the same here. */
    CARRIED("carried"),
    /** Confirmed for an earlier version, but its lines changed since: it must confirm again. */
    STALE("stale"),
    UNCONFIRMED("unconfirmed");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** A recorded confirmation: for which version, of which lines. */
  public record Confirmed(int version, String linesSha256) {}

  /** Every contributing organisation's figures in {@code state}, by organisation id. */
  public static Map<String, Figures> of(DocumentState state) {
    Map<String, long[]> sums = new TreeMap<>();
    for (String id : state.ids(Schema.BUDGET)) {
      Object org = state.value(Schema.BUDGET, id, Pledges.CONTRIBUTOR);
      if (!(org instanceof String o)) continue;
      long[] s = sums.computeIfAbsent(o, k -> new long[2]);
      Object amount = state.value(Schema.BUDGET, id, "amount");
      long cents = amount instanceof Long l ? l : 0;
      if ("in_kind".equals(state.value(Schema.BUDGET, id, "nature"))) s[1] += cents; else s[0] += cents;
    }
    Map<String, Figures> out = new TreeMap<>();
    sums.forEach((org, s) -> out.put(org, new Figures(org, s[0], s[1], linesSha256(state, org))));
    return out;
  }

  /** The fingerprint of an organisation's budget lines (their fields but the order, by id). */
  public static String linesSha256(DocumentState state, String organisation) {
    List<Object> lines = new ArrayList<>(Pledges.linesOf(state, organisation));
    lines.sort((a, b) -> String.valueOf(((Map<?, ?>) a).get("id")).compareTo(String.valueOf(((Map<?, ?>) b).get("id"))));
    return Sha256.hex(Canonical.json(lines));
  }

  /**
   * How {@code version} stands for an organisation whose lines there hash to {@code
   * linesSha256}, given its confirmations (of any versions): one for this version confirms it;
   * otherwise the latest one for an earlier version carries over if the lines are the same, or
   * is stale. Confirmations of later versions say nothing about this one.
   */
  public static Status status(int version, String linesSha256, List<Confirmed> confirmations) {
    Confirmed latestEarlier = null;
    for (Confirmed c : confirmations) {
      if (c.version() == version) return Status.CONFIRMED;
      if (c.version() < version && (latestEarlier == null || c.version() > latestEarlier.version())) latestEarlier = c;
    }
    if (latestEarlier == null) return Status.UNCONFIRMED;
    return latestEarlier.linesSha256().equals(linesSha256) ? Status.CARRIED : Status.STALE;
  }
}
