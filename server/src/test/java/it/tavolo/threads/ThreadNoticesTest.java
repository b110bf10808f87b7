package it.tavolo.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.Role;
import it.tavolo.db.DocumentAccess;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who a comment tells, and which @names are people. */
class ThreadNoticesTest {
  private static final UUID SARA = UUID.randomUUID();
  private static final UUID GIULIA = UUID.randomUUID();
  private static final UUID LUCA = UUID.randomUUID();
  private static final UUID PAOLA = UUID.randomUUID();
  private static final UUID GONE = UUID.randomUUID(); // was in the thread, has left the tavolo
  private static final Map<String, UUID> MEMBERS = Map.of("ets1@demo.tavolo", SARA, "coordinatore@demo.tavolo", GIULIA,
      "ets2@demo.tavolo", LUCA, "osservatore@demo.tavolo", PAOLA);
  private static final DocumentAccess ACCESS = new DocumentAccess(UUID.randomUUID(), UUID.randomUUID(), Role.MEMBER, "live", false);

  @Test
  void mentionsAreMembersByTheirNameBeforeTheAtOrTheirWholeEmail() {
    assertEquals(List.of(GIULIA, LUCA), Mentions.resolve("@coordinatore e @ets2@demo.tavolo, guardate.", MEMBERS));
    assertEquals(List.of(SARA), Mentions.resolve("Grazie @ets1.", MEMBERS), "a full stop ends the name");
    assertEquals(List.of(GIULIA), Mentions.resolve("@coordinatore @Coordinatore", MEMBERS), "once each, any case");
  }

  @Test
  void unknownAmbiguousOrEmbeddedNamesStayPlainText() {
    assertEquals(List.of(), Mentions.resolve("@nessuno, @mario@altrove.it", MEMBERS));
    assertEquals(List.of(), Mentions.resolve("scrivete a info@coordinatore.it", MEMBERS), "an address is not a mention");
    Map<String, UUID> twoMarios = Map.of("mario@a.it", SARA, "mario@b.it", LUCA);
    assertEquals(List.of(), Mentions.resolve("@mario", twoMarios), "two members share the name");
    assertEquals(List.of(LUCA), Mentions.resolve("@mario@b.it", twoMarios));
  }

  @Test
  void theMentionedHearAMentionTheOthersInTheThreadAReplyAndTheAuthorNothing() {
    UUID thread = UUID.randomUUID();
    UUID comment = UUID.randomUUID();
    List<ThreadNotice> out = Threads.noticesFor(ACCESS, LUCA, thread, comment, "Vedi sopra @coordinatore",
        List.of(GIULIA, LUCA), Set.of(SARA, GIULIA, LUCA, GONE), Set.copyOf(MEMBERS.values()));
    assertEquals(2, out.size(), out.toString());
    assertEquals(new ThreadNotice(GIULIA, "mention", ACCESS.tavoloId(), ACCESS.docId(), thread, comment,
        "Vedi sopra @coordinatore"), out.get(0));
    assertEquals(SARA, out.get(1).userId());
    assertEquals("reply", out.get(1).kind());
  }

  @Test
  void theExcerptIsShortenedWithoutCuttingACharacter() {
    String body = "a".repeat(ThreadNotice.EXCERPT - 1) + "\uD83D\uDE00" + "b".repeat(50);
    ThreadNotice n = Threads.noticesFor(ACCESS, LUCA, UUID.randomUUID(), UUID.randomUUID(), body, List.of(SARA),
        Set.of(), Set.of(SARA)).get(0);
    assertEquals("a".repeat(ThreadNotice.EXCERPT - 1) + "…", n.excerpt());
  }
}
