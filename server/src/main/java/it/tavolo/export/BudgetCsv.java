package it.tavolo.export;

import java.nio.charset.StandardCharsets;

/**
 * The budget as CSV the Italian way, for Excel and LibreOffice: UTF-8 with a byte-order mark,
 * {@code ;} between fields, decimal comma ({@code 1234,56}), CRLF line ends, quotes around
 * fields that need them. Cells that a spreadsheet would run as a formula (starting with
 * {@code = + - @}, TAB or CR: OWASP's list) get a leading apostrophe; plain numbers such as
 * {@code -12,50} stay numbers.
 */
public final class BudgetCsv {
  private BudgetCsv() {}

  public static byte[] render(ExportModel m) {
    StringBuilder b = new StringBuilder("\uFEFF");
    row(b, "Contributore", "Lato", "Natura", "Categoria", "Descrizione", "Attività", "Importo (€)", "Annualità",
        "Territorio");
    for (ExportModel.BudgetLine l : m.budget()) {
      row(b, l.contributor(), Italian.side(l.side()), Italian.nature(l.nature()), Italian.category(l.category()),
          l.description(), l.activity(), Italian.amount(l.amount(), false), l.annualita(), l.territorio());
    }
    ExportModel.Totals t = m.totals();
    b.append("\r\n");
    row(b, "", "", "", "", "Totale risorse monetarie", "", Italian.amount(t.monetary(), false));
    row(b, "", "", "", "", "Totale risorse non monetarie", "", Italian.amount(t.inKind(), false));
    row(b, "", "", "", "", "Totale complessivo", "", Italian.amount(t.total(), false));
    row(b, "", "", "", "", "Cofinanziamento ETS", "", Italian.amount(t.thirdSectorTotal(), false));
    row(b, "", "", "", "", "Quota di cofinanziamento ETS (%)", "", t.coFinancingShare());
    // issue 15: per contributor and per annualità (and per territorio), each block with its own heading row
    b.append("\r\n");
    row(b, "Totali per contributore", "Lato", "Monetarie (€)", "Non monetarie (€)", "Totale (€)");
    for (ExportModel.ContributorTotal c : t.byContributor()) {
      row(b, c.name(), Italian.side(c.side()), Italian.amount(c.monetary(), false), Italian.amount(c.inKind(), false),
          Italian.amount(c.total(), false));
    }
    parts(b, "Totali per annualità", t.byYear());
    parts(b, "Totali per territorio", t.byTerritorio());
    if (!m.groupings().isEmpty()) {
      b.append("\r\n");
      row(b, "Totali per raggruppamento", "Capofila", "Membri", "Monetarie (€)", "Non monetarie (€)", "Totale (€)");
      for (ExportModel.GroupingTotal g : m.groupings()) {
        row(b, g.name(), g.capofila(), g.members(), Italian.amount(g.monetary(), false), Italian.amount(g.inKind(), false),
            Italian.amount(g.total(), false));
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void parts(StringBuilder b, String heading, java.util.List<ExportModel.PartTotal> parts) {
    if (parts.isEmpty()) return;
    b.append("\r\n");
    row(b, heading, "Monetarie (€)", "Non monetarie (€)", "Totale (€)", "Cofinanziamento ETS (€)",
        "Quota di cofinanziamento ETS (%)");
    for (ExportModel.PartTotal p : parts) {
      row(b, p.label(), Italian.amount(p.monetary(), false), Italian.amount(p.inKind(), false),
          Italian.amount(p.total(), false), Italian.amount(p.thirdSectorTotal(), false), p.coFinancingShare());
    }
  }

  private static void row(StringBuilder b, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) b.append(';');
      b.append(cell(cells[i]));
    }
    b.append("\r\n");
  }

  static String cell(String v) {
    if (v == null) return "";
    String s = v;
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.,]+")) s = "'" + s;
    if (s.indexOf(';') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
