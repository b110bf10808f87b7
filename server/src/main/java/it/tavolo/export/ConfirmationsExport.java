package it.tavolo.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The confirmations table of a consolidated version (issue 15) as a PDF/A-2a and an ODT: the
 * version (number, name, SHA-256), then one row per contributing organisation with its figures
 * by nature, how it stands, who confirmed, when, and through which grouping. The version's own
 * files are stored at consolidation, before any confirmation, and never change; this is a
 * separate file, rendered on each download. Deterministic: its date is the latest confirmation
 * (or the consolidation), never the clock, so the same confirmations give the same bytes.
 * Stateless; blocking: run it on a worker thread.
 */
public final class ConfirmationsExport {
  private ConfirmationsExport() {}

  /** One contributing organisation. {@code by}, {@code at}: null when nothing confirms it. */
  public record Row(String organisation, long monetary, long inKind, String status, Integer confirmedVersion,
                    String by, Instant at, String via) {
    long total() {
      return monetary + inKind;
    }
  }

  /** The table: {@code date} is what the file says it was made at (see above). */
  public record Table(String tavoloTitle, String documentTitle, int version, String versionName, String sha256,
                      Instant date, List<Row> rows) {
    String title() {
      return documentTitle + " — conferme dei contributi, versione " + version + " (" + versionName + ")";
    }
  }

  /** Italian for the statuses of {@code GET .../confirmations}. */
  static String status(Row r) {
    return switch (r.status()) {
      case "confirmed" -> "confermato";
      case "carried" -> "confermato per una versione precedente (" + r.confirmedVersion() + "), invariato";
      case "stale" -> "da riconfermare: confermato per la versione " + r.confirmedVersion() + ", poi cambiato";
      default -> "non confermato";
    };
  }

  static String confirmation(Row r) {
    if (r.by() == null) return "—";
    return r.by() + ", " + Italian.dateTime(r.at()) + (r.via() == null ? "" : "; tramite " + r.via());
  }

  static final String[] HEADER = {"Organizzazione", "Monetarie", "Non monetarie", "Totale", "Stato", "Conferma"};
  static final boolean[] RIGHT = {false, true, true, true, false, false};

  static List<String[]> rows(Table t) {
    List<String[]> out = new ArrayList<>();
    long monetary = 0;
    long inKind = 0;
    for (Row r : t.rows()) {
      out.add(new String[] {r.organisation(), Italian.money(r.monetary()), Italian.money(r.inKind()),
          Italian.money(r.total()), status(r), confirmation(r)});
      monetary += r.monetary();
      inKind += r.inKind();
    }
    out.add(new String[] {"Totale", Italian.money(monetary), Italian.money(inKind), Italian.money(monetary + inKind), "", ""});
    return out;
  }

  static final String NOTE = "Ogni organizzazione che contribuisce al piano economico conferma il proprio contributo alla "
      + "versione consolidata; la capofila di un raggruppamento può confermare per un membro che l'ha delegata. "
      + "Una conferma di una versione precedente vale finché le voci dell'organizzazione restano invariate.";

  public static byte[] pdf(Table t) {
    return PdfA.render(t.title(), t.date(), (page, pages) -> t.documentTitle() + " — conferme, versione " + t.version()
        + " — pagina " + page + " di " + pages, p -> pdfBody(p, t, false), t.title() + "\n" + t.sha256() + "\n" + t.date());
  }

  /**
   * The table, as a section of a longer PDF too: {@code inDraft}, at the end of the head's
   * draft export, it names the latest consolidated version by number and hash only (the draft
   * itself is no version, and its heading says so).
   */
  static void pdfBody(PdfLayout p, Table t, boolean inDraft) {
    if (!inDraft) p.paragraph(t.tavoloTitle(), 10, 0, 2);
    p.heading(heading(t, inDraft), inDraft ? 14 : 16);
    p.field("Versione", versionField(t, inDraft), 9.5f);
    p.field("Impronta SHA-256 della forma canonica", t.sha256(), 8.5f);
    p.paragraph(NOTE, 9, 0, 4);
    p.table(new float[] {100, 62, 62, 62, 85, 112}, RIGHT, HEADER, rows(t), 8);
    p.paragraph("Situazione al " + Italian.dateTime(t.date()) + ".", 9, 0, 0);
  }

  private static String heading(Table t, boolean inDraft) {
    return inDraft ? "Conferme dei contributi all'ultima versione consolidata" : "Conferme dei contributi — " + t.documentTitle();
  }

  private static String versionField(Table t, boolean inDraft) {
    return inDraft ? "n. " + t.version() : t.version() + " «" + t.versionName() + "»";
  }

  public static byte[] odt(Table t) {
    return OdtExport.document(t.title(), t.date(), x -> {
      x.p(t.tavoloTitle(), "Small");
      odtBody(x, t, false);
    });
  }

  /** The table in an ODT; a section of the draft's export too. */
  static void odtBody(OdtExport.Writer x, Table t, boolean inDraft) throws javax.xml.stream.XMLStreamException {
    x.h(inDraft ? 2 : 1, heading(t, inDraft));
    x.field("Versione", versionField(t, inDraft));
    x.field("Impronta SHA-256 della forma canonica", t.sha256());
    x.p(NOTE, null);
    x.table(HEADER, rows(t), RIGHT);
    x.p("Situazione al " + Italian.dateTime(t.date()) + ".", null);
  }
}
