package it.tavolo.auth;

import it.tavolo.core.Refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The address and password rules alone (the attacks over HTTP are in faults.AccountAttacksTest). */
class AccountRulesTest {
  private static String code(Runnable r) {
    return assertThrows(Refusal.class, r::run).code();
  }

  @Test
  void normalisesCompatibilityFormsCaseAndSurroundingSpace() {
    assertEquals("giulia@comune.example.it", AccountRules.email("  Giulia@Comune.Example.IT\t"));
    assertEquals("giulia@comune.example.it", AccountRules.email("\uff27iulia@comune.example.it"), "full-width G");
    assertEquals("giulia@comune.example.it", AccountRules.email("giulia@comune.example.it\u00a0"), "no-break space is a space");
    assertEquals("anna@xn--dmo-bma.example", AccountRules.email("anna@xn--dmo-bma.example"), "punycode domains");
  }

  @Test
  void refusesEveryInvisibleOrNonAsciiCharacterAnywhere() {
    for (String bad : List.of("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202a", "\u202e", "\u2066",
        "\u061c", "\u0000", "\u0007", "\u0085", "\u3000x", "\u0441", "\u00e9", "\ud83d\ude00")) {
      for (String where : List.of("giulia%s@comune.example.it", "giu%slia@comune.example.it", "giulia@comune%s.example.it")) {
        String email = String.format(where, bad);
        assertEquals("bad_email", code(() -> AccountRules.email(email)), escape(email));
        assertEquals("bad_email", code(() -> AccountRules.normaliseEmail(email)), escape(email));
      }
    }
    assertEquals("invalid_email", code(() -> AccountRules.email("giulia@localhost")));
  }

  @Test
  void refusesPasswordsTooShortUniformCommonOrTheAddress() {
    String email = "giulia.bianchi@comune.example.it";
    for (String weak : List.of("1234567", "        ", "\t\t\t\t\t\t\t\t", "zzzzzzzzzzzz", "abababababab", "12345678",
        "PASSWORD", "qwertyuiop", "iloveyou", email, "Giulia.Bianchi", " GIULIA.BIANCHI@comune.example.it")) {
      assertEquals("weak_password", code(() -> AccountRules.password(weak, email)), "'" + weak + "'");
    }
    for (String fine : List.of("una-password-lunga", "Tavolo di co-progettazione", "c4v0l0-n3r0!", "abc12345xyz")) {
      assertEquals(fine, AccountRules.password(fine, email));
    }
    assertTrue(CommonPasswords.size() >= 9_000, "the list is loaded: " + CommonPasswords.size());
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
    return b.toString();
  }
}
