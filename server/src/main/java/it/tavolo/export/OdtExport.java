package it.tavolo.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A version as an OpenDocument text (ODT, ODF 1.3; the open format Italian PAs are asked to
 * prefer), written with the JDK alone: a ZIP with {@code mimetype} first and uncompressed,
 * the manifest, styles, metadata and the content (headings, paragraphs, tables). All text goes
 * through an XML writer, so user text is always escaped.
 */
public final class OdtExport {
  static final String MIMETYPE = "application/vnd.oasis.opendocument.text";
  private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  private static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
  private static final String FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
  private static final String META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

  private OdtExport() {}

  public static byte[] render(ExportModel m) {
    return document(PdfExport.title(m), m.generatedAt(), x -> body(x, m));
  }

  /** What goes in the text of a document: headings, paragraphs, tables. */
  interface Body {
    void write(Writer x) throws XMLStreamException;
  }

  /**
   * An ODT with {@code title} and {@code created} in its metadata and as the time of its ZIP
   * entries: the same arguments give the same bytes (the confirmations table relies on it).
   */
  static byte[] document(String title, java.time.Instant created, Body body) {
    java.time.LocalDateTime time = java.time.LocalDateTime.ofInstant(created, Italian.ROME);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        byte[] mt = MIMETYPE.getBytes(StandardCharsets.US_ASCII);
        ZipEntry e = new ZipEntry("mimetype");
        e.setMethod(ZipEntry.STORED);
        e.setSize(mt.length);
        CRC32 crc = new CRC32();
        crc.update(mt);
        e.setCrc(crc.getValue());
        e.setTimeLocal(time);
        zip.putNextEntry(e);
        zip.write(mt);
        zip.closeEntry();
        put(zip, "META-INF/manifest.xml", manifest(), time);
        put(zip, "styles.xml", styles(), time);
        put(zip, "meta.xml", meta(title, created), time);
        put(zip, "content.xml", content(body), time);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ZipOutputStream zip, String name, String xml, java.time.LocalDateTime time) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(time);
    zip.putNextEntry(e);
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Writes one XML part. */
  private interface Part {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static String xml(Part part) throws XMLStreamException {
    StringWriter out = new StringWriter();
    XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
    w.writeStartDocument("UTF-8", "1.0");
    part.write(w);
    w.writeEndDocument();
    w.close();
    return out.toString();
  }

  private static String manifest() throws XMLStreamException {
    return xml(w -> {
      w.writeStartElement("manifest", "manifest", MANIFEST);
      w.writeNamespace("manifest", MANIFEST);
      w.writeAttribute("manifest", MANIFEST, "version", "1.3");
      file(w, "/", MIMETYPE);
      file(w, "content.xml", "text/xml");
      file(w, "styles.xml", "text/xml");
      file(w, "meta.xml", "text/xml");
      w.writeEndElement();
    });
  }

  private static void file(XMLStreamWriter w, String path, String type) throws XMLStreamException {
    w.writeEmptyElement("manifest", "file-entry", MANIFEST);
    w.writeAttribute("manifest", MANIFEST, "full-path", path);
    if (path.equals("/")) w.writeAttribute("manifest", MANIFEST, "version", "1.3");
    w.writeAttribute("manifest", MANIFEST, "media-type", type);
  }

  private static String meta(String title, java.time.Instant created) throws XMLStreamException {
    return xml(w -> {
      w.writeStartElement("office", "document-meta", OFFICE);
      w.writeNamespace("office", OFFICE);
      w.writeNamespace("meta", META);
      w.writeNamespace("dc", DC);
      w.writeAttribute("office", OFFICE, "version", "1.3");
      w.writeStartElement("office", "meta", OFFICE);
      element(w, "dc", DC, "title", title);
      element(w, "meta", META, "generator", "Tavolo");
      element(w, "dc", DC, "language", "it-IT");
      element(w, "meta", META, "creation-date", created.toString().replace("Z", ""));
      w.writeEndElement();
      w.writeEndElement();
    });
  }

