package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.text.AuthorRuns;
import it.tavolo.core.text.TextOperation;
import it.tavolo.demo.DemoSeed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two people typing into the same field at the same time, over real connections and a real database. */
class LiveConvergenceTest {
  private static final String S = "s-conv";

  private static UUID documentWithEmptySection() {
    UUID doc = LiveFixtures.emptyDocument();
    try (LiveClient c = LiveClient.join("coordinatore", doc, "setup-" + UUID.randomUUID())) {
      c.submit(1, 0, "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"" + S
          + "\",\"fields\":{\"order\":\"m\",\"title\":\"Analisi del bisogno\",\"body\":\"\"}}]");
      assertEquals(1, c.next("ack").path("seq").asLong());
    }
    return doc;
  }

  private static Op type(DocumentState d, int at, String text) {
    int len = d.textLength("sections", S, "body");
    return new Op.Text("sections", S, "body",
        TextOperation.builder().retain(at).insert(text).retain(len - at).build());
  }

  private static Op erase(DocumentState d, int at, int n) {
    int len = d.textLength("sections", S, "body");
    return new Op.Text("sections", S, "body",
        TextOperation.builder().retain(at).delete(n).retain(len - at - n).build());
  }

  @Test
  void twoTypistsAtTheSamePositionConvergeAndEachCharacterKeepsItsAuthor() {
    UUID doc = documentWithEmptySection();
    try (TypingClient a = TypingClient.join("ets1", doc, "conv-a");
         TypingClient b = TypingClient.join("ets2", doc, "conv-b")) {
      // both insert at position 0 of the empty body before seeing each other
      a.edit(List.of(type(a.doc.document(), 0, "ciao")));
      b.edit(List.of(type(b.doc.document(), 0, "BUONGIORNO")));
      a.settle(3);
      b.settle(3);
      String textA = (String) a.doc.document().value("sections", S, "body");
      assertEquals(textA, b.doc.document().value("sections", S, "body"));
      assertEquals(14, textA.length());
      assertTrue(textA.equals("ciaoBUONGIORNO") || textA.equals("BUONGIORNOciao"), "both words whole: " + textA);
      // the two were concurrent: the second to arrive was transformed, and each word kept its typist
      java.util.Map<String, String> wordOf = java.util.Map.of(DemoSeed.ETS1.id().toString(), "ciao",
          DemoSeed.ETS2.id().toString(), "BUONGIORNO");
      AuthorRuns runs = a.doc.document().authorRuns("sections", S, "body");
      assertEquals(2, runs.runs().size(), runs.toString());
      int pos = 0;
      for (AuthorRuns.Run r : runs.runs()) {
        assertEquals(wordOf.get(r.author()), textA.substring(pos, pos + r.length()), "run of " + r.author());
        pos += r.length();
      }
      assertEquals(runs.runs(), b.doc.document().authorRuns("sections", S, "body").runs());
      assertServerEquals(doc, a, b);
    }
  }

  @Test
  void randomConcurrentTypingConvergesWithCorrectAuthorship() throws Exception {
    Seeds.fresh(LiveConvergenceTest.class, this::randomTypingWithSeed);
  }

  private void randomTypingWithSeed(long seed) throws Exception {
    UUID doc = documentWithEmptySection();
    try (TypingClient a = TypingClient.join("ets1", doc, "rand-a");
         TypingClient b = TypingClient.join("ets2", doc, "rand-b")) {
      // ets1 types lower case, ets2 upper case: the letters tell who wrote them
      CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> typeRandomly(a, new Random(seed), "abcdefghij"));
      CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> typeRandomly(b, new Random(seed + 1), "ABCDEFGHIJ"));
      fa.get();
      fb.get();
      long head = Math.max(a.doc.seq(), b.doc.seq());
      // whoever finished first may not have seen the other's last batches yet
      while (a.doc.seq() != b.doc.seq() || !a.doc.isSettled() || !b.doc.isSettled()) {
        a.pump(5);
        b.pump(5);
        head = Math.max(head, Math.max(a.doc.seq(), b.doc.seq()));
        a.settle(head);
        b.settle(head);
      }
      String text = (String) a.doc.document().value("sections", S, "body");
      assertEquals(text, b.doc.document().value("sections", S, "body"), "seed " + seed);
      AuthorRuns runs = a.doc.document().authorRuns("sections", S, "body");
      int pos = 0;
      for (AuthorRuns.Run r : runs.runs()) {
        String who = r.author().equals(DemoSeed.ETS1.id().toString()) ? "lower" : "upper";
        for (int i = 0; i < r.length(); i++) {
          char ch = text.charAt(pos++);
          assertEquals(who, Character.isLowerCase(ch) ? "lower" : "upper", "char " + (pos - 1) + " seed " + seed);
        }
      }
      assertServerEquals(doc, a, b);
    }
  }

  private static void typeRandomly(TypingClient c, Random rnd, String letters) {
    for (int i = 0; i < 150; i++) {
      DocumentState d = c.doc.document();
      int len = d.textLength("sections", S, "body");
      if (len > 5 && rnd.nextInt(4) == 0) {
        int at = rnd.nextInt(len - 2);
        c.edit(List.of(erase(d, at, 1 + rnd.nextInt(2))));
      } else {
        int at = rnd.nextInt(len + 1);
        c.edit(List.of(type(d, at, String.valueOf(letters.charAt(rnd.nextInt(letters.length()))))));
      }
      c.pump(rnd.nextInt(3));
    }
  }

  /** A third client joining now gets exactly the state (and authorship) both typists hold. */
  private static void assertServerEquals(UUID doc, TypingClient a, TypingClient b) {
    try (LiveClient check = LiveClient.join("coordinatore", doc, "check-" + UUID.randomUUID())) {
      JsonNode w = check.welcome;
      assertEquals(a.doc.seq(), w.path("seq").asLong());
      DocumentState server = TypingClient.stateOf(w);
      for (TypingClient c : new TypingClient[] {a, b}) {
        assertEquals(StateCodec.snapshotJson(server), StateCodec.snapshotJson(c.doc.document()), c.clientId);
        assertEquals(StateCodec.authorshipJson(server), StateCodec.authorshipJson(c.doc.document()), c.clientId);
      }
    }
  }
}
