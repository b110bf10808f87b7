package it.tavolo.core.sedute;

import java.util.List;

/**
 * The verbale as a sequence of simple blocks, so the PDF and ODT renderers say the
 * same thing and only differ in typography.
 */
public sealed interface Block {
  /** Level 1 is the document title, 2 a chapter, 3 a sub-heading. */
  record Heading(int level, String text) implements Block {
  }

  record Paragraph(String text) implements Block {
  }

  /** A label in bold followed by its value on one line ("Luogo: Via Vasco De Gama 25"). */
  record Field(String label, String value) implements Block {
  }

  record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  record Table(List<String> header, List<List<String>> rows, List<Integer> widths) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      widths = List.copyOf(widths);
    }
  }
}
