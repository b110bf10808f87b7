package it.tavolo.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.text.AuthorRuns;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestoreTest {
  @Test
  void restoreOpsApplyToTheHeadAndReachTheOldContentExactly() {
    Seeds.forEach(6200, 200, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "e", 6);
      DocumentState old = gen.randomDocument(1 + r.nextInt(8));
      DocumentState head = old.copy();
      for (int i = 0; i < 1 + r.nextInt(8); i++) gen.batch(head, 4, "later", 100 + i);
      List<Op> ops = Restore.ops(head, old);
      OpApplier.applyAll(head, ops, "restorer", 200);
      assertEquals(VersionForm.collections(old), VersionForm.collections(head));
    });
  }

  @Test
  void textKeptByTheRestoreKeepsItsAuthors() {
    DocumentState old = new DocumentState();
    OpApplier.applyAll(old, List.of(new Op.Create("sections", "s", java.util.Map.of("order", "a", "body", "Il tavolo decide insieme."))), "anna", 1);
    DocumentState head = old.copy();
    OpApplier.applyAll(head, List.of(new Op.Text("sections", "s", "body", TextDiff.operation("Il tavolo decide insieme.", "Il tavolo decide da solo."))), "bruno", 2);
    OpApplier.applyAll(head, Restore.ops(head, old), "carla", 3);
    assertEquals("Il tavolo decide insieme.", head.value("sections", "s", "body"));
    List<AuthorRuns.Run> runs = head.authorRuns("sections", "s", "body").runs();
    assertEquals(new AuthorRuns.Run("Il tavolo decide ".length(), "anna"), runs.get(0));
    assertEquals(new AuthorRuns.Run("insieme".length(), "carla"), runs.get(1));
  }
}
