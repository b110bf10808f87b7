package it.tavolo.core.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.Refusal;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wire JSON ⇄ {@link Op} (PROTOCOL.md "Operations"). Every malformed shape is refused with an
 * {@link Refusal} of code {@code invalid_op} and a message naming what is wrong; unknown
 * extra properties are ignored so the protocol can grow.
 */
public final class OpCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpCodec() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a JSON array of ops. */
  public static List<Op> decodeBatch(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw Refusal.invalidOp("ops are not valid JSON");
    }
    return decodeBatch(node);
  }

  public static List<Op> decodeBatch(JsonNode node) {
    if (node == null || !node.isArray()) throw Refusal.invalidOp("ops must be a JSON array");
    List<Op> ops = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      try {
        ops.add(decode(node.get(i)));
      } catch (Refusal e) {
        throw e.prefixed("op " + i + ": ");
      }
    }
    return ops;
  }

  public static Op decode(JsonNode node) {
    if (node == null || !node.isObject()) throw Refusal.invalidOp("an op must be a JSON object");
    String kind = text(node, "op");
    String coll = text(node, "coll");
    String id = text(node, "id");
    switch (kind) {
      case "create" -> {
        JsonNode f = node.get("fields");
        if (f == null || !f.isObject()) throw Refusal.invalidOp("create needs \"fields\", an object");
        Map<String, Object> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = f.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          fields.put(e.getKey(), value(e.getValue(), "fields." + e.getKey()));
        }
        JsonNode r = node.get("replace");
        boolean replace = false;
        if (r != null && !r.isNull()) {
          if (!r.isBoolean()) throw Refusal.invalidOp("\"replace\" must be a boolean");
          replace = r.booleanValue();
        }
        return new Op.Create(coll, id, fields, replace);
      }
      case "delete" -> {
        return new Op.Delete(coll, id);
      }
      case "set" -> {
        String field = text(node, "field");
        if (!node.has("value")) throw Refusal.invalidOp("set needs \"value\" (null to clear)");
        return new Op.Set(coll, id, field, value(node.get("value"), "value"));
      }
      case "text" -> {
        String field = text(node, "field");
        return new Op.Text(coll, id, field, decodeEdit(node.get("edit")));
      }
      case "move" -> {
        return new Op.Move(coll, id, text(node, "order"));
      }
      default -> throw Refusal.invalidOp(
          "unknown op \"" + kind + "\" (expected create, delete, set, text or move)");
    }
  }

  /** An ot.js TextOperation in JSON: positive int retains, string inserts, negative int deletes. */
  public static TextOperation decodeEdit(JsonNode edit) {
    if (edit == null || !edit.isArray()) throw Refusal.invalidOp("\"edit\" must be a JSON array");
    TextOperation.Builder b = TextOperation.builder();
    for (int i = 0; i < edit.size(); i++) {
      JsonNode c = edit.get(i);
      if (c.isTextual()) {
        b.insert(c.textValue());
      } else if (c.isIntegralNumber() && c.canConvertToInt() && c.intValue() != 0
          && c.intValue() != Integer.MIN_VALUE) {
        int n = c.intValue();
        if (n > 0) b.retain(n);
        else b.delete(-n);
      } else {
        throw Refusal.invalidOp(
            "edit component " + i + " must be a string or a non-zero integer, not " + c);
      }
    }
    return b.build();
  }

  public static ArrayNode encodeEdit(TextOperation edit) {
    ArrayNode a = NODES.arrayNode(edit.size());
    for (int i = 0; i < edit.size(); i++) {
      if (edit.isInsert(i)) a.add(edit.insertedText(i));
      else if (edit.isRetain(i)) a.add(edit.length(i));
      else a.add(-edit.length(i));
    }
    return a;
  }

  public static ObjectNode encode(Op op) {
    ObjectNode o = NODES.objectNode();
    if (op instanceof Op.Create c) {
      o.put("op", "create").put("coll", c.coll()).put("id", c.id());
      ObjectNode f = o.putObject("fields");
      c.fields().forEach((k, v) -> f.set(k, valueNode(v)));
      if (c.replace()) o.put("replace", true);
    } else if (op instanceof Op.Delete d) {
      o.put("op", "delete").put("coll", d.coll()).put("id", d.id());
    } else if (op instanceof Op.Set s) {
      o.put("op", "set").put("coll", s.coll()).put("id", s.id()).put("field", s.field());
      o.set("value", valueNode(s.value()));
    } else if (op instanceof Op.Text t) {
      o.put("op", "text").put("coll", t.coll()).put("id", t.id()).put("field", t.field());
      o.set("edit", encodeEdit(t.edit()));
    } else {
      Op.Move m = (Op.Move) op;
      o.put("op", "move").put("coll", m.coll()).put("id", m.id()).put("order", m.order());
    }
    return o;
  }

  public static ArrayNode encodeBatch(List<Op> ops) {
    ArrayNode a = NODES.arrayNode(ops.size());
    for (Op op : ops) a.add(encode(op));
    return a;
  }

  /** The batch as a compact JSON string (the form stored in the op log). */
  public static String toJson(List<Op> ops) {
    return encodeBatch(ops).toString();
  }

  /**
   * What transformation did to a submitted batch, for the sender:
   * {@code [{"index":0,"reason":"entity_deleted"}, ...]} (reasons: {@link
   * TransformNote.Reason#code()}).
   */
  public static ArrayNode encodeNotes(List<TransformNote> notes) {
    ArrayNode a = NODES.arrayNode(notes.size());
    for (TransformNote n : notes) a.addObject().put("index", n.index()).put("reason", n.reason().code());
    return a;
  }

  public static JsonNode valueNode(Object v) {
    if (v == null) return NODES.nullNode();
    if (v instanceof Long n) return NODES.numberNode(n);
    if (v instanceof String s) return NODES.textNode(s);
    throw new IllegalArgumentException("not a field value: " + v);
  }

  private static Object value(JsonNode v, String where) {
    if (v == null || v.isNull()) return null;
    if (v.isTextual()) return v.textValue();
    if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
    throw Refusal.invalidOp(where + " must be a string, an integer or null");
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual()) throw Refusal.invalidOp("an op needs \"" + name + "\", a string");
    return v.textValue();
  }
}
