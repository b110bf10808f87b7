package it.tavolo.core.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetTotalsTest {
  static final String SDS = "00000000-0000-4000-8000-00000000005d";
  static final String COOP = "00000000-0000-4000-8000-0000000000c1";
  static final String ODV = "00000000-0000-4000-8000-0000000000c2";

  private static Op line(String id, String org, String nature, String category, long cents) {
    return new Op.Create("budget", id, Map.of("order", id, "contributor", org, "nature", nature, "category", category, "amount", cents));
  }

  /** Seed 002 (SdS Pistoiese): 308.716,54 monetary + 51.726,00 in kind; ETS co-financing 78.496,63. */
  @Test
  void seed002FiguresAreExactToTheCent() {
    DocumentState d = new DocumentState();
    OpApplier.applyAll(d, List.of(
        line("b1", SDS, "monetary", "servizi", 30_871_654L),
        line("b2", SDS, "in_kind", "strumentali", 5_172_600L),
        line("b3", COOP, "monetary", "personale", 6_000_000L),
        line("b4", ODV, "monetary", "spese_generali", 1_849_663L)), "u", 1);
    Map<String, Side> sides = Map.of(SDS, Side.PA, COOP, Side.ETS, ODV, Side.ETS);
    BudgetTotals t = BudgetTotals.of(d, sides::get);
    assertEquals(43_893_917L, t.total());
    assertEquals(38_721_317L, t.monetary());
    assertEquals(5_172_600L, t.inKind());
    assertEquals(36_044_254L, t.publicTotal());
    assertEquals(7_849_663L, t.thirdSectorTotal());
    assertEquals(0L, t.unknownSideTotal());
    assertEquals(new BudgetTotals.ContributorTotal(SDS, Side.PA, 30_871_654L, 5_172_600L), t.byContributor().get(SDS));
    assertEquals(36_044_254L, t.byContributor().get(SDS).total());
    assertEquals(6_000_000L, t.byCategory().get("personale"));
    assertEquals(0L, t.byCategory().get("altro"));
    // 7.849.663 / 43.893.917 = 17,8833...%
    assertEquals(1788, t.coFinancingShare().basisPoints());
    assertEquals("17,88", t.coFinancingShare().percentIt());
    assertEquals(8212, t.publicShare().basisPoints());
  }

  @Test
  void shareRoundsHalfUpAndAnEmptyBudgetHasNone() {
    assertEquals(5000, new Share(1, 2).basisPoints());
    assertEquals(3333, new Share(1, 3).basisPoints());
    assertEquals(6667, new Share(2, 3).basisPoints());
    assertEquals(1, new Share(1, 20_000).basisPoints()); // 0.5 bp rounds up
    assertEquals(0, new Share(0, 0).basisPoints());
    BudgetTotals t = BudgetTotals.of(new DocumentState(), org -> Side.PA);
    assertEquals(0, t.total());
    assertEquals(0, t.coFinancingShare().basisPoints());
  }

  @Test
  void hugeAmountsStayExact() {
    DocumentState d = new DocumentState();
    for (int i = 0; i < 50; i++) OpApplier.applyAll(d, List.of(line("b" + i, COOP, "monetary", "altro", 10_000_000_000_000L)), "u", 1);
    BudgetTotals t = BudgetTotals.of(d, org -> null);
    assertEquals(500_000_000_000_000L, t.total());
    assertEquals(t.total(), t.unknownSideTotal());
    assertEquals(0, t.coFinancingShare().basisPoints());
  }
}
