package it.tavolo.export;

import it.tavolo.core.budget.BudgetTotals;
import it.tavolo.core.budget.Side;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns a document state into the ordered, named content of an {@link ExportModel}. */
final class ModelBuilder {
  private final DocumentState s;
  private final Map<String, String[]> orgs; // id → {name, side}

  ModelBuilder(DocumentState s, Map<String, String[]> orgs) {
    this.s = s;
    this.orgs = orgs;
  }

  /** Ids of a collection in document order: by order key (code units), ties by id. */
  List<String> ordered(String coll) {
    List<String> ids = new ArrayList<>(s.ids(coll));
    ids.sort(Comparator.comparing((String id) -> (String) s.value(coll, id, "order")).thenComparing(id -> id));
    return ids;
  }

  String str(String coll, String id, String field) {
    Object v = s.value(coll, id, field);
    return v == null ? "" : v.toString();
  }

  String orgName(String id) {
    if (id == null) return "";
    String[] o = orgs.get(id);
    return o == null ? "—" : o[0]; // never an id on the page
  }

  String orgSide(String id) {
    String[] o = id == null ? null : orgs.get(id);
    return o == null ? null : o[1];
  }

  List<ExportModel.Section> sections() {
    List<ExportModel.Section> out = new ArrayList<>();
    for (String id : ordered(Schema.SECTIONS)) out.add(new ExportModel.Section(str(Schema.SECTIONS, id, "title"),
        str(Schema.SECTIONS, id, "body")));
    return out;
  }

  List<ExportModel.Objective> objectives() {
    List<String> ids = ordered(Schema.OBJECTIVES);
    List<ExportModel.Objective> out = new ArrayList<>();
    for (String id : ids) {
      Object parent = s.value(Schema.OBJECTIVES, id, "parent");
      if (parent != null) continue; // shown under its parent
      List<ExportModel.Objective> children = new ArrayList<>();
      for (String c : ids) if (id.equals(s.value(Schema.OBJECTIVES, c, "parent"))) children.add(objective(c, List.of()));
      out.add(objective(id, children));
    }
    return out;
  }

  private ExportModel.Objective objective(String id, List<ExportModel.Objective> children) {
    String o = Schema.OBJECTIVES;
    return new ExportModel.Objective(str(o, id, "kind"), str(o, id, "title"), str(o, id, "description"),
        str(o, id, "operational"), str(o, id, "indicators"), children);
  }

  List<ExportModel.Activity> activities() {
    List<ExportModel.Activity> out = new ArrayList<>();
    String a = Schema.ACTIVITIES;
    for (String id : ordered(a)) {
      Object obj = s.value(a, id, "objective");
      String objTitle = obj == null ? "" : str(Schema.OBJECTIVES, (String) obj, "title");
      out.add(new ExportModel.Activity(str(a, id, "title"), objTitle, orgName((String) s.value(a, id, "lead")),
          Italian.date((String) s.value(a, id, "start")), Italian.date((String) s.value(a, id, "end")),
          str(a, id, "description")));
    }
    return out;
  }

  List<ExportModel.BudgetLine> budget() {
    List<ExportModel.BudgetLine> out = new ArrayList<>();
    String b = Schema.BUDGET;
    for (String id : ordered(b)) {
      String org = (String) s.value(b, id, "contributor");
      Object act = s.value(b, id, "activity");
      out.add(new ExportModel.BudgetLine(orgName(org), orgSide(org), str(b, id, "nature"), str(b, id, "category"),
          str(b, id, "description"), act == null ? "" : str(Schema.ACTIVITIES, (String) act, "title"),
          (Long) s.value(b, id, "amount"),
          s.value(b, id, "annualita") == null ? "" : Italian.annualita((Long) s.value(b, id, "annualita")),
          str(b, id, "territorio")));
    }
    return out;
  }

  /** The core's figures, each organisation on the side the organisations table gives it. */
  BudgetTotals budgetTotals() {
    return BudgetTotals.of(s, id -> {
      String side = orgSide(id);
      return side == null ? Side.UNKNOWN : Side.valueOf(side);
    });
  }

  ExportModel.Totals totals() {
    BudgetTotals t = budgetTotals();
    List<ExportModel.ContributorTotal> by = new ArrayList<>();
    t.byContributor().values().forEach(c -> by.add(new ExportModel.ContributorTotal(orgName(c.organisation()),
        Objects.toString(orgSide(c.organisation()), ""), c.monetary(), c.inKind(), c.total())));
    by.sort(Comparator.comparing(ExportModel.ContributorTotal::side).reversed()
        .thenComparing(ExportModel.ContributorTotal::name));
    List<ExportModel.PartTotal> years = new ArrayList<>();
    t.byYear().forEach(p -> years.add(part(Italian.annualita(p.key()), p)));
    List<ExportModel.PartTotal> territori = new ArrayList<>();
    t.byTerritorio().forEach(p -> territori.add(part(p.key() == null ? "Non indicato" : p.key(), p)));
    return new ExportModel.Totals(t.total(), t.monetary(), t.inKind(), t.publicTotal(), t.thirdSectorTotal(),
        t.coFinancingShare().percentIt(), t.publicShare().percentIt(), t.inKindShare().percentIt(), by, years,
        territori);
  }

  private static ExportModel.PartTotal part(String label, BudgetTotals.PartTotal<?> p) {
    return new ExportModel.PartTotal(label, p.monetary(), p.inKind(), p.total(), p.thirdSectorTotal(),
        p.coFinancingShare().percentIt());
  }

  it.tavolo.core.schedule.Cronoprogramma cronoprogramma() {
    return it.tavolo.core.schedule.Cronoprogramma.of(s);
  }
}