  private static void element(XMLStreamWriter w, String prefix, String ns, String name, String text) throws XMLStreamException {
    w.writeStartElement(prefix, name, ns);
    w.writeCharacters(clean(text));
    w.writeEndElement();
  }

  private static String styles() throws XMLStreamException {
    return xml(w -> {
      w.writeStartElement("office", "document-styles", OFFICE);
      ns(w);
      w.writeStartElement("office", "styles", OFFICE);
      w.writeStartElement("style", "default-style", STYLE);
      w.writeAttribute("style", STYLE, "family", "paragraph");
      w.writeEmptyElement("style", "paragraph-properties", STYLE);
      w.writeAttribute("fo", FO, "margin-bottom", "0.12cm");
      w.writeEmptyElement("style", "text-properties", STYLE);
      w.writeAttribute("fo", FO, "font-family", "'Liberation Sans', Arial, sans-serif");
      w.writeAttribute("fo", FO, "font-size", "10pt");
      w.writeAttribute("fo", FO, "language", "it");
      w.writeAttribute("fo", FO, "country", "IT");
      w.writeEndElement();
      heading(w, 1, "18pt");
      heading(w, 2, "14pt");
      heading(w, 3, "12pt");
      w.writeEndElement();
      w.writeEndElement();
    });
  }

  private static void heading(XMLStreamWriter w, int level, String size) throws XMLStreamException {
    w.writeStartElement("style", "style", STYLE);
    w.writeAttribute("style", STYLE, "name", "Heading_20_" + level);
    w.writeAttribute("style", STYLE, "display-name", "Heading " + level);
    w.writeAttribute("style", STYLE, "family", "paragraph");
    w.writeAttribute("style", STYLE, "default-outline-level", Integer.toString(level));
    w.writeEmptyElement("style", "paragraph-properties", STYLE);
    w.writeAttribute("fo", FO, "margin-top", "0.4cm");
    w.writeAttribute("fo", FO, "margin-bottom", "0.2cm");
    w.writeAttribute("fo", FO, "keep-with-next", "always");
    w.writeEmptyElement("style", "text-properties", STYLE);
    w.writeAttribute("fo", FO, "font-size", size);
    w.writeAttribute("fo", FO, "font-weight", "bold");
    w.writeEndElement();
  }

  private static void ns(XMLStreamWriter w) throws XMLStreamException {
    w.writeNamespace("office", OFFICE);
    w.writeNamespace("text", TEXT);
    w.writeNamespace("table", TABLE);
    w.writeNamespace("style", STYLE);
    w.writeNamespace("fo", FO);
    w.writeAttribute("office", OFFICE, "version", "1.3");
  }

  private static String content(Body body) throws XMLStreamException {
    return xml(w -> {
      w.writeStartElement("office", "document-content", OFFICE);
      ns(w);
      w.writeStartElement("office", "automatic-styles", OFFICE);
      paraStyle(w, "Amount", "end", null);
      paraStyle(w, "Small", null, "8pt");
      cellStyle(w, "Head", "#e6ebf2");
      cellStyle(w, "Cell", null);
      w.writeEndElement();
      w.writeStartElement("office", "body", OFFICE);
      w.writeStartElement("office", "text", OFFICE);
      body.write(new Writer(w));
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
    });
  }

  private static void paraStyle(XMLStreamWriter w, String name, String align, String size) throws XMLStreamException {
    w.writeStartElement("style", "style", STYLE);
    w.writeAttribute("style", STYLE, "name", name);
    w.writeAttribute("style", STYLE, "family", "paragraph");
    if (align != null) {
      w.writeEmptyElement("style", "paragraph-properties", STYLE);
      w.writeAttribute("fo", FO, "text-align", align);
    }
    if (size != null) {
      w.writeEmptyElement("style", "text-properties", STYLE);
      w.writeAttribute("fo", FO, "font-size", size);
    }
    w.writeEndElement();
  }

