package it.tavolo.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A minimal flowing layout on A4 pages: headings, wrapped paragraphs and tables that break
 * across pages (repeating their header). One embedded font (PDF/A needs every font
 * embedded); characters it has no glyph for are shown as "?". Every piece of text is tagged
 * (headings H1-H3, paragraphs P, tables Table/TR/TH/TD, through {@link Tagger}); rules,
 * shading and repeated table headers are artifacts. Other layers (the sedute's verbale) write
 * through it with {@link PdfA#render}. Not thread-safe: one per document being written.
 */
public final class PdfLayout {
  static final float MARGIN = 56;
  public static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
  private static final float BOTTOM = MARGIN + 20;

  private final PDDocument doc;
  private final PDType0Font font;
  private final Map<Integer, Boolean> glyphs = new HashMap<>();
  private final Tagger tagger;
  private PDPage page;
  private PDPageContentStream cs;
  private float y;

  PdfLayout(PDDocument doc, PDType0Font font) {
    this.doc = doc;
    this.font = font;
    this.tagger = new Tagger(doc, "it-IT");
    newPage();
  }

  public void newPage() {
    try {
      if (cs != null) cs.close();
      page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      cs = new PDPageContentStream(doc, page);
      y = TOP;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void close() {
    try {
      cs.close();
      tagger.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void space(float pt) {
    y -= pt;
  }

  /** Starts a new page unless {@code height} points still fit on this one. */
  public void ensure(float height) {
    if (y - height < BOTTOM) newPage();
  }

  public void heading(String text, float size) {
    ensure(size * 3);
    space(size * 0.6f);
    write(text, size, 0, size >= 16 ? "H1" : size >= 13 ? "H2" : "H3");
    if (size >= 13) {
      line(MARGIN, y - 3, MARGIN + WIDTH, y - 3, 0.6f);
      space(3);
    }
    space(size * 0.3f);
  }

  /** Wrapped text; each line of {@code text} is a paragraph. */
  public void paragraph(String text, float size, float indent, float after) {
    write(text, size, indent, "P");
    space(after);
  }

  /** Each line of {@code text} as one structure element of {@code type}. */
  private void write(String text, float size, float indent, String type) {
    for (String para : clean(text).split("\n", -1)) {
      PDStructureElement element = para.isBlank() ? null : tagger.element(type, tagger.document());
      for (String line : wrap(para, size, WIDTH - indent)) {
        ensure(size * 1.35f);
        y -= size * 1.35f;
        show(line, MARGIN + indent, y, size, element);
      }
    }
  }

  /** A label in small print followed by a value. */
  public void field(String label, String value, float size) {
    if (value == null || value.isBlank()) return;
    paragraph(label, size - 1.5f, 0, 0);
    paragraph(value, size, 8, size * 0.5f);
  }

  /**
   * A table: {@code widths} sum to at most {@link #WIDTH}; {@code right[i]} right-aligns a column
   * (amounts). Rows are wrapped; a row never splits across pages.
   */
  public void table(float[] widths, boolean[] right, String[] header, List<String[]> rows, float size) {
    float lineH = size * 1.3f;
    PDStructureElement table = tagger.element("Table", tagger.document());
    drawRow(widths, right, header, size, lineH, true, table);
    for (String[] row : rows) {
      float h = rowHeight(widths, row, size, lineH);
      if (y - h < BOTTOM) {
        newPage();
        drawRow(widths, right, header, size, lineH, true, null); // repeated on the new page: an artifact
      }
      drawRow(widths, right, row, size, lineH, false, table);
    }
    space(size);
  }

  private float rowHeight(float[] widths, String[] row, float size, float lineH) {
    int lines = 1;
    for (int i = 0; i < row.length; i++) lines = Math.max(lines, wrap(clean(row[i]), size, widths[i] - 6).size());
    return lines * lineH + 4;
  }

  /** {@code table} null: the row is a repeated header, marked as an artifact. */
  private void drawRow(float[] widths, boolean[] right, String[] row, float size, float lineH, boolean header,
                       PDStructureElement table) {
    float h = rowHeight(widths, row, size, lineH);
    ensure(h);
    float top = y;
    PDStructureElement tr = table == null ? null : tagger.element("TR", table);
    try {
      if (header) {
        cs.beginMarkedContent(COSName.ARTIFACT);
        cs.setNonStrokingColor(0.9f, 0.92f, 0.95f);
        float total = 0;
        for (float w : widths) total += w;
        cs.addRect(MARGIN, top - h, total, h);
        cs.fill();
        cs.setNonStrokingColor(0f, 0f, 0f);
        cs.endMarkedContent();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    float x = MARGIN;
    for (int i = 0; i < row.length; i++) {
      List<String> lines = wrap(clean(row[i]), size, widths[i] - 6);
      PDStructureElement cell = tr == null ? null : tagger.element(header ? "TH" : "TD", tr);
      if (cell != null && header) { // PDF/UA: a header cell says what it heads
        PDTableAttributeObject scope = new PDTableAttributeObject();
        scope.setScope(PDTableAttributeObject.SCOPE_COLUMN);
        cell.addAttribute(scope);
      }
      float ly = top - 2;
      for (String l : lines) {
        ly -= lineH;
        float lx = right[i] ? x + widths[i] - 3 - width(l, size) : x + 3;
        show(l, lx, ly + size * 0.3f, size, cell);
      }
      x += widths[i];
    }
    y = top - h;
    line(MARGIN, y, x, y, header ? 0.8f : 0.3f);
  }

  /** {@code element} null: an artifact (a repeated table header), not part of the reading order. */
  private void show(String text, float x, float atY, float size, PDStructureElement element) {
    if (text.isEmpty()) return;
    try {
      if (element == null) cs.beginMarkedContent(COSName.ARTIFACT);
      else cs.beginMarkedContent(COSName.getPDFName(element.getStructureType()), tagger.mark(page, element));
      cs.beginText();
      cs.setFont(font, size);
      cs.newLineAtOffset(x, atY);
      cs.showText(text);
      cs.endText();
      cs.endMarkedContent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void line(float x1, float y1, float x2, float y2, float w) {
    try {
      cs.beginMarkedContent(COSName.ARTIFACT);
      cs.setLineWidth(w);
      cs.moveTo(x1, y1);
      cs.lineTo(x2, y2);
      cs.stroke();
      cs.endMarkedContent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  float width(String s, float size) {
    try {
      return font.getStringWidth(s) / 1000 * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Greedy word wrap; a word longer than the line is cut, except a figure (an amount, a date, a
   * percentage), which is never cut: it takes a line of its own even if it overflows a little.
   */
  List<String> wrap(String text, float size, float max) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ", -1)) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (width(candidate, size) <= max) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (line.length() > 0) out.add(line.toString());
      line.setLength(0);
      String w = word;
      while (width(w, size) > max && w.length() > 1 && !FIGURE.matcher(w).matches()) {
        int cut = w.length() - 1;
        while (cut > 1 && width(w.substring(0, cut), size) > max) cut--;
        if (Character.isHighSurrogate(w.charAt(cut - 1))) cut--;
        out.add(w.substring(0, cut));
        w = w.substring(cut);
      }
      line.append(w);
    }
    out.add(line.toString());
    return out;
  }

  /** The text with tabs as spaces, no other control characters, and "?" for missing glyphs. */
  String clean(String text) {
    return clean(text, font, glyphs);
  }

  /** An amount, a date, a time or a percentage, its parts held by no-break spaces. */
  private static final Pattern FIGURE = Pattern.compile("[-+€(\u00a0]*\\d[\\d.,:/%€\u00a0)-]*[.,;:)]?");
  private static final Pattern CURRENCY = Pattern.compile("€ (?=[-\\d])");
  private static final Pattern PERCENT = Pattern.compile("(?<=\\d) %");
  private static final Pattern DATE_TIME = Pattern.compile("(?<=\\d{2}/\\d{2}/\\d{4}) (?=\\d{2}:\\d{2})");

  /** Joins with no-break spaces what must never be wrapped apart: "€ 1.234,56", "17,88 %", "05/12/2026 18:50". */
  static String keepTogether(String text) {
    String t = CURRENCY.matcher(text).replaceAll("€\u00a0");
    t = PERCENT.matcher(t).replaceAll("\u00a0%");
    return DATE_TIME.matcher(t).replaceAll("\u00a0");
  }

  static String clean(String text, PDType0Font font, Map<Integer, Boolean> glyphs) {
    if (text == null) return "";
    text = keepTogether(text);
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '\n') b.append('\n');
      else if (cp == '\t' || cp == '\r') b.append(' ');
      else if (Character.isISOControl(cp)) return;
      else if (glyphs.computeIfAbsent(cp, c -> hasGlyph(font, c))) b.appendCodePoint(cp);
      else b.append('?');
    });
    return b.toString();
  }

  private static boolean hasGlyph(PDType0Font font, int cp) {
    try {
      font.encode(new String(Character.toChars(cp)));
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }
}
