package it.tavolo.sedute;

import static it.tavolo.sedute.Http.ok;
import static it.tavolo.sedute.Http.okArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signed verbale (issue 19): a test certificate made here signs the approved verbale as
 * CAdES (.p7m) and as PAdES (an incremental update of the PDF); the server accepts those, and
 * refuses the same signatures over another file, an altered signature and a PDF changed after
 * signing, each with its stable code. It never calls the certificate qualified.
 */
class SignedVerbaleTest {
  private static KeyPair keys;
  private static X509Certificate cert;

  @BeforeAll
  static void certificate() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    X500Name name = new X500Name("CN=Giulia Bianchi, O=Societa della Salute Pistoiese, C=IT");
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(19), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
    cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer()));
  }

  private static ContentSigner signer() throws Exception {
    return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
  }

  private static CMSSignedDataGenerator generator() throws Exception {
    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build()).build(signer(), cert));
    gen.addCertificates(new JcaCertStore(List.of(cert)));
    return gen;
  }

  static byte[] cades(byte[] content) throws Exception {
    return generator().generate(new CMSProcessableByteArray(content), true).getEncoded();
  }

  static byte[] pades(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      sig.setName("Giulia Bianchi");
      sig.setSignDate(Calendar.getInstance());
      doc.addSignature(sig, content -> {
        try {
          return generator().generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
        } catch (Exception e) {
          throw new java.io.IOException(e);
        }
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  static HttpResponse<String> upload(String who, String sedutaId, byte[] file, String type) {
    return TestServer.send(HttpRequest.newBuilder(TestServer.uri("/api/sedute/" + sedutaId + "/verbale/signed"))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + Http.token(who)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
  }

  private static void refusedUpload(String code, int status, String sedutaId, byte[] file, String type) {
    HttpResponse<String> r = upload("coordinatore", sedutaId, file, type);
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(code, new JsonObject(r.body()).getString("code"), r.body());
  }

  @Test
  void theSignedApprovedVerbaleIsAcceptedAndAnyOtherFileIsRefusedWithAStableCode() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    String id = VerbaleApprovalTest.closedSeduta(t);
    JsonObject bozza = ok(200, "pa", "GET", "/api/sedute/" + id + "/verbale", null);
    byte[] bozzaPdf = Verbale.file("pa", id, "pdf", bozza.getJsonObject("pdf").getString("sha256"));
    refusedUpload("verbale_not_approved", 409, id, cades(bozzaPdf), "application/pkcs7-mime");

    JsonObject approved = ok(200, "coordinatore", "POST", "/api/sedute/" + id + "/verbale/approve", null);
    String sha = approved.getJsonObject("approved").getJsonObject("pdf").getString("sha256");
    byte[] pdf = VerbaleApprovalTest.approvedFile("pa", id, "pdf", sha);

    // CAdES: the .p7m holds exactly the approved PDF
    HttpResponse<String> r = upload("coordinatore", id, cades(pdf), "application/pkcs7-mime");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject stored = new JsonObject(r.body());
    assertEquals("cades", stored.getString("kind"));
    JsonObject result = stored.getJsonObject("result");
    assertEquals("verified", result.getString("integrity"));
    assertEquals("integrity verified; certificate not checked against a trust list", result.getString("trust"));
    assertTrue(result.getJsonArray("signers").getJsonObject(0).getString("subject").contains("CN=Giulia Bianchi"), r.body());
    assertFalse(r.body().toLowerCase().contains("qualified\":true") || r.body().contains("qualificat"), "never claims a qualified certificate");

    // PAdES: the approved PDF, signed by an incremental update
    byte[] signedPdf = pades(pdf);
    HttpResponse<String> p = upload("coordinatore", id, signedPdf, "application/pdf");
    assertEquals(201, p.statusCode(), p.body());
    assertEquals("pades", new JsonObject(p.body()).getString("kind"));

    // another file, signed just as well, is not the approved verbale
    refusedUpload("signed_content_mismatch", 400, id, cades(bozzaPdf), "application/pkcs7-mime");
    refusedUpload("signed_content_mismatch", 400, id, pades(bozzaPdf), "application/pdf");
    // the right content with a signature made over other bytes
    CMSSignedData overBozza = generator().generate(new CMSProcessableByteArray(bozzaPdf), false);
    CMSSignedDataGenerator swap = new CMSSignedDataGenerator();
    swap.addSigners(overBozza.getSignerInfos());
    swap.addCertificates(new JcaCertStore(List.of(cert)));
    refusedUpload("signature_invalid", 400, id, swap.generate(new CMSProcessableByteArray(pdf), true).getEncoded(), "application/pkcs7-mime");
    // a detached .p7m (without the file), a PDF changed after signing, something else entirely
    refusedUpload("signed_content_missing", 400, id, generator().generate(new CMSProcessableByteArray(pdf), false).getEncoded(),
        "application/pkcs7-mime");
    byte[] appended = java.util.Arrays.copyOf(signedPdf, signedPdf.length + 7);
    System.arraycopy("\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, appended, signedPdf.length, 7);
    refusedUpload("signature_not_covering", 400, id, appended, "application/pdf");
    byte[] tampered = signedPdf.clone();
    tampered[pdf.length - 40] ^= 1; // inside the approved revision
    refusedUpload("signed_content_mismatch", 400, id, tampered, "application/pdf");
    refusedUpload("signed_file_unreadable", 400, id, "non è una firma".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");

    HttpResponse<String> member = upload("pa", id, cades(pdf), "application/pkcs7-mime");
    assertEquals(403, member.statusCode(), member.body());

    assertEquals(2, okArray("osservatore", "/api/sedute/" + id + "/verbale/signed").size(), "only accepted copies are kept");
    var pool = TestServer.pool();
    assertThrows(Exception.class, () -> pool.preparedQuery("update seduta_verbale_signatures set result = '{}'::jsonb where seduta_id = $1")
        .execute(Tuple.of(UUID.fromString(id))).await(10, TimeUnit.SECONDS));
    assertThrows(Exception.class, () -> pool.preparedQuery("delete from seduta_verbale_signatures where seduta_id = $1")
        .execute(Tuple.of(UUID.fromString(id))).await(10, TimeUnit.SECONDS));
  }
}
