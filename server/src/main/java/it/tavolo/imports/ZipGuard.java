package it.tavolo.imports;

import it.tavolo.core.Refusal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded .docx or .odt (both are zip files) under the import's limits, before any
 * parser sees it: entries, total unpacked bytes and unpacked/packed ratio are counted while
 * inflating (never trusting the sizes the zip declares), and an XML part with a DOCTYPE is
 * refused (neither format uses one; a DOCTYPE is how XXE and entity bombs come in). Keeps the
 * parts a reader needs. Stateless; blocking: worker threads only.
 */
final class ZipGuard {
  enum Format { DOCX, ODT }

  /** The checked file: its format and the parts the ODT reader needs (content.xml). */
  record Unpacked(Format format, Map<String, byte[]> parts) {}

  private static final String ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";

  private ZipGuard() {}

  static Unpacked check(byte[] file, ImportSettings limits) {
    if (file.length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4) {
      throw Refusal.unsupported("import_unsupported_type", "This is not a Word (.docx) or OpenDocument (.odt) file.");
    }
    long budget = Math.min(limits.maxUnpackedBytes(), (long) limits.maxRatio() * file.length + (1 << 20));
    long total = 0;
    int entries = 0;
    Map<String, byte[]> kept = new HashMap<>();
    boolean docx = false;
    byte[] buffer = new byte[16 * 1024];
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (++entries > limits.maxEntries()) throw Refusal.tooLarge("import_too_large", "The file has more than " + limits.maxEntries() + " parts.");
        String name = e.getName();
        boolean xml = name.toLowerCase(Locale.ROOT).endsWith(".xml") || name.endsWith(".rels");
        boolean keep = name.equals("mimetype") || name.equals("content.xml");
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        for (int n; (n = zip.read(buffer)) > 0; ) {
          total += n;
          if (total > budget) {
            throw Refusal.tooLarge("import_too_large", "The file unpacks to more than the import allows: it is refused as a possible zip bomb.");
          }
          if (keep || (xml && part.size() < 8192)) part.write(buffer, 0, n);
        }
        byte[] bytes = part.toByteArray();
        if (xml && new String(bytes, 0, Math.min(bytes.length, 8192), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT)
            .contains("<!DOCTYPE")) {
          throw Refusal.unprocessable("import_refused", "Part " + name + " declares a DOCTYPE, which neither format uses: refused.");
        }
        if (keep) kept.put(name, bytes);
        if (name.equals("word/document.xml")) docx = true;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw Refusal.unprocessable("import_unreadable", "The file is damaged or not a complete document.");
    }
    byte[] mimetype = kept.get("mimetype");
    if (mimetype != null && new String(mimetype, StandardCharsets.US_ASCII).strip().equals(ODT_MIMETYPE)
        && kept.containsKey("content.xml")) {
      return new Unpacked(Format.ODT, kept);
    }
    if (docx) return new Unpacked(Format.DOCX, kept);
    throw Refusal.unsupported("import_unsupported_type", "This zip file is not a Word (.docx) or OpenDocument text (.odt) document.");
  }
}
