package it.tavolo.sedute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reading a stored verbale back: download, check its SHA-256, extract its text. */
final class Verbale {
  private Verbale() {
  }

  /** Downloads a verbale file and checks it is the one whose SHA-256 the API announced. */
  static byte[] file(String who, String sedutaId, String format, String sha256) {
    HttpResponse<byte[]> r = Http.bytes(who, "/api/sedute/" + sedutaId + "/verbale/" + format);
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(sha256, sha256(r.body()), format + " bytes match their stored SHA-256");
    assertEquals(sha256, r.headers().firstValue("X-Content-SHA256").orElse(null));
    return r.body();
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PDF's text in the order it was written: a table cell's lines stay together. */
  static String pdfText(byte[] pdf) throws Exception {
    return pdfText(pdf, false);
  }

  /** {@code onPage}: in reading order, as on the page (for checking what comes first). */
  static String pdfText(byte[] pdf, boolean onPage) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(onPage);
      return stripper.getText(doc);
    }
  }

  static String odtContent(byte[] odt) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(odt), StandardCharsets.UTF_8)) {
      ZipEntry e;
      boolean first = true;
      while ((e = zip.getNextEntry()) != null) {
        if (first) {
          assertEquals("mimetype", e.getName(), "an ODT starts with its mimetype");
          first = false;
        }
        if (e.getName().equals("content.xml")) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no content.xml in the ODT");
  }

  /**
   * The text without any whitespace: a PDF wraps lines where the page ends, and text
   * extraction may split a word where a glyph was positioned on its own.
   */
  static String flat(String s) {
    // the PDF joins "€ 78.496,63" and "15:00" with no-break spaces (PdfLayout.keepTogether)
    return s.replaceAll("[\\s\u00a0]+", "");
  }
}
