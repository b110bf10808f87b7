package it.tavolo.core.record;

import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The forward batch that turns the document {@code from} (the head) into the content of
 * {@code to} (an older version): restoring never rewrites history, it adds to it. Text
 * fields change by a word diff, so text both states share keeps its authors.
 *
 * <p>Order: entities missing from the head are created first with their references left
 * null (they may point at each other), then every field is brought to its old value
 * (references included), then entities absent from the old version are deleted (deleting
 * clears references to them, and none of the old values refers to them).
 */
public final class Restore {
  private Restore() {}

  public static List<Op> ops(DocumentState from, DocumentState to) {
    List<Op> creates = new ArrayList<>();
    List<Op> changes = new ArrayList<>();
    List<Op> deletes = new ArrayList<>();
    for (CollectionDef c : Schema.collections()) {
      for (String id : to.ids(c.name())) {
        Map<String, Object> want = to.fields(c.name(), id);
        if (!from.exists(c.name(), id)) {
          Map<String, Object> fields = new LinkedHashMap<>();
          for (FieldDef f : c.fields()) {
            Object v = want.get(f.name());
            if (v == null && f.optional()) continue; // as a create before the field existed
            if (f.type() == FieldType.REF) {
              if (v != null) changes.add(new Op.Set(c.name(), id, f.name(), v));
            } else {
              fields.put(f.name(), v);
            }
          }
          creates.add(new Op.Create(c.name(), id, fields));
          continue;
        }
        Map<String, Object> have = from.fields(c.name(), id);
        for (FieldDef f : c.fields()) {
          Object w = want.get(f.name());
          Object h = have.get(f.name());
          if (Objects.equals(w, h)) continue;
          if (f.type() == FieldType.TEXT) {
            changes.add(new Op.Text(c.name(), id, f.name(), TextDiff.operation((String) h, (String) w)));
          } else if (f.type() == FieldType.ORDER) {
            changes.add(new Op.Move(c.name(), id, (String) w));
          } else {
            changes.add(new Op.Set(c.name(), id, f.name(), w));
          }
        }
      }
      for (String id : from.ids(c.name())) {
        if (!to.exists(c.name(), id)) deletes.add(new Op.Delete(c.name(), id));
      }
    }
    List<Op> out = new ArrayList<>(creates.size() + changes.size() + deletes.size());
    out.addAll(creates);
    out.addAll(changes);
    out.addAll(deletes);
    return out;
  }
}
