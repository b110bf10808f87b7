package it.tavolo.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A version as the PDF a PA files: PDF/A-2a, tagged (embedded font, sRGB output intent, XMP
 * identification), with the heading data, sections, objectives, activities, the budget with
 * totals and co-financing share, and the annex of accepted integrations. Blocking: run it on
 * a worker thread.
 */
public final class PdfExport {
  private PdfExport() {}

  public static byte[] render(ExportModel m) {
    return PdfA.render(title(m), m.generatedAt(), (page, pages) -> m.documentTitle() + " — " + m.versionLabel()
        + " — pagina " + page + " di " + pages, p -> body(p, m));
  }

  static String title(ExportModel m) {
    return m.head() ? m.documentTitle() + " — bozza corrente (non registrata)"
        : m.documentTitle() + " — versione " + m.versionNumber() + " (" + m.versionName() + ")";
  }

  private static void body(PdfLayout p, ExportModel m) {
    if (m.head()) p.paragraph("BOZZA — NON È UNA VERSIONE REGISTRATA DEL DOCUMENTO", 12, 0, 4);
    p.paragraph(m.tavoloTitle(), 10, 0, 2);
    p.heading(m.documentTitle(), 18);
    p.field("Avviso", m.avviso(), 9.5f);
    p.field("Ente proponente", m.enteProponente(), 9.5f);
    p.field("Ambito", m.ambito(), 9.5f);
    p.field("Versione", m.versionLine(), 9.5f);
    if (m.sha256() != null) p.field("Impronta SHA-256 della forma canonica", m.sha256(), 8.5f);

    p.heading("Sezioni", 14);
    for (ExportModel.Section s : m.sections()) {
      p.heading(s.title(), 12);
      p.paragraph(s.body(), 10, 0, 4);
    }

    p.heading("Obiettivi", 14);
    for (ExportModel.Objective o : m.objectives()) {
      objective(p, o, 0);
      for (ExportModel.Objective c : o.children()) objective(p, c, 14);
    }

    p.heading("Attività", 14);
    List<String[]> rows = new ArrayList<>();
    for (ExportModel.Activity a : m.activities()) {
      rows.add(new String[] {a.title(), a.objective(), a.lead(), a.start(), a.end()});
    }
    p.table(new float[] {131, 124, 116, 56, 56}, new boolean[5],
        new String[] {"Attività", "Obiettivo", "Capofila", "Inizio", "Fine"}, rows, 8.5f);
    for (ExportModel.Activity a : m.activities()) {
      if (a.description().isBlank()) continue;
      p.paragraph(a.title(), 9.5f, 0, 0);
      p.paragraph(a.description(), 9.5f, 8, 4);
    }

    List<ExportTables.Table> schedule = ExportTables.cronoprogramma(m.cronoprogramma());
    if (!schedule.isEmpty()) {
      p.heading("Cronoprogramma", 14);
      p.paragraph("Per ogni attività, i mesi in cui si svolge (X), dalla data di inizio a quella di fine.", 9.5f, 0, 2);
      float[] widths = new float[13];
      widths[0] = 147;
      java.util.Arrays.fill(widths, 1, 13, 28);
      for (ExportTables.Table t : schedule) {
        p.paragraph(t.caption(), 10, 0, 0);
        p.table(widths, t.right(), t.header(), t.rows(), 8);
      }
    }

    p.heading("Piano economico", 14);
    rows = new ArrayList<>();
    for (ExportModel.BudgetLine l : m.budget()) {
      rows.add(new String[] {l.contributor(), Italian.nature(l.nature()), Italian.category(l.category()),
          l.annualita(), l.territorio(), l.description(), Italian.money(l.amount())});
    }
    p.table(new float[] {95, 50, 55, 48, 67, 100, 68}, new boolean[] {false, false, false, false, false, false, true},
        new String[] {"Contributore", "Natura", "Categoria", "Annualità", "Territorio", "Descrizione", "Importo"}, rows,
        8.5f);
    ExportModel.Totals t = m.totals();
    rows = new ArrayList<>();
    for (ExportModel.ContributorTotal c : t.byContributor()) {
      rows.add(new String[] {c.name(), Italian.side(c.side()), Italian.money(c.monetary()), Italian.money(c.inKind()),
          Italian.money(c.total())});
    }
    rows.add(new String[] {"Totale", "", Italian.money(t.monetary()), Italian.money(t.inKind()), Italian.money(t.total())});
    p.table(new float[] {170, 40, 91, 91, 91}, new boolean[] {false, false, true, true, true},
        new String[] {"Totali per contributore", "Lato", "Monetarie", "Non monetarie", "Totale"}, rows, 8.5f);
    for (ExportTables.Table part : List.of(ExportTables.byYear(t), ExportTables.byTerritorio(t))) {
      if (part.rows().isEmpty()) continue;
      p.paragraph(part.caption(), 10, 0, 0);
      p.table(new float[] {113, 75, 75, 80, 80, 60}, part.right(), part.header(), part.rows(), 8.5f);
    }
    ExportTables.Table groups = ExportTables.byGrouping(m.groupings());
    if (!groups.rows().isEmpty()) {
      p.paragraph(groups.caption(), 10, 0, 0);
      p.table(new float[] {90, 80, 107, 70, 70, 66}, groups.right(), groups.header(), groups.rows(), 8.5f);
    }
    p.paragraph("Contributo pubblico (PA): " + Italian.money(t.publicTotal()) + " (" + t.publicShare() + " %)", 10, 0, 0);
    p.paragraph("Cofinanziamento ETS: " + Italian.money(t.thirdSectorTotal()) + " (" + t.coFinancingShare() + " %)", 10, 0, 0);
    p.paragraph("Risorse non monetarie: " + Italian.money(t.inKind()) + " (" + t.inKindShare() + " %)", 10, 0, 6);

    p.newPage();
    p.heading("Allegato — Integrazioni accolte", 14);
    if (m.integrations().isEmpty()) {
      p.paragraph("Nessuna integrazione accolta fino a questa versione.", 10, 0, 4);
    } else {
      rows = new ArrayList<>();
      for (ExportModel.IntegrationNote n : m.integrations()) {
        rows.add(new String[] {Integer.toString(n.number()), n.proposer(), n.organisation() + " (" + Italian.side(n.side()) + ")",
            n.decidedBy() + ", " + Italian.dateTime(n.decidedAt()), n.rationale() + (n.touches().isEmpty() ? "" : " [" + n.touches() + "]")});
      }
      p.table(new float[] {30, 80, 110, 95, 168}, new boolean[] {true, false, false, false, false},
          new String[] {"N.", "Proponente", "Organizzazione", "Accolta da", "Motivazione e parti toccate"}, rows, 8);
    }
    if (m.auditHead() != null) {
      p.paragraph("Registro delle decisioni: ultima impronta della catena " + m.auditHead(), 7.5f, 0, 0);
    }
    if (m.confirmations() != null) {
      p.newPage();
      ConfirmationsExport.pdfBody(p, m.confirmations(), true);
    }
  }

  private static void objective(PdfLayout p, ExportModel.Objective o, float indent) {
    p.paragraph(("generale".equals(o.kind()) ? "Obiettivo generale: " : "Obiettivo specifico: ") + o.title(), 11, indent, 2);
    if (!o.description().isBlank()) p.paragraph(o.description(), 9.5f, indent + 8, 2);
    if (!o.operational().isBlank()) {
      p.paragraph("Contenuto operativo", 8.5f, indent + 8, 0);
      p.paragraph(o.operational(), 9.5f, indent + 8, 2);
    }
    if (!o.indicators().isBlank()) {
      p.paragraph("Indicatori", 8.5f, indent + 8, 0);
      p.paragraph(o.indicators(), 9.5f, indent + 8, 4);
    }
  }
}
