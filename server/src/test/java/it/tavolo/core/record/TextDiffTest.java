package it.tavolo.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.text.TextOperation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextDiffTest {
  @Test
  void showsChangedWordsAsWholeWords() {
    List<TextDiff.Segment> d = TextDiff.diff("I partner operano alla pari.", "I partner lavorano davvero alla pari.");
    assertEquals(List.of(
        new TextDiff.Segment(TextDiff.Kind.EQUAL, "I partner "),
        new TextDiff.Segment(TextDiff.Kind.DELETE, "operano"),
        new TextDiff.Segment(TextDiff.Kind.INSERT, "lavorano davvero"),
        new TextDiff.Segment(TextDiff.Kind.EQUAL, " alla pari.")), d);
  }

  @Test
  void theOperationOfADiffTurnsTheOldTextIntoTheNewForAnyTexts() {
    Seeds.forEach(6100, 300, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 3);
      String a = gen.randomString(r.nextInt(40));
      String b = a;
      for (int i = 0; i < 1 + r.nextInt(4); i++) b = gen.textEdit(b).apply(b);
      if (r.nextInt(5) == 0) b = gen.randomString(r.nextInt(40));
      TextOperation op = TextDiff.operation(a, b);
      assertEquals(b, op.apply(a));
      StringBuilder olds = new StringBuilder();
      StringBuilder news = new StringBuilder();
      for (TextDiff.Segment s : TextDiff.diff(a, b)) {
        if (s.kind() != TextDiff.Kind.INSERT) olds.append(s.text());
        if (s.kind() != TextDiff.Kind.DELETE) news.append(s.text());
      }
      assertEquals(a, olds.toString());
      assertEquals(b, news.toString());
    });
  }

  @Test
  void aRewriteBeyondTheBoundIsOneReplacementAndStillExact() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      a.append("a").append(i).append(' ');
      b.append("b").append(i).append(' ');
    }
    assertEquals(b.toString(), TextDiff.operation(a.toString(), b.toString()).apply(a.toString()));
  }
}
