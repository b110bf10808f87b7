package it.tavolo.core.sedute;

import java.util.List;

/** The verbale as plain text (a preview, and what tests compare the PDF's text with). */
public final class VerbaleText {
  private VerbaleText() {
  }

  public static String of(List<Block> blocks) {
    StringBuilder b = new StringBuilder();
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        b.append(h.level() == 1 ? h.text().toUpperCase(java.util.Locale.ITALIAN) : h.text()).append("\n\n");
      } else if (block instanceof Block.Paragraph p) {
        b.append(p.text()).append("\n\n");
      } else if (block instanceof Block.Field f) {
        b.append(f.label()).append(": ").append(f.value()).append('\n');
      } else if (block instanceof Block.Bullets l) {
        l.items().forEach(i -> b.append("- ").append(i).append('\n'));
        b.append('\n');
      } else if (block instanceof Block.Table t) {
        b.append(String.join(" | ", t.header())).append('\n');
        t.rows().forEach(r -> b.append(String.join(" | ", r)).append('\n'));
        b.append('\n');
      }
    }
    return b.toString();
  }
}
