package it.tavolo.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthorRunBufferTest {

  @Test
  void bufferAgreesWithImmutableRunsAfterEveryEditAndEveryUndo() {
    Seeds.forEach(500_000, 2_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String s = gen.randomString(r.nextInt(6));
      AuthorRuns expected = AuthorRuns.of(s.length(), "base");
      AuthorRunBuffer buf = new AuthorRunBuffer(expected);
      List<AuthorRuns> history = new ArrayList<>();
      List<Runnable> undos = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        TextOperation e = gen.textEdit(s);
        String author = "u" + r.nextInt(3);
        history.add(expected);
        expected = expected.apply(e, author);
        undos.add(buf.apply(e, author));
        s = e.apply(s);
        assertEquals(expected, buf.snapshot());
        assertEquals(s.length(), buf.length());
      }
      for (int i = undos.size() - 1; i >= 0; i--) {
        undos.get(i).run();
        assertEquals(history.get(i), buf.snapshot(), "after undoing edit " + i);
      }
    });
  }
}
