package it.tavolo.core.budget;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The derived budget figures, always computed from the budget lines, never stored: totals per
 * contributor and per nature, per category and per activity, per side of the table, and the
 * shares. All amounts are exact long cents (sums cannot overflow: at most 10^13 cents per line
 * and a bounded number of lines; {@link Math#addExact} guards anyway).
 *
 * @param total every line
 * @param monetary lines of nature {@code monetary}
 * @param inKind lines of nature {@code in_kind} (risorse non monetarie)
 * @param byContributor per organisation id, sorted by id
 * @param byCategory per category, in schema order, every category present
 * @param byActivity per activity id, sorted; lines without an activity are not in it
 * @param publicTotal lines of PA organisations
 * @param thirdSectorTotal lines of ETS organisations: the co-financing (cofinanziamento)
 * @param unknownSideTotal lines of organisations whose side the caller did not know
 * @param coFinancingShare ETS co-financing over the total
 * @param publicShare PA contribution over the total
 * @param inKindShare non-monetary resources over the total
 */
public record BudgetTotals(
    long total,
    long monetary,
    long inKind,
    Map<String, ContributorTotal> byContributor,
    Map<String, Long> byCategory,
    Map<String, Long> byActivity,
    long publicTotal,
    long thirdSectorTotal,
    long unknownSideTotal,
    Share coFinancingShare,
    Share publicShare,
    Share inKindShare) {

  /** One organisation's contribution. */
  public record ContributorTotal(String organisation, Side side, long monetary, long inKind) {
    public long total() {
      return Math.addExact(monetary, inKind);
    }
  }

  /**
   * @param sideOf the side of each organisation id (e.g. from the organisations table);
   *     null or a missing id counts as {@link Side#UNKNOWN}
   */
  public static BudgetTotals of(DocumentState doc, Function<String, Side> sideOf) {
    long monetary = 0, inKind = 0, pa = 0, ets = 0, unknown = 0;
    Map<String, long[]> contributors = new TreeMap<>();
    Map<String, Long> categories = new LinkedHashMap<>();
    for (String c : Schema.CATEGORIES) categories.put(c, 0L);
    Map<String, Long> activities = new TreeMap<>();
    for (String id : doc.ids(Schema.BUDGET)) {
      long amount = (Long) doc.value(Schema.BUDGET, id, "amount");
      boolean isMonetary = "monetary".equals(doc.value(Schema.BUDGET, id, "nature"));
      String org = (String) doc.value(Schema.BUDGET, id, "contributor");
      String category = (String) doc.value(Schema.BUDGET, id, "category");
      String activity = (String) doc.value(Schema.BUDGET, id, "activity");
      if (isMonetary) monetary = Math.addExact(monetary, amount);
      else inKind = Math.addExact(inKind, amount);
      long[] c = contributors.computeIfAbsent(org, k -> new long[2]);
      c[isMonetary ? 0 : 1] = Math.addExact(c[isMonetary ? 0 : 1], amount);
      categories.merge(category, amount, Math::addExact);
      if (activity != null) activities.merge(activity, amount, Math::addExact);
      Side side = side(sideOf, org);
      if (side == Side.PA) pa = Math.addExact(pa, amount);
      else if (side == Side.ETS) ets = Math.addExact(ets, amount);
      else unknown = Math.addExact(unknown, amount);
    }
    Map<String, ContributorTotal> byContributor = new LinkedHashMap<>();
    contributors.forEach(
        (org, c) -> byContributor.put(org, new ContributorTotal(org, side(sideOf, org), c[0], c[1])));
    long total = Math.addExact(monetary, inKind);
    return new BudgetTotals(
        total,
        monetary,
        inKind,
        Collections.unmodifiableMap(byContributor),
        Collections.unmodifiableMap(categories),
        Collections.unmodifiableMap(activities),
        pa,
        ets,
        unknown,
        new Share(ets, total),
        new Share(pa, total),
        new Share(inKind, total));
  }

  private static Side side(Function<String, Side> sideOf, String org) {
    Side s = org == null || sideOf == null ? null : sideOf.apply(org);
    return s == null ? Side.UNKNOWN : s;
  }
}
