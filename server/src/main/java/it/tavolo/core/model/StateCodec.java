package it.tavolo.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.text.AuthorRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON forms of a {@link DocumentState}:
 *
 * <ul>
 *   <li>snapshot (PROTOCOL.md): {@code {"seq":n,"collections":{coll:{id:{field:value}}}}},
 *       text as plain strings, every field present (null when unset) except an {@link
 *       FieldDef#optional() optional} one, which is left out while null;
 *   <li>authorship: {@code {"seq":n,"collections":{coll:{id:{field:...}}}}} where a text field
 *       holds its runs {@code [[length, author], ...]} and a scalar {@code {"by":author,
 *       "seq":s}};
 *   <li>state (lossless, for database snapshots): {@code {"format":1,"seq":n,
 *       "collections":...snapshot..., "authorship":...authorship...}}.
 * </ul>
 *
 * Entities are written in id order and fields in schema order, so equal states give equal
 * JSON text. A collection {@link CollectionDef#omittedWhenEmpty() omitted when empty} is
 * left out of all three while it has no entity.
 */
public final class StateCodec {
  public static final int FORMAT = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StateCodec() {}

  public static ObjectNode snapshot(DocumentState s) {
    ObjectNode root = NODES.objectNode();
    root.put("seq", s.seq());
    root.set("collections", collections(s));
    return root;
  }

  public static String snapshotJson(DocumentState s) {
    return snapshot(s).toString();
  }

  public static ObjectNode authorship(DocumentState s) {
    ObjectNode root = NODES.objectNode();
    root.put("seq", s.seq());
    root.set("collections", authorshipCollections(s));
    return root;
  }

  public static String authorshipJson(DocumentState s) {
    return authorship(s).toString();
  }

  public static ObjectNode state(DocumentState s) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("seq", s.seq());
    root.set("collections", collections(s));
    root.set("authorship", authorshipCollections(s));
    return root;
  }

  public static String stateJson(DocumentState s) {
    return state(s).toString();
  }

  private static ObjectNode collections(DocumentState s) {
    ObjectNode colls = NODES.objectNode();
    for (CollectionDef c : Schema.collections()) {
      if (c.omittedWhenEmpty() && s.collectionsView().get(c.name()).isEmpty()) continue;
      ObjectNode entities = colls.putObject(c.name());
      for (Entity e : s.collectionsView().get(c.name()).values()) {
        ObjectNode fields = entities.putObject(e.id);
        for (int i = 0; i < e.values.length; i++) {
          Object v = e.values[i];
          String name = c.field(i).name();
          if (v == null && c.field(i).optional()) continue;
          if (v instanceof TextField t) fields.put(name, t.text.toString());
          else if (v instanceof Long n) fields.put(name, n);
          else if (v instanceof String str) fields.put(name, str);
          else fields.putNull(name);
        }
      }
    }
    return colls;
  }

  private static ObjectNode authorshipCollections(DocumentState s) {
    ObjectNode colls = NODES.objectNode();
    for (CollectionDef c : Schema.collections()) {
      if (c.omittedWhenEmpty() && s.collectionsView().get(c.name()).isEmpty()) continue;
      ObjectNode entities = colls.putObject(c.name());
      for (Entity e : s.collectionsView().get(c.name()).values()) {
        ObjectNode fields = entities.putObject(e.id);
        for (int i = 0; i < e.values.length; i++) {
          String name = c.field(i).name();
          if (e.values[i] instanceof TextField t) {
            fields.set(name, runs(t.runs.snapshot()));
          } else if (e.values[i] == null && e.setBy[i] == null && c.field(i).optional()) {
            continue; // never set: as in a state written before the field existed
          } else {
            ObjectNode by = fields.putObject(name);
            if (e.setBy[i] == null) by.putNull("by");
            else by.put("by", e.setBy[i]);
            by.put("seq", e.setSeq[i]);
          }
        }
      }
    }
    return colls;
  }

  public static ArrayNode runs(AuthorRuns runs) {
    ArrayNode a = NODES.arrayNode(runs.runCount());
    for (AuthorRuns.Run r : runs.runs()) a.addArray().add(r.length()).add(r.author());
    return a;
  }

  /**
   * A document from a wire snapshot ({@link #snapshot} output, as a client receives it in
   * {@code welcome}) and, if known, its {@link #authorship}; without authorship, text is
   * credited to {@code "unknown"} and scalars to nobody. For clients (e.g. a {@code
   * ClientDocument} in a load generator); values are trusted, not re-validated.
   */
  public static DocumentState readSnapshot(JsonNode snapshot, JsonNode authorship, Limits limits) {
    ObjectNode state = NODES.objectNode();
    state.put("format", FORMAT);
    state.put("seq", snapshot.path("seq").asLong());
    state.set("collections", snapshot.get("collections"));
    if (authorship != null && authorship.has("collections")) {
      state.set("authorship", authorship.get("collections"));
    } else {
      ObjectNode auth = state.putObject("authorship");
      for (CollectionDef c : Schema.collections()) {
        ObjectNode entities = auth.putObject(c.name());
        snapshot.path("collections").path(c.name()).fields().forEachRemaining(en -> {
          ObjectNode fields = entities.putObject(en.getKey());
          for (FieldDef f : c.fields()) {
            if (f.type() == FieldType.TEXT) {
              ArrayNode runs = fields.putArray(f.name());
              int len = en.getValue().path(f.name()).asText("").length();
              if (len > 0) runs.addArray().add(len).add("unknown");
            } else if (!f.optional() || en.getValue().has(f.name())) {
              fields.putObject(f.name()).putNull("by").put("seq", 0);
            }
          }
        });
      }
    }
    return readState(state, limits);
  }

  /** Reads {@link #state} output back; refuses anything inconsistent. */
  public static DocumentState readState(String json, Limits limits) {
    try {
      return readState(MAPPER.readTree(json), limits);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("document state is not valid JSON", e);
    }
  }

  public static DocumentState readState(JsonNode root, Limits limits) {
    if (root == null || root.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException("document state has an unknown format");
    }
    DocumentState d = new DocumentState(limits);
    d.setSeq(root.path("seq").asLong());
    JsonNode colls = root.path("collections");
    JsonNode auth = root.path("authorship");
    for (CollectionDef c : Schema.collections()) {
      JsonNode entities = colls.path(c.name());
      Map<String, JsonNode> byId = new TreeMap<>();
      entities.fields().forEachRemaining(en -> byId.put(en.getKey(), en.getValue()));
      for (Map.Entry<String, JsonNode> en : byId.entrySet()) {
        String id = en.getKey();
        JsonNode fields = en.getValue();
        JsonNode fieldAuth = auth.path(c.name()).path(id);
        Entity e = new Entity(id, c.fields().size());
        for (int i = 0; i < c.fields().size(); i++) {
          FieldDef f = c.field(i);
          JsonNode v = fields.get(f.name());
          JsonNode a = fieldAuth.get(f.name());
          if (f.optional() && v == null) {
            v = NODES.nullNode(); // written before the field existed, or null
          }
          if (f.optional() && a == null) {
            a = NODES.objectNode().putNull("by").put("seq", 0);
          }
          if (v == null || a == null) {
            throw new IllegalArgumentException("state lacks " + c.name() + "/" + id + "." + f.name());
          }
          if (f.type() == FieldType.TEXT) {
            String text = v.asText();
            List<AuthorRuns.Run> runs = new ArrayList<>();
            for (JsonNode r : a) runs.add(new AuthorRuns.Run(r.get(0).asInt(), r.get(1).asText()));
            AuthorRuns ar = AuthorRuns.fromRuns(runs);
            if (ar.length() != text.length()) {
              throw new IllegalArgumentException(
                  "author runs of " + c.name() + "/" + id + "." + f.name() + " do not cover its text");
            }
            e.values[i] = DocumentState.newTextField(text, ar);
          } else {
            e.values[i] = v.isNull() ? null : v.isIntegralNumber() ? (Object) v.longValue() : v.asText();
            JsonNode by = a.get("by");
            e.setBy[i] = by == null || by.isNull() ? null : by.asText();
            e.setSeq[i] = a.path("seq").asLong();
          }
        }
        d.restoreEntity(c.name(), e);
      }
    }
    return d;
  }
}
