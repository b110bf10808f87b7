package it.tavolo.imports;

/**
 * One piece of an uploaded document, in reading order, as both readers (DOCX, ODT) give it:
 * a heading with its level (1 = top), a paragraph, a list item, or a table row (cells joined).
 */
record Block(Kind kind, int level, String text) {
  enum Kind { HEADING, PARAGRAPH, ITEM, ROW }

  static Block heading(int level, String text) {
    return new Block(Kind.HEADING, Math.max(1, level), text.strip());
  }

  static Block paragraph(String text) {
    return new Block(Kind.PARAGRAPH, 0, text.strip());
  }

  static Block item(String text) {
    return new Block(Kind.ITEM, 0, text.strip());
  }

  static Block row(String text) {
    return new Block(Kind.ROW, 0, text.strip());
  }
}
