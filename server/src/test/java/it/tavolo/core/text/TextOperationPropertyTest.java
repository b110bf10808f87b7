package it.tavolo.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextOperationPropertyTest {

  @Test
  void transformedEditsConvergeInBothOrdersWithTheSameAuthors() {
    Seeds.forEach(1, 10_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String s = gen.randomString(r.nextInt(10));
      TextOperation a = gen.textEdit(s);
      TextOperation b = gen.textEdit(s);
      TextOperation[] t = TextOperation.transform(a, b);
      assertEquals(t[1].apply(a.apply(s)), t[0].apply(b.apply(s)));
      AuthorRuns runs = AuthorRuns.of(s.length(), "base");
      assertEquals(runs.apply(a, "A").apply(t[1], "B"), runs.apply(b, "B").apply(t[0], "A"));
    });
  }

  @Test
  void composeEqualsApplyingInSequence() {
    Seeds.forEach(100_000, 10_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String s = gen.randomString(r.nextInt(10));
      TextOperation a = gen.textEdit(s);
      TextOperation b = gen.textEdit(a.apply(s));
      TextOperation ab = a.compose(b);
      assertEquals(b.apply(a.apply(s)), ab.apply(s));
    });
  }

  @Test
  void invertUndoesAndGapBufferMatchesStringApply() {
    Seeds.forEach(200_000, 5_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String s = gen.randomString(r.nextInt(12));
      TextBuffer buf = new TextBuffer(s);
      for (int i = 0; i < 20; i++) {
        String before = buf.toString();
        TextOperation e = gen.textEdit(before);
        TextOperation inverse = buf.apply(e);
        assertEquals(e.apply(before), buf.toString());
        assertEquals(e.invert(before), inverse);
        assertEquals(before, inverse.apply(e.apply(before)));
      }
    });
  }

  @Test
  void authorRunsAlwaysCoverTheTextAndCreditInsertsToTheirAuthor() {
    Seeds.forEach(300_000, 1_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String s = "";
      String who = ""; // per unit, the digit of its author
      AuthorRuns runs = AuthorRuns.empty();
      for (int i = 0; i < 30; i++) {
        TextOperation e = gen.textEdit(s);
        int author = r.nextInt(3);
        runs = runs.apply(e, "u" + author);
        s = e.apply(s);
        who = sameShapeInsertingDigit(e, author).apply(who);
        assertEquals(s.length(), runs.length());
        for (int k = 0; k < s.length(); k++) assertEquals("u" + who.charAt(k), runs.authorAt(k));
      }
    });
  }

  /** {@code e} with each inserted text replaced by as many copies of the author's digit. */
  private static TextOperation sameShapeInsertingDigit(TextOperation e, int author) {
    TextOperation.Builder b = TextOperation.builder();
    for (int i = 0; i < e.size(); i++) {
      if (e.isRetain(i)) b.retain(e.length(i));
      else if (e.isDelete(i)) b.delete(e.length(i));
      else b.insert(String.valueOf((char) ('0' + author)).repeat(e.length(i)));
    }
    return b.build();
  }
}
