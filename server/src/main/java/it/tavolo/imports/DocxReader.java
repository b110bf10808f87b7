package it.tavolo.imports;

import it.tavolo.core.Refusal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A .docx as {@link Block}s with Apache POI: paragraphs styled as headings (Heading n, Titolo n,
 * or with an outline level) are headings, numbered or bulleted ones list items, tables rows.
 * Stateless; blocking: worker threads only, after {@link ZipGuard#check}.
 */
final class DocxReader {
  private DocxReader() {}

  static List<Block> read(byte[] file, ImportSettings limits) {
    // POI's own zip-bomb checks as well, at our limits (ZipGuard has already inflated the file once)
    ZipSecureFile.setMinInflateRatio(1.0 / limits.maxRatio());
    ZipSecureFile.setMaxEntrySize(limits.maxUnpackedBytes());
    List<Block> out = new ArrayList<>();
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(file))) {
      for (IBodyElement element : doc.getBodyElements()) {
        if (element instanceof XWPFParagraph p) {
          String text = p.getText();
          if (text == null || text.isBlank()) continue;
          int level = headingLevel(doc, p);
          if (level > 0) out.add(Block.heading(level, text));
          else if (p.getNumID() != null) out.add(Block.item(text));
          else out.add(Block.paragraph(text));
        } else if (element instanceof XWPFTable t) {
          for (XWPFTableRow row : t.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) cells.add(cell.getText().strip().replace('\n', ' '));
            if (cells.stream().anyMatch(c -> !c.isEmpty())) out.add(Block.row(String.join(" | ", cells)));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof Refusal r) throw r;
      throw Refusal.unprocessable("import_unreadable", "The Word file could not be read: it is damaged or not a .docx document.");
    }
    return out;
  }

  /** 1-9 for a heading, 0 for body text: by the style's id or name (English or Italian Word), or the outline level. */
  private static int headingLevel(XWPFDocument doc, XWPFParagraph p) {
    String style = p.getStyleID();
    if (style != null) {
      String name = style;
      if (doc.getStyles() != null && doc.getStyles().getStyle(style) != null) name = doc.getStyles().getStyle(style).getName();
      for (String s : new String[] {style, name}) {
        String n = s.toLowerCase(Locale.ROOT).replace(" ", "");
        if (n.equals("title") || n.equals("titolo")) return 1;
        for (String prefix : new String[] {"heading", "titolo"}) {
          if (n.startsWith(prefix) && n.length() == prefix.length() + 1 && Character.isDigit(n.charAt(prefix.length()))) {
            return n.charAt(prefix.length()) - '0';
          }
        }
      }
    }
    return 0;
  }
}
