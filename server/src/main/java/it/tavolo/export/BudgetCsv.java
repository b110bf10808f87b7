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
    row(b, "Contributore", "Lato", "Natura", "Categoria", "Descrizione", "Attività", "Importo (€)");
    for (ExportModel.BudgetLine l : m.budget()) {
      row(b, l.contributor(), Italian.side(l.side()), Italian.nature(l.nature()), Italian.category(l.category()),
          l.description(), l.activity(), Italian.amount(l.amount(), false));
    }
    ExportModel.Totals t = m.totals();
    b.append("\r\n");
    row(b, "", "", "", "", "Totale risorse monetarie", "", Italian.amount(t.monetary(), false));
    row(b, "", "", "", "", "Totale risorse non monetarie", "", Italian.amount(t.inKind(), false));
    row(b, "", "", "", "", "Totale complessivo", "", Italian.amount(t.total(), false));
    row(b, "", "", "", "", "Cofinanziamento ETS", "", Italian.amount(t.thirdSectorTotal(), false));
    row(b, "", "", "", "", "Quota di cofinanziamento ETS (%)", "", t.coFinancingShare());
    return b.toString().getBytes(StandardCharsets.UTF_8);
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
