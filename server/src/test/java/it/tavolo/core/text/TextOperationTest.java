package it.tavolo.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import it.tavolo.core.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOperationTest {
  private static TextOperation op(Object... components) {
    return TextOperation.fromComponents(List.of(components));
  }

  @Test
  void appliesRetainInsertDelete() {
    assertEquals("abXd", op(2, "X", -1, 1).apply("abcd"));
  }

  @Test
  void normalisesInsertBeforeDeleteLikeOtJs() {
    assertEquals(List.of(1, "x", -2), op(1, -2, "x").toComponents());
    assertEquals(List.of(3), op(1, 2).toComponents());
  }

  @Test
  void refusesEditWhoseLengthDiffersFromText() {
    Refusal e = assertThrows(Refusal.class, () -> op(3, "x").apply("ab"));
    assertEquals("invalid_op", e.code());
  }

  @Test
  void refusesInsertBetweenSurrogateHalves() {
    String s = "a\uD83D\uDE00b";
    assertEquals("invalid_op", assertThrows(Refusal.class, () -> op(2, "x", 2).apply(s)).code());
    assertEquals("invalid_op", assertThrows(Refusal.class, () -> op(1, -1, 2).apply(s)).code());
    assertEquals("a\uD83D\uDE00xb", op(3, "x", 1).apply(s));
  }

  @Test
  void refusesInsertOfLoneSurrogate() {
    assertThrows(Refusal.class, () -> op(1, "\uD83D").apply("a"));
    assertThrows(Refusal.class, () -> op(1, "\uDE00x").apply("a"));
  }

  @Test
  void transformPutsLaterInsertFirstOnTie() {
    TextOperation later = op(1, "L", 1);
    TextOperation earlier = op(1, "E", 1);
    TextOperation[] t = TextOperation.transform(later, earlier);
    assertEquals("aLEb", t[0].apply(earlier.apply("ab")));
    assertEquals("aLEb", t[1].apply(later.apply("ab")));
  }

  @Test
  void composeEqualsSequentialApply() {
    TextOperation a = op(1, "xyz", -1, 2);
    TextOperation b = op(2, -3, "Q", 1);
    assertEquals(b.apply(a.apply("abcd")), a.compose(b).apply("abcd"));
  }

  @Test
  void gapBufferApplyMatchesStringApplyAndInverseRestores() {
    TextBuffer buf = new TextBuffer("hello world");
    TextOperation e = op(5, -6, ", mondo \uD83D\uDE00");
    TextOperation inv = buf.apply(e);
    assertEquals(e.apply("hello world"), buf.toString());
    buf.apply(inv);
    assertEquals("hello world", buf.toString());
  }
}
