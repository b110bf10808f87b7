package it.tavolo.sedute;

import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.VerbaleContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** The verbale as a Word document (Apache POI), for offices that file DOCX. */
final class VerbaleDocx implements VerbaleFormat {
  private static final String FONT = "Liberation Sans";

  @Override
  public String name() {
    return "docx";
  }

  @Override
  public String contentType() {
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }

  @Override
  public byte[] render(VerbaleContent content, List<Block> blocks) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      doc.getProperties().getCoreProperties().setTitle("Verbale – " + content.title());
      doc.getProperties().getCoreProperties().setCreator("Tavolo");
      for (Block block : blocks) {
        if (block instanceof Block.Heading h) {
          XWPFParagraph p = doc.createParagraph();
          p.setSpacingBefore(h.level() == 1 ? 0 : 240);
          p.setSpacingAfter(80);
          p.setKeepNext(true);
          run(p, h.text(), h.level() == 1 ? 18 : h.level() == 2 ? 14 : 12, true);
        } else if (block instanceof Block.Paragraph para) {
          XWPFParagraph p = doc.createParagraph();
          p.setSpacingAfter(80);
          lines(p, para.text(), 11, false);
        } else if (block instanceof Block.Field f) {
          XWPFParagraph p = doc.createParagraph();
          p.setSpacingAfter(40);
          run(p, f.label() + ": ", 11, true);
          lines(p, f.value(), 11, false);
        } else if (block instanceof Block.Bullets l) {
          for (String item : l.items()) {
            XWPFParagraph p = doc.createParagraph();
            p.setIndentationLeft(360);
            p.setIndentationHanging(240);
            p.setSpacingAfter(40);
            lines(p, "•\t" + item, 11, false);
          }
        } else if (block instanceof Block.Table t) {
          table(doc, t);
          doc.createParagraph().setSpacingAfter(0);
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void table(XWPFDocument doc, Block.Table t) {
    XWPFTable table = doc.createTable(t.rows().size() + 1, t.header().size());
    table.setWidth("100%");
    int total = t.widths().stream().mapToInt(Integer::intValue).sum();
    fill(table.getRow(0), t.header(), true, t.widths(), total);
    table.getRow(0).setRepeatHeader(true);
    for (int r = 0; r < t.rows().size(); r++) {
      fill(table.getRow(r + 1), t.rows().get(r), false, t.widths(), total);
    }
  }

  private static void fill(XWPFTableRow row, List<String> cells, boolean header, List<Integer> widths, int total) {
    for (int c = 0; c < cells.size(); c++) {
      XWPFTableCell cell = row.getCell(c);
      cell.setWidth(widths.get(c) * 100 / total + "%");
      if (header) {
        cell.setColor("E6ECF2");
      }
      XWPFParagraph p = cell.getParagraphs().get(0);
      lines(p, cells.get(c), 9, header);
    }
  }

  private static XWPFRun run(XWPFParagraph p, String text, int size, boolean bold) {
    XWPFRun r = p.createRun();
    r.setFontFamily(FONT);
    r.setFontSize(size);
    r.setBold(bold);
    r.setText(text);
    r.setLang("it-IT");
    return r;
  }

  /** A text with line breaks as Word line breaks. */
  private static void lines(XWPFParagraph p, String text, int size, boolean bold) {
    String[] parts = text.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      XWPFRun r = run(p, parts[i], size, bold);
      if (i < parts.length - 1) {
        r.addBreak();
      }
    }
  }
}
