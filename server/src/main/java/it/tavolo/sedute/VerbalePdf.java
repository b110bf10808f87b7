package it.tavolo.sedute;

import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.ItalianTime;
import it.tavolo.core.sedute.VerbaleContent;
import it.tavolo.export.PdfA;
import it.tavolo.export.PdfLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The verbale as PDF/A-2b, written with the export layer's layout (the same font, page and
 * metadata as the draft's versions), so a seduta's minutes and the project they discuss are
 * filed alike.
 */
final class VerbalePdf implements VerbaleFormat {
  @Override
  public String name() {
    return "pdf";
  }

  @Override
  public String contentType() {
    return "application/pdf";
  }

  @Override
  public byte[] render(VerbaleContent content, List<Block> blocks) {
    String footer = "Verbale — " + content.title() + " — " + ItalianTime.dateTime(content.openedAt());
    return PdfA.render("Verbale — " + content.title(), content.closedAt(),
        (page, pages) -> footer + " — pagina " + page + " di " + pages, p -> write(p, blocks));
  }

  private static void write(PdfLayout p, List<Block> blocks) {
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        p.heading(h.text(), h.level() == 1 ? 18 : h.level() == 2 ? 14 : 11.5f);
      } else if (block instanceof Block.Paragraph para) {
        p.paragraph(para.text(), 10, 0, 4);
      } else if (block instanceof Block.Field f) {
        p.paragraph(f.label() + ": " + f.value(), 10, 0, 2);
      } else if (block instanceof Block.Bullets l) {
        for (String item : l.items()) {
          p.paragraph("•  " + item, 10, 8, 2);
        }
        p.space(4);
      } else if (block instanceof Block.Table t) {
        int total = t.widths().stream().mapToInt(Integer::intValue).sum();
        float[] widths = new float[t.widths().size()];
        for (int i = 0; i < widths.length; i++) {
          widths[i] = PdfLayout.WIDTH * t.widths().get(i) / total;
        }
        List<String[]> rows = new ArrayList<>();
        t.rows().forEach(r -> rows.add(r.toArray(new String[0])));
        p.table(widths, new boolean[widths.length], t.header().toArray(new String[0]), rows, 8.5f);
      }
    }
  }
}
