package it.tavolo.export;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * veraPDF, the PDF Association's reference validator, run in-process on a file's bytes.
 * Thread-safe: each call has its own parser and validator.
 */
public final class VeraPdf {
  static {
    VeraGreenfieldFoundryProvider.initialise();
  }

  private VeraPdf() {}

  /** Each failed rule of {@code flavour} as "clause-test: message (where)"; empty when the file conforms. */
  public static List<String> failedRules(byte[] pdf, PDFAFlavour flavour) {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
         PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
      ValidationResult result = validator.validate(parser);
      List<String> failed = new ArrayList<>();
      for (TestAssertion a : result.getTestAssertions()) {
        if (a.getStatus() == TestAssertion.Status.FAILED) {
          failed.add(a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage()
              + " (" + a.getLocationContext() + ")");
        }
      }
      if (failed.isEmpty() && !result.isCompliant()) failed.add("not compliant: " + result.getJobEndStatus());
      return failed;
    } catch (Exception e) {
      throw new IllegalStateException("veraPDF could not validate the file", e);
    }
  }
}
