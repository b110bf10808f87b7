package it.tavolo.core.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.tavolo.core.Refusal;
import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Schema;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.ops.OpTransform;
import it.tavolo.core.ops.TransformNote;
import it.tavolo.core.text.TextOperation;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Java core reproduces every shared vector (the browser engine runs the same files). */
class VectorsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode load(String name) throws Exception {
    try (InputStream in = VectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      return MAPPER.readTree(in);
    }
  }

  /** Re-parsed so number node types compare equal. */
  private static JsonNode norm(JsonNode n) throws Exception {
    return MAPPER.readTree(n.toString());
  }

  @Test
  void textTransformApplyAndComposeVectorsAllHold() throws Exception {
    JsonNode root = load("text-ot.json");
    int n = 0;
    for (JsonNode c : root.get("cases")) {
      String name = c.get("name").asText();
      TextOperation l = OpCodec.decodeEdit(c.get("later"));
      TextOperation e = OpCodec.decodeEdit(c.get("earlier"));
      TextOperation[] t = TextOperation.transform(l, e);
      assertEquals(norm(c.get("laterPrime")), norm(OpCodec.encodeEdit(t[0])), name);
      assertEquals(norm(c.get("earlierPrime")), norm(OpCodec.encodeEdit(t[1])), name);
      String doc = c.get("doc").asText();
      assertEquals(c.get("result").asText(), t[0].apply(e.apply(doc)), name);
      assertEquals(c.get("result").asText(), t[1].apply(l.apply(doc)), name);
      n++;
    }
    for (JsonNode c : root.get("apply")) {
      String name = c.get("name").asText();
      String doc = c.get("doc").asText();
      if (c.has("error")) {
        Refusal ex = assertThrows(Refusal.class, () -> OpCodec.decodeEdit(c.get("op")).apply(doc), name);
        assertEquals(c.get("error").asText(), ex.code(), name);
      } else {
        assertEquals(c.get("result").asText(), OpCodec.decodeEdit(c.get("op")).apply(doc), name);
      }
      n++;
    }
    for (JsonNode c : root.get("compose")) {
      String name = c.get("name").asText();
      TextOperation ab = OpCodec.decodeEdit(c.get("a")).compose(OpCodec.decodeEdit(c.get("b")));
      assertEquals(norm(c.get("composed")), norm(OpCodec.encodeEdit(ab)), name);
      assertEquals(c.get("result").asText(), ab.apply(c.get("doc").asText()), name);
      n++;
    }
    assertTrue(n > 200, "vectors present: " + n);
  }

  @Test
  void opListTransformVectorsAllHoldInBothOrders() throws Exception {
    JsonNode root = load("ops-transform.json");
    int n = 0;
    for (JsonNode c : root.get("cases")) {
      String name = c.get("name").asText();
      List<Op> later = OpCodec.decodeBatch(c.get("later"));
      List<Op> earlier = OpCodec.decodeBatch(c.get("earlier"));
      OpTransform.Result t = OpTransform.transform(later, earlier);
      assertEquals(norm(c.get("expected")), norm(OpCodec.encodeBatch(t.later())), name);
      assertEquals(norm(c.get("earlierPrime")), norm(OpCodec.encodeBatch(t.earlier())), name);
      List<String> notes = new ArrayList<>();
      for (TransformNote note : t.notes()) notes.add(note.index() + ":" + note.reason().code());
      List<String> expectedNotes = new ArrayList<>();
      for (JsonNode note : c.get("laterNotes")) expectedNotes.add(note.get("index").asInt() + ":" + note.get("reason").asText());
      assertEquals(expectedNotes, notes, name);

      DocumentState viaEarlier = fromSnapshot(c.get("state"));
      OpApplier.applyAll(viaEarlier, earlier, "E", 1);
      OpApplier.applyAll(viaEarlier, t.later(), "L", 2);
      DocumentState viaLater = fromSnapshot(c.get("state"));
      OpApplier.applyAll(viaLater, later, "L", 2);
      OpApplier.applyAll(viaLater, t.earlier(), "E", 1);
      JsonNode expected = norm(c.get("result").get("collections"));
      assertEquals(expected, norm(StateCodec.snapshot(viaEarlier).get("collections")), name);
      assertEquals(expected, norm(StateCodec.snapshot(viaLater).get("collections")), name);
      n++;
    }
    assertTrue(n > 50, "vectors present: " + n);
  }

  /** A document from snapshot collections: entities first, references once all exist. */
  static DocumentState fromSnapshot(JsonNode snapshot) {
    DocumentState d = new DocumentState();
    List<Op> refs = new ArrayList<>();
    List<Op> creates = new ArrayList<>();
    JsonNode colls = snapshot.get("collections");
    for (CollectionDef c : Schema.collections()) {
      Iterator<Map.Entry<String, JsonNode>> it = colls.path(c.name()).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldDef f : c.fields()) {
          JsonNode v = e.getValue().get(f.name());
          Object value = v == null || v.isNull() ? null : v.isIntegralNumber() ? (Object) v.longValue() : v.asText();
          if (f.type() == FieldType.REF) {
            if (value != null) refs.add(new Op.Set(c.name(), e.getKey(), f.name(), value));
          } else {
            fields.put(f.name(), value);
          }
        }
        creates.add(new Op.Create(c.name(), e.getKey(), fields));
      }
    }
    creates.addAll(refs);
    OpApplier.applyAll(d, creates, "base", 0);
    return d;
  }
}
