package it.tavolo.sedute;

import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.VerbaleContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The verbale as an OpenDocument text (ODT 1.3), the editable format Italian PAs are asked
 * to prefer (CAD, art. 68): a zip with an uncompressed {@code mimetype} first, the manifest
 * and {@code content.xml}, written with the JDK like the draft's ODT export.
 */
final class VerbaleOdt implements VerbaleFormat {
  private static final String MIME = "application/vnd.oasis.opendocument.text";

  @Override
  public String name() {
    return "odt";
  }

  @Override
  public String contentType() {
    return MIME;
  }

  @Override
  public byte[] render(VerbaleContent content, List<Block> blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      byte[] mime = MIME.getBytes(StandardCharsets.US_ASCII);
      ZipEntry m = new ZipEntry("mimetype");
      m.setMethod(ZipEntry.STORED);
      m.setSize(mime.length);
      CRC32 crc = new CRC32();
      crc.update(mime);
      m.setCrc(crc.getValue());
      m.setTime(content.closedAt().toEpochMilli());
      zip.putNextEntry(m);
      zip.write(mime);
      zip.closeEntry();
      put(zip, "META-INF/manifest.xml", manifest(), content);
      put(zip, "meta.xml", meta(content), content);
      put(zip, "styles.xml", styles(), content);
      put(zip, "content.xml", body(blocks), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, String xml, VerbaleContent c) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(c.closedAt().toEpochMilli());
    zip.putNextEntry(e);
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static String manifest() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
         <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
         <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
         <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """;
  }

  private static String meta(VerbaleContent c) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" office:version=\"1.3\">"
        + "<office:meta><dc:title>" + x("Verbale – " + c.title()).replace("<text:line-break/>", " ") + "</dc:title><dc:language>it-IT</dc:language>"
        + "<meta:generator>Tavolo</meta:generator><dc:date>" + c.closedAt() + "</dc:date></office:meta></office:document-meta>";
  }

  private static String styles() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
          xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
          office:version="1.3">
         <office:styles>
          <style:default-style style:family="paragraph">
           <style:text-properties style:font-name="Liberation Sans" fo:font-family="'Liberation Sans', Arial, sans-serif" fo:font-size="10.5pt" fo:language="it" fo:country="IT"/>
          </style:default-style>
          <style:style style:name="Heading_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1">
           <style:paragraph-properties fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/>
          </style:style>
          <style:style style:name="Heading_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2">
           <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
          </style:style>
          <style:style style:name="Heading_3" style:display-name="Heading 3" style:family="paragraph" style:default-outline-level="3">
           <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="11.5pt" fo:font-weight="bold"/>
          </style:style>
          <style:style style:name="Text_body" style:display-name="Text body" style:family="paragraph">
           <style:paragraph-properties fo:margin-bottom="0.15cm"/>
          </style:style>
          <style:style style:name="Table_heading" style:family="paragraph"><style:text-properties fo:font-weight="bold" fo:font-size="9.5pt"/></style:style>
          <style:style style:name="Table_contents" style:family="paragraph"><style:text-properties fo:font-size="9.5pt"/></style:style>
          <style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
         </office:styles>
        </office:document-styles>
        """;
  }

  private static String body(List<Block> blocks) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content ")
        .append("xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" ")
        .append("xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" ")
        .append("xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" ")
        .append("xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" ")
        .append("xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" office:version=\"1.3\">")
        .append("<office:automatic-styles><style:style style:name=\"cell\" style:family=\"table-cell\">")
        .append("<style:table-cell-properties fo:padding=\"0.08cm\" fo:border=\"0.5pt solid #999999\"/></style:style>")
        .append("</office:automatic-styles><office:body><office:text>");
    int tables = 0;
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        b.append("<text:h text:style-name=\"Heading_").append(h.level()).append("\" text:outline-level=\"").append(h.level())
            .append("\">").append(x(h.text())).append("</text:h>");
      } else if (block instanceof Block.Paragraph p) {
        b.append("<text:p text:style-name=\"Text_body\">").append(x(p.text())).append("</text:p>");
      } else if (block instanceof Block.Field f) {
        b.append("<text:p text:style-name=\"Text_body\"><text:span text:style-name=\"Strong\">").append(x(f.label()))
            .append(": </text:span>").append(x(f.value())).append("</text:p>");
      } else if (block instanceof Block.Bullets l) {
        b.append("<text:list>");
        l.items().forEach(i -> b.append("<text:list-item><text:p text:style-name=\"Text_body\">").append(x(i)).append("</text:p></text:list-item>"));
        b.append("</text:list>");
      } else if (block instanceof Block.Table t) {
        tables++;
        b.append("<table:table table:name=\"Tabella").append(tables).append("\">");
        b.append("<table:table-column table:number-columns-repeated=\"").append(t.header().size()).append("\"/>");
        b.append("<table:table-header-rows>").append(row(t.header(), "Table_heading")).append("</table:table-header-rows>");
        t.rows().forEach(r -> b.append(row(r, "Table_contents")));
        b.append("</table:table>");
      }
    }
    return b.append("</office:text></office:body></office:document-content>").toString();
  }

  private static String row(List<String> cells, String style) {
    StringBuilder b = new StringBuilder("<table:table-row>");
    for (String c : cells) {
      b.append("<table:table-cell table:style-name=\"cell\" office:value-type=\"string\"><text:p text:style-name=\"")
          .append(style).append("\">").append(x(c)).append("</text:p></table:table-cell>");
    }
    return b.append("</table:table-row>").toString();
  }

  /** XML text escaping; characters XML 1.0 cannot carry are dropped. */
  static String x(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\n' -> b.append("<text:line-break/>");
        default -> {
          if (cp == 0x9 || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000) {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.toString();
  }
}
