package it.tavolo.templates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template's structure — {@code {"sections": [{"title", "guidance"}], "objectives": [{"kind",
 * "title", "guidance"}], "activities": [{"title"}]}} — turned into the ops of one creating
 * batch (empty texts) and the guidance notes by entity, or read back from a document. Plain
 * functions, no I/O.
 */
final class Structure {
  static final int MAX_ENTITIES = 200;
  static final int MAX_GUIDANCE = 2000;

  private Structure() {}

  /** What a new document gets: its ops, and the notes keyed "sections/sec-1". */
  record Plan(JsonArray ops, Map<String, String> guidance) {}

  static Plan plan(JsonObject structure) {
    JsonArray ops = new JsonArray();
    Map<String, String> guidance = new LinkedHashMap<>();
    int n = 0;
    for (JsonObject s : list(structure, "sections")) {
      String id = "sec-" + (++n);
      ops.add(create(Schema.SECTIONS, id, new JsonObject().put("order", key(n)).put("title", title(s)).put("body", "")));
      note(guidance, Schema.SECTIONS, id, s);
    }
    n = 0;
    for (JsonObject o : list(structure, "objectives")) {
      String id = "obj-" + (++n);
      boolean general = !"specifico".equals(o.getString("kind"));
      ops.add(create(Schema.OBJECTIVES, id, new JsonObject().put("order", key(n)).put("kind", general ? "generale" : "specifico")
          .put("parent", null).put("title", title(o)).put("description", "")));
      note(guidance, Schema.OBJECTIVES, id, o);
    }
    n = 0;
    for (JsonObject a : list(structure, "activities")) {
      String id = "act-" + (++n);
      ops.add(create(Schema.ACTIVITIES, id, new JsonObject().put("order", key(n)).put("objective", null)
          .put("title", title(a)).put("description", "")));
    }
    return new Plan(ops, guidance);
  }

  /** A document's structure now: titles and kinds in order, with the notes it was given (if any). */
  static JsonObject of(DocumentState s, Map<String, String> guidance) {
    JsonArray sections = new JsonArray();
    for (String id : ordered(s, Schema.SECTIONS)) {
      sections.add(entry(s.value(Schema.SECTIONS, id, "title"), guidance.get(Schema.SECTIONS + "/" + id)));
    }
    JsonArray objectives = new JsonArray();
    for (String id : ordered(s, Schema.OBJECTIVES)) {
      objectives.add(entry(s.value(Schema.OBJECTIVES, id, "title"), guidance.get(Schema.OBJECTIVES + "/" + id))
          .put("kind", s.value(Schema.OBJECTIVES, id, "kind")));
    }
    JsonArray activities = new JsonArray();
    for (String id : ordered(s, Schema.ACTIVITIES)) activities.add(entry(s.value(Schema.ACTIVITIES, id, "title"), null));
    return new JsonObject().put("sections", sections).put("objectives", objectives).put("activities", activities);
  }

  /** What a listing shows of a structure: how many of each. */
  static JsonObject counts(JsonObject structure) {
    return new JsonObject().put("sections", list(structure, "sections").size())
        .put("objectives", list(structure, "objectives").size()).put("activities", list(structure, "activities").size());
  }

  private static JsonObject entry(Object title, String guidance) {
    JsonObject e = new JsonObject().put("title", title == null ? "" : title.toString());
    if (guidance != null) e.put("guidance", guidance);
    return e;
  }

  private static List<String> ordered(DocumentState s, String coll) {
    List<String> ids = new ArrayList<>(s.ids(coll));
    ids.sort(Comparator.comparing((String id) -> String.valueOf(s.value(coll, id, "order"))).thenComparing(id -> id));
    return ids;
  }

  private static List<JsonObject> list(JsonObject structure, String key) {
    JsonArray a = structure.getJsonArray(key, new JsonArray());
    List<JsonObject> out = new ArrayList<>();
    for (Object o : a) if (o instanceof JsonObject j && out.size() < MAX_ENTITIES) out.add(j);
    return out;
  }

  private static String title(JsonObject e) {
    String t = e.getString("title", "").strip();
    return t.length() > 200 ? t.substring(0, 200) : t;
  }

  private static void note(Map<String, String> guidance, String coll, String id, JsonObject e) {
    String g = e.getString("guidance");
    if (g != null && !g.isBlank()) guidance.put(coll + "/" + id, g.strip().length() > MAX_GUIDANCE ? g.strip().substring(0, MAX_GUIDANCE) : g.strip());
  }

  private static JsonObject create(String coll, String id, JsonObject fields) {
    return new JsonObject().put("op", "create").put("coll", coll).put("id", id).put("fields", fields);
  }

  /** Order keys that sort as the entities came, as the import's: "a0001", "a0002"… */
  private static String key(int n) {
    return String.format("a%04d", n);
  }
}
