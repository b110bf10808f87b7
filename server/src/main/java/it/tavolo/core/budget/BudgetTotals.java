package it.tavolo.core.budget;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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
 * @param byYear per annualita, project years then calendar years in order, lines without one
 *     last (annualita null); only years some line names
 * @param byTerritorio per territorio, by name, lines without one last (territorio null)
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
    Share inKindShare,
    List<PartTotal<Long>> byYear,
    List<PartTotal<String>> byTerritorio) {

  /**
   * The lines of one year or one territorio ({@code key} null: the lines that name none), with
   * their co-financing (ETS) and its share of this part.
   */
  public record PartTotal<K>(K key, long monetary, long inKind, long publicTotal, long thirdSectorTotal) {
    public long total() {
      return Math.addExact(monetary, inKind);
    }

    public Share coFinancingShare() {
      return new Share(thirdSectorTotal, total());
    }
  }

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
    // null (no year, no territorio) sorts last
    Map<Long, long[]> years = new TreeMap<>(Comparator.nullsLast(Comparator.<Long>naturalOrder()));
    Map<String, long[]> territori = new TreeMap<>(Comparator.nullsLast(Comparator.<String>naturalOrder()));
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
      add(years.computeIfAbsent((Long) doc.value(Schema.BUDGET, id, "annualita"), k -> new long[4]), isMonetary, side, amount);
      add(territori.computeIfAbsent((String) doc.value(Schema.BUDGET, id, "territorio"), k -> new long[4]), isMonetary, side,
          amount);
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
        new Share(inKind, total),
        parts(years),
        parts(territori));
  }

  /** {@code part}: monetary, in kind, PA, ETS. */
  private static void add(long[] part, boolean isMonetary, Side side, long amount) {
    part[isMonetary ? 0 : 1] = Math.addExact(part[isMonetary ? 0 : 1], amount);
    if (side == Side.PA) part[2] = Math.addExact(part[2], amount);
    else if (side == Side.ETS) part[3] = Math.addExact(part[3], amount);
  }

  private static <K> List<PartTotal<K>> parts(Map<K, long[]> parts) {
    List<PartTotal<K>> out = new ArrayList<>(parts.size());
    parts.forEach((k, p) -> out.add(new PartTotal<>(k, p[0], p[1], p[2], p[3])));
    return List.copyOf(out);
  }

  /** The part of {@code year} (null: lines without one), or null when no line is in it. */
  public PartTotal<Long> year(Long year) {
    for (PartTotal<Long> p : byYear) if (java.util.Objects.equals(p.key(), year)) return p;
    return null;
  }

  /** The part of {@code territorio} (null: lines without one), or null when no line is in it. */
  public PartTotal<String> territorio(String territorio) {
    for (PartTotal<String> p : byTerritorio) if (java.util.Objects.equals(p.key(), territorio)) return p;
    return null;
  }

  private static Side side(Function<String, Side> sideOf, String org) {
    Side s = org == null || sideOf == null ? null : sideOf.apply(org);
    return s == null ? Side.UNKNOWN : s;
  }
}
