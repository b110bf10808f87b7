package it.tavolo.sedute;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.HeaderFooter;
import com.lowagie.text.ListItem;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.VerbaleContent;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The verbale as PDF (OpenPDF). The font is the Liberation Sans that OpenPDF ships,
 * embedded with Unicode (Identity-H) encoding, so every name and accent prints as typed
 * and the text can be extracted and searched.
 */
final class VerbalePdf implements VerbaleFormat {
  private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";
  private static final Color GREY = new Color(0x55, 0x5f, 0x6b);
  private static final Color LINE = new Color(0x99, 0x99, 0x99);
  private static final Color HEAD = new Color(0xe6, 0xec, 0xf2);

  private static volatile BaseFont base;

  @Override
  public String name() {
    return "pdf";
  }

  @Override
  public String contentType() {
    return "application/pdf";
  }

  private static BaseFont font() {
    if (base == null) {
      try {
        base = BaseFont.createFont(FONT, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      } catch (Exception e) {
        throw new IllegalStateException("cannot load the PDF font " + FONT, e);
      }
    }
    return base;
  }

  @Override
  public byte[] render(VerbaleContent content, List<Block> blocks) {
    BaseFont bf = font();
    Font body = new Font(bf, 10.5f, Font.NORMAL);
    Font bold = new Font(bf, 10.5f, Font.BOLD);
    Font small = new Font(bf, 9f, Font.NORMAL);
    Font smallBold = new Font(bf, 9f, Font.BOLD);
    Font footerFont = new Font(bf, 8f, Font.NORMAL, GREY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle("Verbale – " + content.title());
      doc.addSubject(content.tavoloTitle());
      doc.addCreator("Tavolo");
      HeaderFooter footer = new HeaderFooter(new Phrase("Verbale – " + content.title() + " – pagina ", footerFont), true);
      footer.setAlignment(Element.ALIGN_CENTER);
      footer.setBorder(Rectangle.NO_BORDER);
      doc.setFooter(footer);
      doc.open();
      for (Block block : blocks) {
        if (block instanceof Block.Heading h) {
          float size = h.level() == 1 ? 18 : h.level() == 2 ? 13.5f : 11.5f;
          Paragraph p = new Paragraph(h.text(), new Font(bf, size, Font.BOLD));
          p.setSpacingBefore(h.level() == 1 ? 0 : h.level() == 2 ? 12 : 8);
          p.setSpacingAfter(h.level() == 1 ? 4 : 4);
          p.setKeepTogether(true);
          doc.add(p);
        } else if (block instanceof Block.Paragraph para) {
          Paragraph p = new Paragraph(para.text(), body);
          p.setSpacingAfter(4);
          doc.add(p);
        } else if (block instanceof Block.Field f) {
          Paragraph p = new Paragraph();
          p.add(new Chunk(f.label() + ": ", bold));
          p.add(new Chunk(f.value(), body));
          p.setSpacingAfter(2);
          doc.add(p);
        } else if (block instanceof Block.Bullets l) {
          com.lowagie.text.List list = new com.lowagie.text.List(false, 12);
          list.setListSymbol(new Chunk("•", body));
          for (String item : l.items()) {
            list.add(new ListItem(item, body));
          }
          doc.add(list);
          doc.add(new Paragraph(" ", small));
        } else if (block instanceof Block.Table t) {
          PdfPTable table = new PdfPTable(t.header().size());
          table.setWidthPercentage(100);
          table.setWidths(t.widths().stream().mapToInt(Integer::intValue).toArray());
          table.setHeaderRows(1);
          table.setSpacingBefore(2);
          table.setSpacingAfter(6);
          for (String h : t.header()) {
            table.addCell(cell(h, smallBold, HEAD));
          }
          for (List<String> row : t.rows()) {
            for (String c : row) {
              table.addCell(cell(c, small, null));
            }
          }
          doc.add(table);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot render the verbale as PDF", e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  private static PdfPCell cell(String text, Font font, Color background) {
    PdfPCell c = new PdfPCell(new Phrase(text, font));
    c.setPadding(4);
    c.setBorderColor(LINE);
    c.setBorderWidth(0.5f);
    if (background != null) {
      c.setBackgroundColor(background);
    }
    return c;
  }
}
