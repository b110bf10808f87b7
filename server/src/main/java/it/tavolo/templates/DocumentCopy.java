package it.tavolo.templates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A document's state as the ops of one batch that creates it again: every entity with its
 * fields as they are (texts as plain text), in an order where each reference points at an
 * entity already created (general objectives before specific ones, objectives before
 * activities, activities before budget lines). Plain Java, no I/O.
 */
final class DocumentCopy {
  private DocumentCopy() {}

  static JsonArray ops(DocumentState s) {
    JsonArray ops = new JsonArray();
    add(ops, s, Schema.SECTIONS, ordered(s, Schema.SECTIONS));
    List<String> objectives = ordered(s, Schema.OBJECTIVES);
    List<String> parentsFirst = new ArrayList<>();
    for (String id : objectives) if (s.value(Schema.OBJECTIVES, id, "parent") == null) parentsFirst.add(id);
    for (String id : objectives) if (s.value(Schema.OBJECTIVES, id, "parent") != null) parentsFirst.add(id);
    add(ops, s, Schema.OBJECTIVES, parentsFirst);
    add(ops, s, Schema.ACTIVITIES, ordered(s, Schema.ACTIVITIES));
    add(ops, s, Schema.BUDGET, ordered(s, Schema.BUDGET));
    return ops;
  }

  private static List<String> ordered(DocumentState s, String coll) {
    List<String> ids = new ArrayList<>(s.ids(coll));
    ids.sort(Comparator.comparing((String id) -> (String) s.value(coll, id, "order")).thenComparing(id -> id));
    return ids;
  }

  private static void add(JsonArray ops, DocumentState s, String coll, List<String> ids) {
    for (String id : ids) {
      JsonObject fields = new JsonObject();
      for (Map.Entry<String, Object> f : s.fields(coll, id).entrySet()) {
        if (f.getValue() != null) fields.put(f.getKey(), f.getValue());
      }
      ops.add(new JsonObject().put("op", "create").put("coll", coll).put("id", id).put("fields", fields));
    }
  }
}