  private static void cellStyle(XMLStreamWriter w, String name, String background) throws XMLStreamException {
    w.writeStartElement("style", "style", STYLE);
    w.writeAttribute("style", STYLE, "name", name);
    w.writeAttribute("style", STYLE, "family", "table-cell");
    w.writeEmptyElement("style", "table-cell-properties", STYLE);
    w.writeAttribute("fo", FO, "border", "0.5pt solid #999999");
    w.writeAttribute("fo", FO, "padding", "0.06cm");
    if (background != null) w.writeAttribute("fo", FO, "background-color", background);
    w.writeEndElement();
  }

  /** Headings, paragraphs and tables in ODF text elements. */
  static final class Writer {
    private final XMLStreamWriter w;
    private int tables;

    Writer(XMLStreamWriter w) {
      this.w = w;
    }

    void h(int level, String text) throws XMLStreamException {
      w.writeStartElement("text", "h", TEXT);
      w.writeAttribute("text", TEXT, "style-name", "Heading_20_" + level);
      w.writeAttribute("text", TEXT, "outline-level", Integer.toString(level));
      w.writeCharacters(clean(text));
      w.writeEndElement();
    }

    /** One paragraph per line of {@code text}. */
    void p(String text, String style) throws XMLStreamException {
      for (String line : (text == null ? "" : text).split("\n", -1)) {
        w.writeStartElement("text", "p", TEXT);
        if (style != null) w.writeAttribute("text", TEXT, "style-name", style);
        w.writeCharacters(clean(line));
        w.writeEndElement();
      }
    }

    void field(String label, String value) throws XMLStreamException {
      if (value == null || value.isBlank()) return;
      p(label, "Small");
      p(value, null);
    }

    void table(String[] header, List<String[]> rows, boolean[] right) throws XMLStreamException {
      w.writeStartElement("table", "table", TABLE);
      w.writeAttribute("table", TABLE, "name", "Tabella" + (++tables));
      w.writeEmptyElement("table", "table-column", TABLE);
      w.writeAttribute("table", TABLE, "number-columns-repeated", Integer.toString(header.length));
      w.writeStartElement("table", "table-header-rows", TABLE);
      row(header, right, "Head");
      w.writeEndElement();
      for (String[] r : rows) row(r, right, "Cell");
      w.writeEndElement();
    }

    private void row(String[] cells, boolean[] right, String style) throws XMLStreamException {
      w.writeStartElement("table", "table-row", TABLE);
      for (int i = 0; i < cells.length; i++) {
        w.writeStartElement("table", "table-cell", TABLE);
        w.writeAttribute("table", TABLE, "style-name", style);
        w.writeAttribute("office", OFFICE, "value-type", "string");
        p(cells[i], right[i] ? "Amount" : null);
        w.writeEndElement();
      }
      w.writeEndElement();
    }
  }

