package it.tavolo.sedute;

import it.tavolo.core.Refusal;
import java.io.IOException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Selector;

/**
 * Checks a signed copy of an approved verbale (docs/api.md, "The signed verbale"): that what
 * was signed is the approved verbale, and that every signature on it verifies (the signed
 * bytes' digest and the signature value, with the certificate carried in the signature).
 *
 * <ul>
 *   <li>CAdES ({@code .p7m}): a CMS SignedData whose encapsulated content must be exactly the
 *       approved PDF's bytes (a detached signature, without them, is refused).</li>
 *   <li>PAdES (a signed PDF): signing appends an incremental update to the PDF, so the approved
 *       PDF's bytes must be the file's first {@code approved.length} bytes, unchanged; the last
 *       signature's /ByteRange must start at 0 and reach the end of the file (nothing added
 *       after signing), and its CMS must verify over those bytes. Tools that rewrite the PDF
 *       before signing (rather than appending) are refused: the approved bytes are gone.</li>
 * </ul>
 *
 * <p>Certificates are not checked against any trust list: the result says so, and never
 * calls a certificate qualified. Pure: no I/O; blocking CPU work, run on a worker thread. The
 * BouncyCastle provider is an instance of this class, never registered JVM-wide.
 */
final class SignedVerbale {
  static final String NOT_TRUST_CHECKED = "integrity verified; certificate not checked against a trust list";
  private static final Provider BC = new BouncyCastleProvider();

  private SignedVerbale() {
  }

  /** One verified signature: who the certificate names, and what it says of itself. */
  record Signer(String subject, String issuer, String serial, Instant notBefore, Instant notAfter, Instant signingTime,
                String digestAlgorithm) {
  }

  /** {@code kind}: cades or pades. */
  record Result(String kind, List<Signer> signers, String trust) {
  }

  static Result check(byte[] file, byte[] approvedPdf) {
    if (file.length >= 5 && new String(file, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
      return pades(file, approvedPdf);
    }
    return cades(file, approvedPdf);
  }

  private static Result cades(byte[] file, byte[] approvedPdf) {
    CMSSignedData cms;
    try {
      cms = new CMSSignedData(file);
    } catch (CMSException | RuntimeException e) {
      throw Refusal.invalid("signed_file_unreadable", "The file is neither a signed PDF (PAdES) nor a CMS signature (CAdES .p7m).");
    }
    if (cms.getSignedContent() == null) {
      throw Refusal.invalid("signed_content_missing", "The .p7m does not contain the signed file (a detached signature): sign it with the file inside.");
    }
    byte[] content = (byte[]) cms.getSignedContent().getContent();
    if (!Arrays.equals(content, approvedPdf)) {
      throw Refusal.invalid("signed_content_mismatch", "The signed file is not the approved verbale of this seduta (its bytes differ).");
    }
    return new Result("cades", verify(cms), NOT_TRUST_CHECKED);
  }

  private static Result pades(byte[] file, byte[] approvedPdf) {
    if (file.length < approvedPdf.length || !Arrays.equals(file, 0, approvedPdf.length, approvedPdf, 0, approvedPdf.length)) {
      throw Refusal.invalid("signed_content_mismatch",
          "The signed PDF does not keep the approved verbale's bytes as its first revision: it is another file, or it was rewritten before signing.");
    }
    try (PDDocument pdf = Loader.loadPDF(file)) {
      List<PDSignature> signatures = pdf.getSignatureDictionaries();
      if (signatures.isEmpty()) {
        throw Refusal.invalid("signature_missing", "The PDF carries no signature.");
      }
      List<Signer> signers = new ArrayList<>();
      PDSignature last = null;
      for (PDSignature sig : signatures) {
        int[] range = sig.getByteRange();
        if (range == null || range.length != 4 || range[0] != 0 || range[2] + range[3] > file.length || range[1] < approvedPdf.length) {
          throw Refusal.invalid("signature_invalid", "A signature's byte range does not cover the approved verbale.");
        }
        byte[] contents = sig.getContents(file);
        byte[] signed = sig.getSignedContent(file);
        CMSSignedData cms;
        try {
          // /Contents is zero-padded past the DER: read its first object only
          try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            cms = new CMSSignedData(new CMSProcessableByteArray(signed),
                org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject()));
          }
        } catch (CMSException | IOException | RuntimeException e) {
          throw Refusal.invalid("signature_invalid", "A signature in the PDF is not a readable CMS signature.");
        }
        signers.addAll(verify(cms));
        if (last == null || range[2] + range[3] > last.getByteRange()[2] + last.getByteRange()[3]) {
          last = sig;
        }
      }
      int[] r = last.getByteRange();
      if (r[2] + r[3] != file.length) {
        throw Refusal.invalid("signature_not_covering", "The PDF was changed after its last signature.");
      }
      return new Result("pades", signers, NOT_TRUST_CHECKED);
    } catch (IOException e) {
      throw Refusal.invalid("signed_file_unreadable", "The PDF cannot be read.");
    }
  }

  /** Verifies every signer of a CMS with the certificate it carries; refuses if any fails. */
  @SuppressWarnings("unchecked")
  private static List<Signer> verify(CMSSignedData cms) {
    List<Signer> out = new ArrayList<>();
    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
    if (signers.isEmpty()) {
      throw Refusal.invalid("signature_missing", "The file carries no signature.");
    }
    for (SignerInformation si : signers) {
      Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches((Selector<X509CertificateHolder>) si.getSID());
      if (certs.isEmpty()) {
        throw Refusal.invalid("signature_invalid", "A signature does not carry its signer's certificate.");
      }
      X509CertificateHolder holder = certs.iterator().next();
      boolean ok;
      try {
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        ok = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(cert));
      } catch (Exception e) {
        ok = false;
      }
      if (!ok) {
        throw Refusal.invalid("signature_invalid", "A signature does not verify: the signed bytes or the signature were altered.");
      }
      out.add(new Signer(holder.getSubject().toString(), holder.getIssuer().toString(), holder.getSerialNumber().toString(16),
          holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant(), signingTime(si), si.getDigestAlgOID()));
    }
    return out;
  }

  private static Instant signingTime(SignerInformation si) {
    if (si.getSignedAttributes() == null) {
      return null;
    }
    Attribute a = si.getSignedAttributes().get(CMSAttributes.signingTime);
    if (a == null || a.getAttrValues().size() == 0) {
      return null;
    }
    try {
      return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
