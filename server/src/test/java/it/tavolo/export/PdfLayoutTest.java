package it.tavolo.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** The layout's rules for figures, and that the validator the exports rely on does refuse a bad file. */
class PdfLayoutTest {
  private static PdfLayout layout(PDDocument doc) throws IOException {
    try (InputStream in = PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
      return new PdfLayout(doc, PDType0Font.load(doc, in, true));
    }
  }

  @Test
  void anAmountADateOrAPercentageIsNeverCutEvenInAColumnTooNarrow() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PdfLayout p = layout(doc);
      for (String figure : List.of("€ 1.234.567,89", "05/12/2026 18:50", "17,88 %", "01/10/2017")) {
        String kept = p.clean(figure);
        assertEquals(List.of(kept), p.wrap(kept, 10, 20), figure + " stays on one line");
        assertFalse(kept.contains(" "), "joined by no-break spaces: " + kept);
      }
      // an ordinary word longer than the line is still cut, not left overflowing
      assertEquals(2, p.wrap("Sovracomunalità", 10, 50).size());
      p.close();
    }
  }

  @Test
  void veraPdfRefusesAnExportWithoutItsOutputIntent() throws IOException {
    byte[] good = PdfA.render("Prova", java.time.Instant.parse("2026-12-05T10:00:00Z"), (page, pages) -> "pagina " + page,
        p -> p.paragraph("Un paragrafo con € 1.234,56.", 10, 0, 0));
    assertEquals(List.of(), VeraPdf.failedRules(good, PDFAFlavour.PDFA_2_B));
    byte[] bad;
    try (PDDocument doc = Loader.loadPDF(good)) {
      doc.getDocumentCatalog().getCOSObject().removeItem(org.apache.pdfbox.cos.COSName.OUTPUT_INTENTS);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.save(out);
      bad = out.toByteArray();
    }
    assertFalse(VeraPdf.failedRules(bad, PDFAFlavour.PDFA_2_B).isEmpty(), "a PDF/A without output intent fails");
  }
}
