package it.tavolo.imports;

import it.tavolo.core.Refusal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An .odt's content.xml as {@link Block}s with the JDK's DOM parser, DOCTYPEs and external
 * entities disallowed (ZipGuard has already refused a DOCTYPE; this is the second lock):
 * {@code text:h} headings with their outline level, {@code text:p} paragraphs, list items,
 * table rows. Stateless; blocking: worker threads only.
 */
final class OdtReader {
  private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

  private OdtReader() {}

  static List<Block> read(byte[] contentXml) {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      root = b.parse(new ByteArrayInputStream(contentXml)).getDocumentElement();
    } catch (Exception e) {
      throw Refusal.unprocessable("import_unreadable", "The OpenDocument file could not be read: its content is not valid XML.");
    }
    List<Block> out = new ArrayList<>();
    for (Node body = root.getFirstChild(); body != null; body = body.getNextSibling()) {
      if (body instanceof Element e && OFFICE.equals(e.getNamespaceURI()) && "body".equals(e.getLocalName())) walk(e, out, false);
    }
    return out;
  }

  private static void walk(Element parent, List<Block> out, boolean inList) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) continue;
      String ns = e.getNamespaceURI();
      String name = e.getLocalName();
      if (TEXT.equals(ns) && "h".equals(name)) {
        String level = e.getAttributeNS(TEXT, "outline-level");
        int l = 1;
        try {
          l = level.isEmpty() ? 1 : Integer.parseInt(level);
        } catch (NumberFormatException ignored) {
          // a heading with a strange level is still a heading
        }
        add(out, Block.heading(l, text(e)));
      } else if (TEXT.equals(ns) && "p".equals(name)) {
        add(out, inList ? Block.item(text(e)) : Block.paragraph(text(e)));
      } else if (TEXT.equals(ns) && "list".equals(name)) {
        walk(e, out, true);
      } else if (TABLE.equals(ns) && "table-row".equals(name)) {
        List<String> cells = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
          if (c instanceof Element cell && TABLE.equals(cell.getNamespaceURI()) && "table-cell".equals(cell.getLocalName())) {
            cells.add(text(cell).strip().replace('\n', ' '));
          }
        }
        if (cells.stream().anyMatch(c -> !c.isEmpty())) out.add(Block.row(String.join(" | ", cells)));
      } else {
        walk(e, out, inList); // office:text, text:section, text:list-item, table:table, table rows' groups...
      }
    }
  }

  private static void add(List<Block> out, Block b) {
    if (!b.text().isEmpty()) out.add(b);
  }

  /** The text of a paragraph: spans, spaces ({@code text:s c}), tabs and line breaks; notes are left out. */
  private static String text(Element e) {
    StringBuilder b = new StringBuilder();
    append(e, b);
    return b.toString();
  }

  private static void append(Node n, StringBuilder b) {
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.TEXT_NODE) {
        b.append(c.getNodeValue());
      } else if (c instanceof Element e && TEXT.equals(e.getNamespaceURI())) {
        switch (e.getLocalName()) {
          case "s" -> {
            String count = e.getAttributeNS(TEXT, "c");
            b.append(" ".repeat(count.isEmpty() ? 1 : Math.min(100, Math.max(1, parse(count)))));
          }
          case "tab" -> b.append(' ');
          case "line-break" -> b.append('\n');
          case "note" -> { }
          default -> append(e, b);
        }
      } else if (c instanceof Element e) {
        append(e, b);
      }
    }
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
