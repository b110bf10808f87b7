package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import it.tavolo.core.budget.BudgetTotals;
import it.tavolo.core.budget.Side;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.record.StateDiff;
import it.tavolo.core.sedute.VerbaleContent;
import it.tavolo.export.Italian;
import it.tavolo.record.History;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the record of a seduta changed, for its verbale: each accepted integration as the
 * difference between the document just before and just after it was applied (its seq), each
 * consolidated version against the document's previous version, and the budget totals of
 * each document discussed when the seduta opened and when it closed (the op log's seq at
 * those times). Everything is read from the append-only history, so the words are the same
 * whenever they are computed. Diffs and totals run on worker threads. Stateless.
 */
final class VerbaleChanges {
  /** Integrations and versions described in detail; past this, they are only listed. */
  static final int MAX_DETAILED = 100;

  private final Vertx vertx;
  private final VerbaleStore store;
  private final History history;

  VerbaleChanges(Vertx vertx, VerbaleStore store, History history) {
    this.vertx = vertx;
    this.store = store;
    this.history = history;
  }

  record Result(Map<String, List<String>> byRef, List<VerbaleContent.Budget> budgets) {
  }

  Future<Result> of(UUID tavoloId, List<RecordLink> links, List<SedutaStore.DocumentRef> documents, Instant openedAt,
                    Instant closedAt) {
    return store.organisations(tavoloId).compose(rows -> {
      Map<String, String> names = new HashMap<>();
      Map<String, Side> sides = new HashMap<>();
      for (Row r : rows) {
        names.put(r.getString("id"), r.getString("name"));
        sides.put(r.getString("id"), "PA".equals(r.getString("side")) ? Side.PA : Side.ETS);
      }
      Map<String, List<String>> byRef = new HashMap<>();
      Future<Void> chain = Future.succeededFuture();
      int detailed = 0;
      for (RecordLink l : links) {
        if (l.docId() == null || l.seq() == null || detailed++ >= MAX_DETAILED) {
          continue;
        }
        chain = chain.compose(x -> words(l, names).map(w -> {
          byRef.put(l.kind() + ":" + l.refId(), w);
          return null;
        }));
      }
      return chain.compose(x -> budgets(documents, openedAt, closedAt, sides)).map(b -> new Result(byRef, b));
    });
  }

  private Future<List<String>> words(RecordLink l, Map<String, String> names) {
    Future<Long> from = RecordLink.INTEGRATION.equals(l.kind()) ? Future.succeededFuture(Math.max(0, l.seq() - 1))
        : store.consolidatedBefore(l.docId(), l.seq());
    return from.compose(f -> history.span(l.docId(), f, l.seq()))
        .compose(span -> vertx.executeBlocking(() -> ChangeWords.of(StateDiff.between(span.from(), span.to()), span.from(), span.to(), names), false));
  }

  private Future<List<VerbaleContent.Budget>> budgets(List<SedutaStore.DocumentRef> docs, Instant openedAt, Instant closedAt,
                                                     Map<String, Side> sides) {
    List<VerbaleContent.Budget> out = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (SedutaStore.DocumentRef d : docs) {
      chain = chain.compose(x -> store.seqAt(d.id(), openedAt).compose(a -> store.seqAt(d.id(), closedAt).compose(b ->
          history.stateAt(d.id(), a).compose(before -> history.stateAt(d.id(), b).compose(after ->
              vertx.executeBlocking(() -> budget(d.title(), before, after, sides), false))))).map(budget -> {
        if (budget != null) {
          out.add(budget);
        }
        return null;
      }));
    }
    return chain.map(x -> out);
  }

  /** The budget rows of one document, or null when it had no budget lines either time. */
  private static VerbaleContent.Budget budget(String title, DocumentState before, DocumentState after, Map<String, Side> sides) {
    if (before.ids(Schema.BUDGET).isEmpty() && after.ids(Schema.BUDGET).isEmpty()) {
      return null;
    }
    BudgetTotals a = BudgetTotals.of(before, sides::get);
    BudgetTotals b = BudgetTotals.of(after, sides::get);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Totale del piano", Italian.money(a.total()), Italian.money(b.total())));
    rows.add(List.of("Quota pubblica (PA)", Italian.money(a.publicTotal()) + " (" + a.publicShare().percentIt() + " %)",
        Italian.money(b.publicTotal()) + " (" + b.publicShare().percentIt() + " %)"));
    rows.add(List.of("Cofinanziamento ETS", Italian.money(a.thirdSectorTotal()) + " (" + a.coFinancingShare().percentIt() + " %)",
        Italian.money(b.thirdSectorTotal()) + " (" + b.coFinancingShare().percentIt() + " %)"));
    rows.add(List.of("Risorse non monetarie", Italian.money(a.inKind()), Italian.money(b.inKind())));
    rows.add(List.of("Voci di bilancio", Integer.toString(before.ids(Schema.BUDGET).size()),
        Integer.toString(after.ids(Schema.BUDGET).size())));
    return new VerbaleContent.Budget(title, rows);
  }
}
