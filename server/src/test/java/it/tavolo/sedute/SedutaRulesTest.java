package it.tavolo.sedute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.Seeds;
import it.tavolo.core.sedute.CallLinks;
import it.tavolo.core.sedute.RegisterRules;
import it.tavolo.core.sedute.SedutaDraft;
import it.tavolo.core.Refusal;
import it.tavolo.core.sedute.SedutaRules;
import it.tavolo.core.sedute.SedutaState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure rules of a seduta (it.tavolo.core.sedute): call links, modes, states, the register. */
class SedutaRulesTest {
  private static final Instant T = Instant.parse("2026-12-03T14:00:00Z");

  private static String code(Runnable r) {
    return assertThrows(Refusal.class, r::run).code();
  }

  @Test
  void callLinksAreHttpAddressesWithAHostAndNothingElse() {
    for (String ok : List.of("https://us02web.zoom.us/j/4511880578", "https://meet.jit.si/tavolo?x=1#y",
        "http://teams.microsoft.com/l/meetup-join/19%3ameeting_abc", "HTTPS://Zoom.us/j/1")) {
      assertEquals(ok, CallLinks.check(ok));
    }
    for (String bad : List.of("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x",
        "mailto:a@b.it", "file:///etc/passwd", "ftp://x.org/a", "https://", "//zoom.us/j/1", "zoom.us/j/1",
        "https://user:pw@zoom.us/j/1", "https://user@zoom.us/j/1", "https://zoom.us/j/1 x", " https://zoom.us/j/1",
        "https://zoom.us/\tj", "https://zoom.us/\nj", "https://zoom.us/\u0000", "https://zoom.us/\u007f", "",
        "https://zoom.us/" + "a".repeat(2000))) {
      assertEquals("invalid_call_url", code(() -> CallLinks.check(bad)), bad);
    }
  }

  @Test
  void anyAcceptedCallLinkIsHttpWithAHostAndNoSpacesNorCredentials() throws Exception {
    Seeds.fresh(SedutaRulesTest.class, this::callLinksWithSeed);
  }

  private void callLinksWithSeed(long seed) throws Exception {
    Random r = new Random(seed);
    String[] schemes = {"https://", "http://", "javascript:", "data:", "HTTPS://", "//", "", "ftp://", "jav\tascript:"};
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.-_~:/?#[]@!$&'()*+,;=% \t\n\"<>\\^`{|}\u00e8\u0000";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder(schemes[r.nextInt(schemes.length)]);
      int n = r.nextInt(30);
      for (int k = 0; k < n; k++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String link = b.toString();
      try {
        CallLinks.check(link);
      } catch (Refusal refused) {
        continue;
      }
      accepted++;
      URI u = URI.create(link);
      String where = "seed " + seed + ": " + link;
      assertTrue(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"), where);
      assertTrue(u.getHost() != null && !u.getHost().isEmpty() && u.getRawUserInfo() == null, where);
      assertTrue(link.chars().noneMatch(c -> c <= 0x20 || c == 0x7f), where);
    }
    assertTrue(accepted > 100, "seed " + seed + ": the generator makes valid links too (" + accepted + ")");
  }

  @Test
  void eachModeNeedsItsPlaceOrLinkAndTextsAreTrimmed() {
    assertEquals("invalid_input", code(() -> SedutaRules.check("T", T, "in_presenza", null, "https://zoom.us/j/1", List.of(), List.of())));
    assertEquals("invalid_input", code(() -> SedutaRules.check("T", T, "online", "Sala", null, List.of(), List.of())));
    assertEquals("invalid_input", code(() -> SedutaRules.check("T", T, "ibrida", "Sala", " ", List.of(), List.of())));
    assertEquals("invalid_input", code(() -> SedutaRules.check("  ", T, "online", null, "https://zoom.us/j/1", List.of(), List.of())));
    assertEquals("invalid_input", code(() -> SedutaRules.check("T", null, "online", null, "https://zoom.us/j/1", List.of(), List.of())));
    assertEquals("invalid_input", code(() -> SedutaRules.check("T", T, "webinar", null, "https://zoom.us/j/1", List.of(), List.of())));
    SedutaDraft d = SedutaRules.check("  Primo incontro ", T, "ibrida", " Sala consiliare ", " https://zoom.us/j/1 ",
        List.of(new SedutaDraft.AgendaItemDraft(" Analisi ", "  ")), List.of());
    assertEquals("Primo incontro", d.title());
    assertEquals("Sala consiliare", d.place());
    assertEquals("https://zoom.us/j/1", d.callUrl());
    assertEquals("Analisi", d.agenda().get(0).title());
    assertEquals(null, d.agenda().get(0).notes());
    assertEquals("invalid_input", code(() -> SedutaRules.item("x".repeat(SedutaRules.MAX_ITEM_TITLE + 1), null)));
    assertEquals("invalid_input", code(() -> SedutaRules.decision("con\u0007trollo")));
  }

  @Test
  void aSedutaOnlyMovesForwardAndAClosedOneNotAtAll() {
    SedutaRules.transition(SedutaState.PLANNED, SedutaState.OPEN);
    SedutaRules.transition(SedutaState.OPEN, SedutaState.CLOSED);
    assertEquals("seduta_open", code(() -> SedutaRules.transition(SedutaState.OPEN, SedutaState.OPEN)));
    assertEquals("seduta_not_open", code(() -> SedutaRules.transition(SedutaState.PLANNED, SedutaState.CLOSED)));
    for (SedutaState to : SedutaState.values()) {
      assertEquals("seduta_closed", code(() -> SedutaRules.transition(SedutaState.CLOSED, to)));
    }
  }

  @Test
  void peopleAddedByHandAreInTheRoomOrOnTheCallAndLeaveAfterTheyJoin() {
    RegisterRules.ManualEntry e = RegisterRules.manual(" Donatella Turri ", "Caritas", null, null, null, null, T);
    assertEquals("Donatella Turri", e.name());
    assertEquals("in_room", e.presence().wire());
    assertEquals(T, e.joinedAt());
    assertEquals("invalid_input", code(() -> RegisterRules.manual("X", null, null, "connected", null, null, T)));
    assertEquals("invalid_input", code(() -> RegisterRules.manual("X", null, null, "altrove", null, null, T)));
    assertEquals("invalid_input", code(() -> RegisterRules.manual("X", null, null, "on_call", T, T.minusSeconds(1), T)));
    assertEquals("invalid_input", code(() -> RegisterRules.manual(" ", null, null, "on_call", null, null, T)));
  }
}
