package it.tavolo.export;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.budget.BudgetTotals;
import it.tavolo.core.budget.Share;
import java.util.Map;

/**
 * The answer of {@code GET /api/documents/:docId/budget/totals}: the core's {@link BudgetTotals}
 * as JSON, every amount in integer euro cents, every share as basis points and as the Italian
 * percentage the exports print. Stateless.
 */
final class TotalsJson {
  private TotalsJson() {}

  /** @param orgs organisation id → {name, side} */
  static JsonObject of(long seq, BudgetTotals t, Map<String, String[]> orgs) {
    JsonObject out = new JsonObject()
        .put("seq", seq)
        .put("total", t.total())
        .put("monetary", t.monetary())
        .put("inKind", t.inKind())
        .put("publicTotal", t.publicTotal())
        .put("thirdSectorTotal", t.thirdSectorTotal())
        .put("unknownSideTotal", t.unknownSideTotal())
        .put("coFinancingShare", share(t.coFinancingShare()))
        .put("publicShare", share(t.publicShare()))
        .put("inKindShare", share(t.inKindShare()));
    JsonArray contributors = new JsonArray();
    t.byContributor().values().forEach(c -> {
      String[] o = orgs.get(c.organisation());
      contributors.add(new JsonObject().put("organisation", c.organisation()).put("name", o == null ? null : o[0])
          .put("side", c.side().name()).put("monetary", c.monetary()).put("inKind", c.inKind()).put("total", c.total()));
    });
    out.put("byContributor", contributors);
    JsonObject categories = new JsonObject();
    t.byCategory().forEach(categories::put);
    out.put("byCategory", categories);
    JsonArray years = new JsonArray();
    t.byYear().forEach(p -> years.add(part(p).put("annualita", p.key())));
    out.put("byYear", years);
    JsonArray territori = new JsonArray();
    t.byTerritorio().forEach(p -> territori.add(part(p).put("territorio", p.key())));
    out.put("byTerritorio", territori);
    return out;
  }

  private static JsonObject part(BudgetTotals.PartTotal<?> p) {
    return new JsonObject().put("monetary", p.monetary()).put("inKind", p.inKind()).put("total", p.total())
        .put("publicTotal", p.publicTotal()).put("thirdSectorTotal", p.thirdSectorTotal())
        .put("coFinancingShare", share(p.coFinancingShare()));
  }

  private static JsonObject share(Share s) {
    return new JsonObject().put("basisPoints", s.basisPoints()).put("percent", s.percentIt());
  }
}
