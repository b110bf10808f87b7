package it.tavolo.export;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * A PDF/A-2a document (tagged; identified as PDF/UA-1) written through a {@link PdfLayout}: the embedded font, a footer on
 * every page, the XMP identification and the sRGB output intent. Every PDF Tavolo files (a
 * version of the draft, a seduta's verbale) is made here. Blocking: run it on a worker thread.
 */
public final class PdfA {
  /** Shipped inside PDFBox (Liberation Sans, SIL Open Font License): Latin text, €, accents. */
  private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final String PRODUCER = "Tavolo";

  private PdfA() {}

  /**
   * @param footer the footer of page {@code page} (from 1) of {@code pages}
   * @param body   writes the content
   */
  public static byte[] render(String title, Instant generatedAt, BiFunction<Integer, Integer, String> footer,
                              Consumer<PdfLayout> body) {
    return render(title, generatedAt, footer, body, null);
  }

  /**
   * As above; with {@code fileId} the file identifier in the trailer is the SHA-256 of it
   * (first 16 bytes) instead of one PDFBox makes from the clock, so that the same content and
   * {@code generatedAt} give the same bytes.
   */
  public static byte[] render(String title, Instant generatedAt, BiFunction<Integer, Integer, String> footer,
                              Consumer<PdfLayout> body, String fileId) {
    try (PDDocument doc = new PDDocument(); InputStream fontIn = PDDocument.class.getResourceAsStream(FONT)) {
      if (fontIn == null) throw new IllegalStateException(FONT + " is missing from PDFBox");
      PDType0Font font = PDType0Font.load(doc, fontIn, true);
      PdfLayout p = new PdfLayout(doc, font);
      body.accept(p);
      p.close();
      footers(doc, font, footer);
      metadata(doc, title, generatedAt);
      if (fileId != null) {
        byte[] id = java.util.Arrays.copyOf(ExportFile.digest(fileId.getBytes(StandardCharsets.UTF_8)), 16);
        org.apache.pdfbox.cos.COSArray ids = new org.apache.pdfbox.cos.COSArray();
        ids.add(new org.apache.pdfbox.cos.COSString(id));
        ids.add(new org.apache.pdfbox.cos.COSString(id));
        doc.getDocument().getTrailer().setItem(org.apache.pdfbox.cos.COSName.ID, ids);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void footers(PDDocument doc, PDType0Font font, BiFunction<Integer, Integer, String> footer) throws IOException {
    int n = doc.getNumberOfPages();
    for (int i = 0; i < n; i++) {
      PDPage page = doc.getPage(i);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
        cs.beginMarkedContent(org.apache.pdfbox.cos.COSName.ARTIFACT); // pagination, not content
        cs.beginText();
        cs.setFont(font, 7.5f);
        cs.newLineAtOffset(PdfLayout.MARGIN, 30);
        cs.showText(PdfLayout.clean(footer.apply(i + 1, n), font, new java.util.HashMap<>()));
        cs.endText();
        cs.endMarkedContent();
      }
    }
  }

  private static void metadata(PDDocument doc, String title, Instant generatedAt) throws IOException {
    Calendar now = GregorianCalendar.from(generatedAt.atZone(Italian.ROME));
    now.setTimeZone(TimeZone.getTimeZone(Italian.ROME));
    PDDocumentInformation info = doc.getDocumentInformation();
    info.setTitle(title);
    info.setProducer(PRODUCER);
    info.setCreator(PRODUCER);
    info.setCreationDate(now);
    info.setModificationDate(now);

    XMPMetadata xmp = XMPMetadata.createXMPMetadata();
    DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
    dc.setTitle(title);
    AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
    pdf.setProducer(PRODUCER);
    XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
    basic.setCreatorTool(PRODUCER);
    basic.setCreateDate(now);
    basic.setModifyDate(now);
    PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
    id.setPart(2);
    try {
      id.setConformance("A"); // level A: tagged (PdfLayout, Tagger), Unicode text; veraPDF checks it in the tests
    } catch (org.apache.xmpbox.type.BadFieldValueException e) {
      throw new IllegalStateException(e);
    }
    ByteArrayOutputStream xml = new ByteArrayOutputStream();
    try {
      new XmpSerializer().serialize(xmp, xml, true);
    } catch (javax.xml.transform.TransformerException e) {
      throw new IOException("XMP metadata could not be written", e);
    }
    PDMetadata metadata = new PDMetadata(doc);
    metadata.importXMPMetadata(withPdfUa(xml.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    doc.getDocumentCatalog().setMetadata(metadata);

    PDOutputIntent intent = new PDOutputIntent(doc,
        new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setOutputCondition("sRGB IEC61966-2.1");
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    doc.getDocumentCatalog().addOutputIntent(intent);
    doc.setVersion(1.7f);
  }

  /**
   * The PDF/UA-1 identification (pdfuaid:part 1), with the extension schema that PDF/A requires
   * for a schema it does not predefine. xmpbox has no class for either, hence the RDF as text.
   */
  private static String withPdfUa(String xmp) {
    String ua = "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">"
        + "<pdfuaid:part>1</pdfuaid:part></rdf:Description>"
        + "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
        + " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">"
        + "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
        + "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
        + "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
        + "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
        + "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
        + "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
        + "<pdfaProperty:category>internal</pdfaProperty:category>"
        + "<pdfaProperty:description>Indicates which part of ISO 14289 is followed</pdfaProperty:description>"
        + "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>";
    int end = xmp.lastIndexOf("</rdf:RDF>");
    if (end < 0) throw new IllegalStateException("no rdf:RDF in the XMP xmpbox wrote");
    return xmp.substring(0, end) + ua + xmp.substring(end);
  }
}
