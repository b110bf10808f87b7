package it.tavolo.core.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo tavolo's two-year budget (seed 002, SdS Pistoiese), totals worked out by hand from
 * its eleven lines (amounts in cents):
 *
 * <pre>
 * line    contributor      nature    amount      annualità  territorio
 * bud-1   SdS (PA)         monetary  16.530.000  1          Zona Pistoiese
 * bud-2   SdS (PA)         monetary   9.600.000  2          Pistoia
 * bud-3   SdS (PA)         monetary   4.741.654  2          Quarrata
 * bud-4   SdS (PA)         in kind    3.672.600  1          Zona Pistoiese
 * bud-5   SdS (PA)         in kind    1.500.000  2          Pistoia
 * bud-6   Cooperativa ETS  monetary   3.800.000  1          Pistoia
 * bud-7   Cooperativa ETS  monetary     450.000  2          Zona Pistoiese
 * bud-8   Consorzio ETS    monetary   2.100.000  2          Agliana
 * bud-9   Consorzio ETS    monetary     399.663  1          Zona Pistoiese
 * bud-10  ODV ETS          monetary     500.000  1          Montagna Pistoiese
 * bud-11  Curia ETS        monetary     600.000  2          Pistoia
 * </pre>
 *
 * SdS monetary 16.530.000 + 9.600.000 + 4.741.654 = 30.871.654 (€ 308.716,54); in kind
 * 3.672.600 + 1.500.000 = 5.172.600 (€ 51.726,00); ETS 3.800.000 + 450.000 + 2.100.000 +
 * 399.663 + 500.000 + 600.000 = 7.849.663 (€ 78.496,63), the seed's figures.
 */
class DemoBudgetTotalsTest {
  static final String SDS = "7a701000-0000-4000-8000-000000000001";
  static final String CIPI = "7a701000-0000-4000-8000-000000000002";

  /** The demo's organisations: the SdS and the Centro per l'Impiego are PA, the rest ETS. */
  static Side side(String org) {
    return org.equals(SDS) || org.equals(CIPI) ? Side.PA : Side.ETS;
  }

  static DocumentState demo() throws Exception {
    try (InputStream in = DemoBudgetTotalsTest.class.getResourceAsStream("/demo/sds-pistoiese-ops.json")) {
      DocumentState d = new DocumentState();
      OpApplier.applyAll(d, OpCodec.decodeBatch(new ObjectMapper().readTree(in)), "seed", 1);
      return d;
    }
  }

  @Test
  void theDemoBudgetGivesSeed002sFiguresToTheCent() throws Exception {
    BudgetTotals t = BudgetTotals.of(demo(), DemoBudgetTotalsTest::side);
    assertEquals(30_871_654L, t.byContributor().get(SDS).monetary(), "SdS monetary € 308.716,54");
    assertEquals(5_172_600L, t.byContributor().get(SDS).inKind(), "SdS in kind € 51.726,00");
    assertEquals(7_849_663L, t.thirdSectorTotal(), "Third-Sector co-financing € 78.496,63");
    assertEquals(43_893_917L, t.total());
    assertEquals(38_721_317L, t.monetary());
    assertEquals(5_172_600L, t.inKind());
    // 7.849.663 / 43.893.917 = 17,883...%
    assertEquals("17,88", t.coFinancingShare().percentIt());
  }

  @Test
  void totalsByYearMatchTheFiguresWorkedOutByHand() throws Exception {
    BudgetTotals t = BudgetTotals.of(demo(), DemoBudgetTotalsTest::side);
    assertEquals(List.of(1L, 2L), t.byYear().stream().map(BudgetTotals.PartTotal::key).toList(), "two annualità");
    BudgetTotals.PartTotal<Long> y1 = t.year(1L);
    // 16.530.000 + 3.800.000 + 399.663 + 500.000 = 21.229.663 monetary; 3.672.600 in kind
    assertEquals(21_229_663L, y1.monetary());
    assertEquals(3_672_600L, y1.inKind());
    assertEquals(24_902_263L, y1.total());
    assertEquals(4_699_663L, y1.thirdSectorTotal(), "co-financing, year 1: 38.000,00 + 3.996,63 + 5.000,00");
    assertEquals(20_202_600L, y1.publicTotal());
    // 4.699.663 / 24.902.263 = 18,8724...%
    assertEquals("18,87", y1.coFinancingShare().percentIt());
    BudgetTotals.PartTotal<Long> y2 = t.year(2L);
    // 9.600.000 + 4.741.654 + 450.000 + 2.100.000 + 600.000 = 17.491.654 monetary; 1.500.000 in kind
    assertEquals(17_491_654L, y2.monetary());
    assertEquals(1_500_000L, y2.inKind());
    assertEquals(18_991_654L, y2.total());
    assertEquals(3_150_000L, y2.thirdSectorTotal(), "co-financing, year 2: 4.500,00 + 21.000,00 + 6.000,00");
    // 3.150.000 / 18.991.654 = 16,5862...%
    assertEquals("16,59", y2.coFinancingShare().percentIt());
    assertEquals(t.total(), y1.total() + y2.total(), "the years add up to the whole");
    assertEquals(t.thirdSectorTotal(), y1.thirdSectorTotal() + y2.thirdSectorTotal());
    assertNull(t.year(null), "every line names its annualità");
  }

  @Test
  void totalsByTerritorioMatchTheFiguresWorkedOutByHand() throws Exception {
    BudgetTotals t = BudgetTotals.of(demo(), DemoBudgetTotalsTest::side);
    assertEquals(List.of("Agliana", "Montagna Pistoiese", "Pistoia", "Quarrata", "Zona Pistoiese"),
        t.byTerritorio().stream().map(BudgetTotals.PartTotal::key).toList());
    Map<String, Long> expected = Map.of(
        "Zona Pistoiese", 16_530_000L + 3_672_600L + 450_000L + 399_663L, // 21.052.263
        "Pistoia", 9_600_000L + 1_500_000L + 3_800_000L + 600_000L, // 15.500.000
        "Quarrata", 4_741_654L,
        "Agliana", 2_100_000L,
        "Montagna Pistoiese", 500_000L);
    assertEquals(21_052_263L, expected.get("Zona Pistoiese"));
    long sum = 0;
    for (BudgetTotals.PartTotal<String> p : t.byTerritorio()) {
      assertEquals(expected.get(p.key()), p.total(), p.key());
      sum += p.total();
    }
    assertEquals(t.total(), sum, "the territori add up to the whole");
    assertEquals(3_672_600L, t.territorio("Zona Pistoiese").inKind());
    assertEquals(4_400_000L, t.territorio("Pistoia").thirdSectorTotal(), "38.000,00 + 6.000,00 of ETS in Pistoia");
  }

  @Test
  void linesWithoutYearOrTerritorioAreCountedApartAndLast() throws Exception {
    DocumentState d = demo();
    d.set("budget", "bud-11", "annualita", null, "u", 2);
    d.set("budget", "bud-11", "territorio", null, "u", 2);
    d.set("budget", "bud-10", "annualita", 2027L, "u", 2);
    BudgetTotals t = BudgetTotals.of(d, DemoBudgetTotalsTest::side);
    assertEquals(java.util.Arrays.asList(1L, 2L, 2027L, null),
        t.byYear().stream().map(BudgetTotals.PartTotal::key).toList(), "project years, calendar years, then none");
    assertEquals(600_000L, t.year(null).total());
    assertEquals(500_000L, t.year(2027L).total());
    assertEquals(600_000L, t.territorio(null).total());
    assertEquals(14_900_000L, t.territorio("Pistoia").total());
  }
}
