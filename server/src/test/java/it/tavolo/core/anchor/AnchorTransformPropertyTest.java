package it.tavolo.core.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpTransform;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchorTransformPropertyTest {

  /**
   * The specification, checked against an independent model: every character carries a label,
   * in or out of the passage; an insert joins only when both its neighbours are in. The anchor
   * must always be exactly the span of the "in" characters, and dead once there are none.
   */
  @Test
  void aPassageIsAlwaysTheSpanOfItsOwnCharactersAndItsQuoteTheirText() {
    Seeds.forEach(500_000, 3_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "x", 1);
      String text = gen.randomString(2 + r.nextInt(10));
      int start = r.nextInt(text.length());
      int end = start + 1 + r.nextInt(text.length() - start);
      if (splits(text, start) || splits(text, end)) {
        return;
      }
      Anchor a = Anchor.passage("sections", "s1", "body", start, end, text.substring(start, end));
      String labels = "o".repeat(start) + "i".repeat(end - start) + "o".repeat(text.length() - end);
      for (int step = 0; step < 25; step++) {
        TextOperation e = gen.textEdit(text);
        labels = labelsAfter(e, labels);
        text = e.apply(text);
        a = AnchorTransform.through(a, new Op.Text("sections", "s1", "body", e));
        int first = labels.indexOf('i');
        if (first < 0) {
          assertFalse(a.live(), "no character of the passage is left, yet the anchor lives: " + a);
          continue;
        }
        int last = labels.lastIndexOf('i') + 1;
        assertEquals("i".repeat(last - first), labels.substring(first, last), "the passage is one span");
        assertTrue(a.live());
        assertEquals(first, a.start());
        assertEquals(last, a.end());
        assertEquals(text.substring(first, last), a.quote());
      }
    });
  }

  /** Labels after {@code e}: inserted characters are "in" when both neighbours before the edit were. */
  private static String labelsAfter(TextOperation e, String labels) {
    TextOperation.Builder b = TextOperation.builder();
    int pos = 0;
    for (int i = 0; i < e.size(); i++) {
      if (e.isInsert(i)) {
        boolean inside = pos > 0 && pos < labels.length() && labels.charAt(pos - 1) == 'i' && labels.charAt(pos) == 'i';
        b.insert((inside ? "i" : "o").repeat(e.length(i)));
      } else {
        if (e.isRetain(i)) b.retain(e.length(i));
        else b.delete(e.length(i));
        pos += e.length(i);
      }
    }
    return b.build().apply(labels);
  }

  /**
   * Through random batches of every kind of op, in the sequence's order: a live anchor's quote
   * is the text under it in the document, and an anchor whose entity was deleted is dead.
   */
  @Test
  void throughRandomBatchesALiveAnchorQuotesTheDocumentAndADeletedEntityKillsIt() {
    Seeds.forEach(600_000, 2_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "e", 4);
      DocumentState s = gen.randomDocument(3 + r.nextInt(4));
      Anchor a = randomAnchor(r, s);
      if (a == null) {
        return;
      }
      for (int b = 0; b < 12; b++) {
        List<Op> batch = gen.batch(s, 4, "A", 100 + b);
        a = AnchorTransform.through(a, batch);
        if (!s.exists(a.coll(), a.id())) {
          assertFalse(a.live(), "the entity is gone");
        }
        if (a.live()) {
          assertEquals(AnchorCheck.withQuote(s, a), a, "batch " + batch);
        }
      }
    });
  }

  /**
   * Two concurrent batches, applied in either order (each transformed against the other, as the
   * sequence does): when neither deletes characters of the anchored field, the anchor ends the
   * same, ties at its ends included. (With deletions at the passage the order decides, and the
   * sequence is the one order: docs/protocol.md "Threads".)
   */
  @Test
  void concurrentBatchesThatDeleteNoAnchoredTextLeaveTheSameAnchorInEitherOrder() {
    Seeds.forEach(700_000, 4_000, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "e", 4);
      DocumentState s = gen.randomDocument(3 + r.nextInt(4));
      Anchor a = randomAnchor(r, s);
      if (a == null) {
        return;
      }
      DocumentState viaEarlier = s.copy();
      DocumentState viaLater = s.copy();
      List<Op> earlier = insertsOnly(a, gen.batch(viaEarlier.copy(), 4, "E", 101));
      List<Op> later = insertsOnly(a, gen.batch(viaLater.copy(), 4, "L", 102));
      OpApplier.applyAll(viaEarlier, earlier, "E", 101);
      OpApplier.applyAll(viaLater, later, "L", 102);
      OpTransform.Result t = OpTransform.transform(later, earlier);
      Anchor one = AnchorTransform.through(AnchorTransform.through(a, earlier), t.later());
      Anchor other = AnchorTransform.through(AnchorTransform.through(a, later), t.earlier());
      OpApplier.applyAll(viaEarlier, t.later(), "L", 102);
      assertEquals(one.live(), other.live(), "earlier=" + earlier + "\nlater=" + later);
      if (one.live()) {
        assertEquals(one, other, "earlier=" + earlier + "\nlater=" + later);
        assertEquals(AnchorCheck.withQuote(viaEarlier, one), one);
      }
    });
  }

  /**
   * {@code batch} with every text op on the anchored field turned into its inserts alone (ops
   * after it in the batch touch other places or are checked again by the appliers below).
   */
  private static List<Op> insertsOnly(Anchor a, List<Op> batch) {
    List<Op> out = new ArrayList<>();
    for (Op op : batch) {
      if (op instanceof Op.Text t && t.coll().equals(a.coll()) && t.id().equals(a.id()) && t.field().equals(a.field())) {
        TextOperation e = t.edit();
        TextOperation.Builder b = TextOperation.builder();
        for (int i = 0; i < e.size(); i++) {
          if (e.isInsert(i)) b.insert(e.insertedText(i));
          else b.retain(e.length(i));
        }
        // later text ops of this field in the batch were made for the text with the deletions:
        // stop the batch here so that it stays valid
        out.add(new Op.Text(t.coll(), t.id(), t.field(), b.build()));
        return out;
      }
      out.add(op);
    }
    return out;
  }

  /** A random live anchor of {@code s}: a passage of a non-empty text field, or a whole entity. */
  static Anchor randomAnchor(Random r, DocumentState s) {
    List<Anchor> places = new ArrayList<>();
    for (var c : Schema.collections()) {
      for (String id : s.ids(c.name())) {
        places.add(AnchorCheck.withQuote(s, Anchor.entity(c.name(), id, "")));
        for (FieldDef f : c.fields()) {
          if (!f.isText()) continue;
          String t = s.textView(c.name(), id, f.name()).toString();
          if (t.isEmpty()) continue;
          int start = r.nextInt(t.length());
          int end = start + 1 + r.nextInt(t.length() - start);
          if (splits(t, start) || splits(t, end)) continue;
          places.add(Anchor.passage(c.name(), id, f.name(), start, end, t.substring(start, end)));
        }
      }
    }
    return places.isEmpty() ? null : places.get(r.nextInt(places.size()));
  }

  private static boolean splits(String t, int i) {
    return i > 0 && i < t.length() && Character.isHighSurrogate(t.charAt(i - 1)) && Character.isLowSurrogate(t.charAt(i));
  }
}
