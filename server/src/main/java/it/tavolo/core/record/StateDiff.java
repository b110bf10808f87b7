package it.tavolo.core.record;

import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Schema;
import it.tavolo.core.model.SetBy;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.text.AuthorRuns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two states of a document, with who: entities added, removed and
 * changed; per changed field its value before and after and who set it; per text field the
 * words kept, inserted and deleted, each with the authors of its characters (inserted text:
 * who wrote it; deleted text: who had written it). When the batches in between are given,
 * each change also lists the batches (seq, author) that touched it.
 */
public final class StateDiff {
  private StateDiff() {}

  /** A batch that touched an entity or field. */
  public record Touch(long seq, String author) {}

  /** A piece of a text diff; {@code authors} cover its characters in order. */
  public record TextPart(String kind, String text, List<AuthorRuns.Run> authors) {}

  /**
   * One field: {@code before}/{@code after} values (for text, the whole texts), {@code setBy}
   * who set a scalar in the later state (null for text and for removed entities), {@code text}
   * the parts of a text field's diff (null for scalars).
   */
  public record FieldChange(String field, String type, Object before, Object after, SetBy setBy,
                            List<TextPart> text, List<Touch> touchedBy) {}

  /** {@code change}: added, removed or changed. */
  public record EntityChange(String coll, String id, String change, List<FieldChange> fields,
                             List<Touch> touchedBy) {}

  public record Result(long fromSeq, long toSeq, List<EntityChange> changes) {}

  public static Result between(DocumentState a, DocumentState b) {
    return between(a, b, List.of());
  }

  /** @param batches the committed batches after {@code a} up to {@code b} (may be empty) */
  public static Result between(DocumentState a, DocumentState b, List<CommittedBatch> batches) {
    Map<String, List<Touch>> touches = touches(batches);
    List<EntityChange> out = new ArrayList<>();
    for (CollectionDef c : Schema.collections()) {
      for (String id : union(a.ids(c.name()), b.ids(c.name()))) {
        boolean inA = a.exists(c.name(), id);
        boolean inB = b.exists(c.name(), id);
        List<FieldChange> fields = new ArrayList<>();
        for (FieldDef f : c.fields()) {
          Object before = inA ? a.value(c.name(), id, f.name()) : null;
          Object after = inB ? b.value(c.name(), id, f.name()) : null;
          if (inA && inB && Objects.equals(before, after)) continue;
          if (f.optional() && before == null && after == null) continue; // never set on either side
          List<Touch> t = touches.getOrDefault(key(c.name(), id, f.name()), List.of());
          if (f.type() == FieldType.TEXT) {
            fields.add(new FieldChange(f.name(), "text", before, after, null,
                textParts(a, b, c.name(), id, f.name(), inA, inB), t));
          } else {
            SetBy by = inB ? b.setBy(c.name(), id, f.name()) : null;
            fields.add(new FieldChange(f.name(), f.type().name().toLowerCase(java.util.Locale.ROOT),
                before, after, by, null, t));
          }
        }
        if (fields.isEmpty()) continue;
        String change = !inA ? "added" : !inB ? "removed" : "changed";
        out.add(new EntityChange(c.name(), id, change, fields,
            touches.getOrDefault(key(c.name(), id, null), List.of())));
      }
    }
    return new Result(a.seq(), b.seq(), out);
  }

  private static List<TextPart> textParts(DocumentState a, DocumentState b, String coll, String id,
                                          String field, boolean inA, boolean inB) {
    String before = inA ? (String) a.value(coll, id, field) : "";
    String after = inB ? (String) b.value(coll, id, field) : "";
    AuthorRuns ra = inA ? a.authorRuns(coll, id, field) : AuthorRuns.empty();
    AuthorRuns rb = inB ? b.authorRuns(coll, id, field) : AuthorRuns.empty();
    List<TextPart> parts = new ArrayList<>();
    int pa = 0;
    int pb = 0;
    for (TextDiff.Segment s : TextDiff.diff(before, after)) {
      int n = s.text().length();
      switch (s.kind()) {
        case EQUAL -> {
          parts.add(new TextPart("equal", s.text(), TextDiff.slice(rb, pb, n)));
          pa += n;
          pb += n;
        }
        case INSERT -> {
          parts.add(new TextPart("insert", s.text(), TextDiff.slice(rb, pb, n)));
          pb += n;
        }
        case DELETE -> {
          parts.add(new TextPart("delete", s.text(), TextDiff.slice(ra, pa, n)));
          pa += n;
        }
      }
    }
    return parts;
  }

  private static Map<String, List<Touch>> touches(List<CommittedBatch> batches) {
    Map<String, List<Touch>> out = new HashMap<>();
    for (CommittedBatch batch : batches) {
      Touch t = new Touch(batch.seq(), batch.author());
      for (Target target : Target.of(batch.ops())) {
        addTouch(out, key(target.coll(), target.id(), null), t);
        if (target.field() != null) addTouch(out, key(target.coll(), target.id(), target.field()), t);
      }
    }
    return out;
  }

  private static void addTouch(Map<String, List<Touch>> out, String key, Touch t) {
    List<Touch> l = out.computeIfAbsent(key, k -> new ArrayList<>());
    if (l.isEmpty() || l.get(l.size() - 1).seq() != t.seq()) l.add(t);
  }

  private static String key(String coll, String id, String field) {
    return coll + "\u0000" + id + "\u0000" + (field == null ? "" : field);
  }

  private static List<String> union(List<String> a, List<String> b) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    a.forEach(x -> m.put(x, true));
    b.forEach(x -> m.put(x, true));
    List<String> out = new ArrayList<>(m.keySet());
    out.sort(null);
    return out;
  }
}