  private static void body(Writer x, ExportModel m) throws XMLStreamException {
    if (m.head()) x.p("BOZZA — NON È UNA VERSIONE REGISTRATA DEL DOCUMENTO", null);
    x.p(m.tavoloTitle(), "Small");
    x.h(1, m.documentTitle());
    x.field("Avviso", m.avviso());
    x.field("Ente proponente", m.enteProponente());
    x.field("Ambito", m.ambito());
    x.field("Versione", m.versionLine());
    if (m.sha256() != null) x.field("Impronta SHA-256 della forma canonica", m.sha256());

    x.h(2, "Sezioni");
    for (ExportModel.Section s : m.sections()) {
      x.h(3, s.title());
      x.p(s.body(), null);
    }
    x.h(2, "Obiettivi");
    for (ExportModel.Objective o : m.objectives()) {
      objective(x, o);
      for (ExportModel.Objective c : o.children()) objective(x, c);
    }
    x.h(2, "Attività");
    List<String[]> rows = new ArrayList<>();
    for (ExportModel.Activity a : m.activities()) {
      rows.add(new String[] {a.title(), a.objective(), a.lead(), a.start(), a.end(), a.description()});
    }
    x.table(new String[] {"Attività", "Obiettivo", "Capofila", "Inizio", "Fine", "Descrizione"}, rows, new boolean[6]);

    List<ExportTables.Table> schedule = ExportTables.cronoprogramma(m.cronoprogramma());
    if (!schedule.isEmpty()) {
      x.h(2, "Cronoprogramma");
      x.p("Per ogni attività, i mesi in cui si svolge (X), dalla data di inizio a quella di fine.", null);
      for (ExportTables.Table t : schedule) {
        x.p(t.caption(), null);
        x.table(t.header(), t.rows(), t.right());
      }
    }

    x.h(2, "Piano economico");
    rows = new ArrayList<>();
    for (ExportModel.BudgetLine l : m.budget()) {
      rows.add(new String[] {l.contributor(), Italian.nature(l.nature()), Italian.category(l.category()), l.annualita(),
          l.territorio(), l.description(), l.activity(), Italian.money(l.amount())});
    }
    x.table(new String[] {"Contributore", "Natura", "Categoria", "Annualità", "Territorio", "Descrizione", "Attività",
        "Importo"}, rows, new boolean[] {false, false, false, false, false, false, false, true});
    ExportModel.Totals t = m.totals();
    rows = new ArrayList<>();
    for (ExportModel.ContributorTotal c : t.byContributor()) {
      rows.add(new String[] {c.name(), Italian.side(c.side()), Italian.money(c.monetary()), Italian.money(c.inKind()),
          Italian.money(c.total())});
    }
    rows.add(new String[] {"Totale", "", Italian.money(t.monetary()), Italian.money(t.inKind()), Italian.money(t.total())});
    x.table(new String[] {"Totali per contributore", "Lato", "Monetarie", "Non monetarie", "Totale"}, rows,
        new boolean[] {false, false, true, true, true});
    for (ExportTables.Table part : List.of(ExportTables.byYear(t), ExportTables.byTerritorio(t))) {
      if (part.rows().isEmpty()) continue;
      x.p(part.caption(), null);
      x.table(part.header(), part.rows(), part.right());
    }
    ExportTables.Table groups = ExportTables.byGrouping(m.groupings());
    if (!groups.rows().isEmpty()) {
      x.p(groups.caption(), null);
      x.table(groups.header(), groups.rows(), groups.right());
    }
    x.p("Contributo pubblico (PA): " + Italian.money(t.publicTotal()) + " (" + t.publicShare() + " %)", null);
    x.p("Cofinanziamento ETS: " + Italian.money(t.thirdSectorTotal()) + " (" + t.coFinancingShare() + " %)", null);
    x.p("Risorse non monetarie: " + Italian.money(t.inKind()) + " (" + t.inKindShare() + " %)", null);

    x.h(2, "Allegato — Integrazioni accolte");
    if (m.integrations().isEmpty()) {
      x.p("Nessuna integrazione accolta fino a questa versione.", null);
    } else {
      rows = new ArrayList<>();
      for (ExportModel.IntegrationNote n : m.integrations()) {
        rows.add(new String[] {Integer.toString(n.number()), n.proposer(), n.organisation(), Italian.side(n.side()),
            n.decidedBy() + ", " + Italian.dateTime(n.decidedAt()), n.rationale(), n.touches()});
      }
      x.table(new String[] {"N.", "Proponente", "Organizzazione", "Lato", "Accolta da", "Motivazione", "Parti toccate"},
          rows, new boolean[] {true, false, false, false, false, false, false});
    }
    if (m.auditHead() != null) x.p("Registro delle decisioni: ultima impronta della catena " + m.auditHead(), "Small");
    if (m.confirmations() != null) ConfirmationsExport.odtBody(x, m.confirmations(), true);
  }

  private static void objective(Writer x, ExportModel.Objective o) throws XMLStreamException {
    x.p(("generale".equals(o.kind()) ? "Obiettivo generale: " : "Obiettivo specifico: ") + o.title(), null);
    if (!o.description().isBlank()) x.p(o.description(), null);
    x.field("Contenuto operativo", o.operational());
    x.field("Indicatori", o.indicators());
  }

  /** XML 1.0 cannot hold most control characters: they are dropped (tabs become spaces). */
  static String clean(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp == '\t') b.append(' ');
      else if (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF) b.appendCodePoint(cp);
    });
    return b.toString();
  }
}
