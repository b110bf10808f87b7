package it.tavolo.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Documents made in the tests with the libraries a user's office suite would produce them with: POI for .docx, zip + XML for .odt. */
final class TestFiles {
  private TestFiles() {}

  /** A .docx: each line "#n text" is a heading of level n, "- text" a bulleted item, "| a | b" a table row, anything else a paragraph. */
  static byte[] docx(List<String> lines) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XWPFTable table = null;
      java.math.BigInteger bullets = null;
      for (String line : lines) {
        if (line.startsWith("| ")) {
          String[] cells = line.substring(2).split(" \\| ");
          if (table == null) {
            table = doc.createTable(1, cells.length);
            for (int i = 0; i < cells.length; i++) table.getRow(0).getCell(i).setText(cells[i]);
          } else {
            var row = table.createRow();
            for (int i = 0; i < cells.length; i++) row.getCell(i).setText(cells[i]);
          }
          continue;
        }
        table = null;
        XWPFParagraph p = doc.createParagraph();
        if (line.startsWith("#")) {
          p.setStyle("Heading" + line.charAt(1));
          p.createRun().setText(line.substring(3));
        } else if (line.startsWith("- ")) {
          if (bullets == null) {
            var numbering = doc.createNumbering();
            var abs = org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum.Factory.newInstance();
            abs.setAbstractNumId(java.math.BigInteger.ONE);
            var lvl = abs.addNewLvl();
            lvl.setIlvl(java.math.BigInteger.ZERO);
            lvl.addNewNumFmt().setVal(org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat.BULLET);
            lvl.addNewLvlText().setVal("•");
            bullets = numbering.addNum(numbering.addAbstractNum(new org.apache.poi.xwpf.usermodel.XWPFAbstractNum(abs)));
          }
          p.setNumID(bullets);
          p.createRun().setText(line.substring(2));
        } else {
          p.createRun().setText(line);
        }
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An .odt with the same line syntax as {@link #docx}, written as LibreOffice lays one out (mimetype first, stored). */
  static byte[] odt(List<String> lines) {
    StringBuilder body = new StringBuilder();
    boolean inTable = false;
    boolean inList = false;
    for (String line : lines) {
      if (inTable && !line.startsWith("| ")) {
        body.append("</table:table>");
        inTable = false;
      }
      if (inList && !line.startsWith("- ")) {
        body.append("</text:list>");
        inList = false;
      }
      if (line.startsWith("#")) {
        body.append("<text:h text:outline-level=\"").append(line.charAt(1)).append("\">").append(xml(line.substring(3))).append("</text:h>");
      } else if (line.startsWith("- ")) {
        if (!inList) body.append("<text:list>");
        inList = true;
        body.append("<text:list-item><text:p>").append(xml(line.substring(2))).append("</text:p></text:list-item>");
      } else if (line.startsWith("| ")) {
        if (!inTable) body.append("<table:table table:name=\"T\">");
        inTable = true;
        body.append("<table:table-row>");
        for (String c : line.substring(2).split(" \\| ")) {
          body.append("<table:table-cell><text:p>").append(xml(c)).append("</text:p></table:table-cell>");
        }
        body.append("</table:table-row>");
      } else {
        body.append("<text:p>").append(xml(line).replace("  ", " <text:s/>")).append("</text:p>");
      }
    }
    if (inTable) body.append("</table:table>");
    if (inList) body.append("</text:list>");
    return odtWithContent("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
        + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.3\">"
        + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>");
  }

  static byte[] odtWithContent(String contentXml) {
    return zip(List.of(
        new Part("mimetype", "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII), true),
        new Part("content.xml", contentXml.getBytes(StandardCharsets.UTF_8), false),
        new Part("META-INF/manifest.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest "
            + "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">"
            + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
            + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
            + "</manifest:manifest>").getBytes(StandardCharsets.UTF_8), false)));
  }

  /** A .docx-looking zip whose document part unpacks to {@code megabytes} MB of zeros: ~1 KB per MB packed. */
  static byte[] zipBomb(int megabytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < megabytes; i++) zip.write(zeros);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  record Part(String name, byte[] bytes, boolean stored) {}

  static byte[] zip(List<Part> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Part p : parts) {
        ZipEntry e = new ZipEntry(p.name());
        if (p.stored()) {
          e.setMethod(ZipEntry.STORED);
          e.setSize(p.bytes().length);
          CRC32 crc = new CRC32();
          crc.update(p.bytes());
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(p.bytes());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
