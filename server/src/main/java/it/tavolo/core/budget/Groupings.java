package it.tavolo.core.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals per grouping of partners (an RTI, ATI or consortium with a capofila, issue 15): the
 * sum of its members' contributions in exact cents by nature. A member without budget lines
 * counts zero. Stateless.
 */
public final class Groupings {
  private Groupings() {}

  /** A grouping as the totals need it: its id and its member organisations' ids. */
  public record Grouping(String id, List<String> members) {}

  /** One grouping's figures, and each member's (in the grouping's member order). */
  public record Total(String grouping, long monetary, long inKind, Map<String, long[]> byMember) {
    public long total() {
      return monetary + inKind;
    }
  }

  /**
   * The totals of each grouping, in the order given, from every organisation's contribution
   * ({@code {monetary, inKind}} in cents, by organisation id).
   */
  public static List<Total> totals(List<Grouping> groupings, Map<String, long[]> byOrganisation) {
    List<Total> out = new ArrayList<>(groupings.size());
    for (Grouping g : groupings) {
      long monetary = 0;
      long inKind = 0;
      Map<String, long[]> members = new LinkedHashMap<>();
      for (String m : g.members()) {
        long[] f = byOrganisation.get(m);
        long mon = f == null ? 0 : f[0];
        long kind = f == null ? 0 : f[1];
        members.put(m, new long[] {mon, kind});
        monetary = Math.addExact(monetary, mon);
        inKind = Math.addExact(inKind, kind);
      }
      out.add(new Total(g.id(), monetary, inKind, members));
    }
    return out;
  }
}
