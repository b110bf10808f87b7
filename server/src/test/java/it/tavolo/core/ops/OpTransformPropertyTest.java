package it.tavolo.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.StateCodec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpTransformPropertyTest {

  @Test
  void bothOrdersOfTwoConcurrentBatchesReachTheSameStateAndAuthorship() {
    Seeds.forEach(1_000, 4_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "e", 6);
      DocumentState s = gen.randomDocument(1 + r.nextInt(5));
      DocumentState viaEarlier = s.copy();
      DocumentState viaLater = s.copy();
      List<Op> earlier = gen.batch(viaEarlier, 5, "E", 101);
      List<Op> later = gen.batch(viaLater, 5, "L", 102);
      OpTransform.Result t = OpTransform.transform(later, earlier);
      // later' must apply where earlier went first (the server's path) ...
      OpApplier.applyAll(viaEarlier, t.later(), "L", 102);
      // ... and earlier' where later went first (the client's path)
      OpApplier.applyAll(viaLater, t.earlier(), "E", 101);
      assertEquals(StateCodec.snapshotJson(viaEarlier), StateCodec.snapshotJson(viaLater),
          "later=" + later + "\nearlier=" + earlier);
      assertEquals(StateCodec.authorshipJson(viaEarlier), StateCodec.authorshipJson(viaLater));
    });
  }

  @Test
  void transformingAgainstAConcatenationEqualsTransformingInSteps() {
    Seeds.forEach(9_000, 1_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "e", 6);
      DocumentState s = gen.randomDocument(3);
      DocumentState a = s.copy();
      List<Op> e1 = gen.batch(a, 3, "E", 1);
      List<Op> e2 = gen.batch(a, 3, "E", 2);
      List<Op> later = gen.batch(s.copy(), 4, "L", 3);
      List<Op> both = new java.util.ArrayList<>(e1);
      both.addAll(e2);
      OpTransform.Result once = OpTransform.transform(later, both);
      OpTransform.Result step = OpTransform.transform(OpTransform.transform(later, e1).later(), e2);
      assertEquals(once.later(), step.later());
    });
  }
}
