package it.tavolo.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What people really upload is taken with its real type; what is renamed is refused. */
class SnifferTest {
  private final Sniffer sniffer = new Sniffer();

  private static byte[] resource(String path) throws Exception {
    try (InputStream in = SnifferTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aWordFileAPdfATextAndACsvAreTakenWithTheTypeTheirBytesAndNameAgreeOn() throws Exception {
    String docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    byte[] word = resource("/imports/proposta-sia-pistoiese.docx");
    // as a browser sends it: the name's type as Content-Type
    assertEquals(docx, sniffer.sniff(word, "Proposta SIA.docx", docx).type());
    assertEquals(docx, sniffer.sniff(word, "Proposta SIA.docx", "application/octet-stream").type());
    assertEquals("application/pdf", sniffer.sniff(FilesTest.pdfLike(5000), "verbale.PDF", null).type());
    byte[] csv = "voce;importo\npersonale;1000\n".getBytes(StandardCharsets.UTF_8);
    assertNull(sniffer.sniff(csv, "bilancio.csv", "text/csv").refusal());
    assertNull(sniffer.sniff("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), "dati.json", "application/json").refusal());
    assertEquals("application/pdf", sniffer.sniff(FilesTest.pdfLike(5000), "senza estensione", null).type(), "no name type: the bytes decide");
  }

  @Test
  void aRenamedFileIsRefusedWhateverItClaims() throws Exception {
    byte[] word = resource("/imports/proposta-sia-pistoiese.docx");
    assertNotNull(sniffer.sniff(word, "proposta.pdf", null).refusal(), "a Word file named .pdf");
    assertNotNull(sniffer.sniff(FilesTest.pdfLike(5000), "foto.png", "image/png").refusal(), "a PDF named .png");
    assertNotNull(sniffer.sniff(FilesTest.pdfLike(5000), "documento", "text/html").refusal(), "a PDF declared as HTML");
  }
}
