package it.tavolo.export;

import it.tavolo.core.schedule.Cronoprogramma;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables the PDF and the ODT share beyond the budget lines (issue 15): totals per annualità
 * and per territorio, and the cronoprogramma, one table per calendar year (twelve months across,
 * activities down; a month the activity runs in holds "X", so the table reads without colour).
 * Stateless.
 */
final class ExportTables {
  private ExportTables() {}

  /** A header and its rows; {@code right}: which columns align right (amounts). */
  record Table(String caption, String[] header, List<String[]> rows, boolean[] right) {}

  static final boolean[] PART_RIGHT = {false, true, true, true, true, true};

  static Table byYear(ExportModel.Totals t) {
    return parts("Totali per annualità", "Annualità", t.byYear());
  }

  static Table byTerritorio(ExportModel.Totals t) {
    return parts("Totali per territorio", "Territorio", t.byTerritorio());
  }

  private static Table parts(String caption, String first, List<ExportModel.PartTotal> parts) {
    List<String[]> rows = new ArrayList<>();
    for (ExportModel.PartTotal p : parts) {
      rows.add(new String[] {p.label(), Italian.money(p.monetary()), Italian.money(p.inKind()), Italian.money(p.total()),
          Italian.money(p.thirdSectorTotal()), p.coFinancingShare() + " %"});
    }
    return new Table(caption, new String[] {first, "Monetarie", "Non monetarie", "Totale", "Cofinanz. ETS", "Quota ETS"},
        rows, PART_RIGHT);
  }

  /** Totals per grouping of partners (issue 15); no rows when the tavolo has none. */
  static Table byGrouping(List<ExportModel.GroupingTotal> groupings) {
    List<String[]> rows = new ArrayList<>();
    for (ExportModel.GroupingTotal g : groupings) {
      rows.add(new String[] {g.name(), g.capofila(), g.members(), Italian.money(g.monetary()), Italian.money(g.inKind()),
          Italian.money(g.total())});
    }
    return new Table("Totali per raggruppamento", new String[] {"Raggruppamento", "Capofila", "Membri", "Monetarie",
        "Non monetarie", "Totale"}, rows, new boolean[] {false, false, false, true, true, true});
  }

  /** One table per calendar year the schedule spans, empty when no activity has a start. */
  static List<Table> cronoprogramma(Cronoprogramma c) {
    List<Table> out = new ArrayList<>();
    List<String> months = c.months();
    int i = 0;
    while (i < months.size()) {
      String year = months.get(i).substring(0, 4);
      int from = i;
      while (i < months.size() && months.get(i).startsWith(year)) i++;
      String[] header = new String[1 + 12];
      header[0] = "Attività";
      String[] names = {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"};
      System.arraycopy(names, 0, header, 1, 12);
      List<String[]> rows = new ArrayList<>();
      for (Cronoprogramma.Row r : c.rows()) {
        String[] row = new String[13];
        row[0] = r.title().isBlank() ? "(senza titolo)" : r.title();
        java.util.Arrays.fill(row, 1, 13, "");
        for (int k = from; k < i; k++) {
          int month = Integer.parseInt(months.get(k).substring(5, 7));
          if (r.active().get(k)) row[month] = "X";
        }
        rows.add(row);
      }
      out.add(new Table("Cronoprogramma " + year, header, rows, new boolean[13]));
    }
    return out;
  }
}
