package it.tavolo.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.Refusal;
import it.tavolo.core.RandomEdits;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.ops.OpTransform;
import it.tavolo.core.ops.TransformNote;
import it.tavolo.core.text.TextOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes {@code src/test/resources/vectors/text-ot.json} and {@code ops-transform.json}:
 * hand-written cases plus seeded random ones, expected results computed by this engine (and
 * each checked for convergence before it is written). Run from {@code server/}:
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) it.tavolo.core.vectors.VectorGenerator</pre>
 *
 * (see the README next to the vectors). Seeds are fixed, so the output is stable.
 */
public final class VectorGenerator {
  /** ASCII output: lone surrogates (in the error cases) cannot be written as UTF-8. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.ESCAPE_NON_ASCII);
  static final long TEXT_SEED = 424242;
  static final long OPS_SEED = 737373;
  static final String ORG = "00000000-0000-4000-8000-000000000001";

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/vectors");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("text-ot.json"), MAPPER.writeValueAsString(textVectors()) + "\n");
    Files.writeString(dir.resolve("ops-transform.json"), MAPPER.writeValueAsString(opsVectors()) + "\n");
    System.out.println("wrote " + dir.resolve("text-ot.json") + " and " + dir.resolve("ops-transform.json"));
  }

  // ---- text ----

  static ObjectNode textVectors() throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("description", "ot.js TextOperation vectors; see README.md. UTF-16 code units throughout.");
    ArrayNode cases = root.putArray("cases");
    ArrayNode apply = root.putArray("apply");
    ArrayNode compose = root.putArray("compose");
    String pair = "\uD83D\uDE00";

    transformCase(cases, "tie: both insert at the same position, later first", "ab", "[1,\"L\",1]", "[1,\"E\",1]");
    transformCase(cases, "tie at start", "", "[\"L\"]", "[\"E\"]");
    transformCase(cases, "tie at end", "abc", "[3,\"L\"]", "[3,\"E\"]");
    transformCase(cases, "insert vs delete around it", "abcdef", "[3,\"X\",3]", "[1,-4,1]");
    transformCase(cases, "deletes overlapping", "abcdef", "[1,-3,2]", "[2,-3,1]");
    transformCase(cases, "same delete on both sides", "abcdef", "[1,-3,2]", "[1,-3,2]");
    transformCase(cases, "delete contained in delete", "abcdef", "[-6]", "[2,-2,2]");
    transformCase(cases, "empty ops on empty text", "", "[]", "[]");
    transformCase(cases, "empty later vs insert", "", "[]", "[\"x\"]");
    transformCase(cases, "identity vs edit", "abc", "[3]", "[1,-1,\"Z\",1]");
    transformCase(cases, "surrogate pair inserted at a tie", "a" + pair + "b", "[3,\"\uD83C\uDDEE\uD83C\uDDF9\",1]", "[3,\"" + pair + "\",1]");
    transformCase(cases, "delete a surrogate pair vs insert after it", "a" + pair + "b", "[1,-2,1]", "[3,\"x\",1]");
    transformCase(cases, "replace all vs replace all", "old", "[\"L\",-3]", "[\"E\",-3]");

    applyCase(apply, "retain insert delete", "abcd", "[2,\"X\",-1,1]");
    applyCase(apply, "insert into empty", "", "[\"hello\"]");
    applyCase(apply, "empty op on empty text", "", "[]");
    applyCase(apply, "delete everything", "abc", "[-3]");
    applyCase(apply, "insert after a surrogate pair", "a" + pair + "b", "[3,\"x\",1]");
    applyCase(apply, "delete a whole surrogate pair", "a" + pair + "b", "[1,-2,1]");
    applyCase(apply, "error: edit shorter than the text", "abc", "[2,\"x\"]");
    applyCase(apply, "error: edit longer than the text", "abc", "[4]");
    applyCase(apply, "error: insert between the halves of a pair", "a" + pair + "b", "[2,\"x\",2]");
    applyCase(apply, "error: delete starting inside a pair", "a" + pair + "b", "[2,-1,1]");
    applyCase(apply, "error: delete ending inside a pair", "a" + pair + "b", "[1,-1,2]");
    applyCase(apply, "error: insert a lone high surrogate", "ab", "[1,\"\uD83D\",1]");
    applyCase(apply, "error: insert a lone low surrogate", "ab", "[1,\"\uDE00\",1]");

    composeCase(compose, "insert then delete part of it", "abc", "[1,\"xyz\",2]", "[2,-2,2]");
    composeCase(compose, "delete then insert", "abc", "[-1,2]", "[\"Q\",2]");
    composeCase(compose, "typing a word", "", "[\"p\"]", "[1,\"er\"]");
    composeCase(compose, "empty with empty", "", "[]", "[]");
    composeCase(compose, "with surrogate pairs", pair, "[2,\"" + pair + "\"]", "[-2,2]");

    Random r = new Random(TEXT_SEED);
    RandomEdits gen = new RandomEdits(r, "x", 1);
    for (int i = 0; i < 150; i++) {
      String doc = gen.randomString(r.nextInt(8));
      transformCase(cases, "random " + i, doc, json(gen.textEdit(doc)), json(gen.textEdit(doc)));
    }
    for (int i = 0; i < 50; i++) {
      String doc = gen.randomString(r.nextInt(8));
      TextOperation a = gen.textEdit(doc);
      composeCase(compose, "random " + i, doc, json(a), json(gen.textEdit(a.apply(doc))));
    }
    return root;
  }

  private static String json(TextOperation op) {
    return OpCodec.encodeEdit(op).toString();
  }

  private static TextOperation edit(String json) throws Exception {
    return OpCodec.decodeEdit(MAPPER.readTree(json));
  }

  private static void transformCase(ArrayNode out, String name, String doc, String later, String earlier)
      throws Exception {
    TextOperation l = edit(later);
    TextOperation e = edit(earlier);
    TextOperation[] t = TextOperation.transform(l, e);
    String result = t[0].apply(e.apply(doc));
    if (!result.equals(t[1].apply(l.apply(doc)))) throw new IllegalStateException("diverges: " + name);
    ObjectNode c = out.addObject();
    c.put("name", name).put("doc", doc);
    c.set("later", OpCodec.encodeEdit(l));
    c.set("earlier", OpCodec.encodeEdit(e));
    c.set("laterPrime", OpCodec.encodeEdit(t[0]));
    c.set("earlierPrime", OpCodec.encodeEdit(t[1]));
    c.put("result", result);
  }

  private static void applyCase(ArrayNode out, String name, String doc, String op) throws Exception {
    ObjectNode c = out.addObject();
    c.put("name", name).put("doc", doc);
    c.set("op", MAPPER.readTree(op));
    try {
      c.put("result", edit(op).apply(doc));
    } catch (Refusal e) {
      c.put("error", e.code());
    }
  }

  private static void composeCase(ArrayNode out, String name, String doc, String a, String b) throws Exception {
    TextOperation ab = edit(a).compose(edit(b));
    ObjectNode c = out.addObject();
    c.put("name", name).put("doc", doc);
    c.set("a", MAPPER.readTree(a));
    c.set("b", MAPPER.readTree(b));
    c.set("composed", OpCodec.encodeEdit(ab));
    c.put("result", ab.apply(doc));
  }

  // ---- op lists ----

  static ObjectNode opsVectors() throws Exception {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("description", "Op-list transform vectors (OpTransform.transform(later, earlier)); see README.md.");
    ArrayNode cases = root.putArray("cases");
    DocumentState base = handBase();
    String s1Text = "{'op':'text','coll':'sections','id':'s1','field':'body','edit':[5,'!']}";
    opsCase(cases, "text vs text, tie: later first", base,
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'L',3]}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':[2,'E',-3]}]");
    opsCase(cases, "text on different fields", base,
        "[" + s1Text + "]", "[{'op':'text','coll':'sections','id':'s2','field':'body','edit':['?',1]}]");
    opsCase(cases, "text vs set of another field", base,
        "[" + s1Text + "]", "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'U'}]");
    opsCase(cases, "text vs move", base, "[" + s1Text + "]", "[{'op':'move','coll':'sections','id':'s1','order':'z'}]");
    opsCase(cases, "text on an entity deleted earlier: dropped", base,
        "[" + s1Text + "]", "[{'op':'delete','coll':'sections','id':'s1'}]");
    opsCase(cases, "delete vs earlier text: earlier' dropped", base,
        "[{'op':'delete','coll':'sections','id':'s1'}]", "[" + s1Text + "]");
    opsCase(cases, "set vs set one field: later wins", base,
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'L'}]",
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'E'}]");
    opsCase(cases, "set vs set different fields", base,
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':5}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'nature','value':'in_kind'}]");
    opsCase(cases, "set vs move one entity", base,
        "[{'op':'set','coll':'sections','id':'s1','field':'title','value':'L'}]",
        "[{'op':'move','coll':'sections','id':'s1','order':'q'}]");
    opsCase(cases, "set on an entity deleted earlier: dropped", base,
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':5}]",
        "[{'op':'delete','coll':'budget','id':'b1'}]");
    opsCase(cases, "set of a reference to an entity deleted earlier: null", base,
        "[{'op':'set','coll':'activities','id':'a1','field':'objective','value':'o2'}]",
        "[{'op':'delete','coll':'objectives','id':'o2'}]");
    opsCase(cases, "delete vs earlier set of a reference to it: earlier' sets null", base,
        "[{'op':'delete','coll':'objectives','id':'o2'}]",
        "[{'op':'set','coll':'activities','id':'a1','field':'objective','value':'o2'}]");
    opsCase(cases, "move vs move one entity: later wins", base,
        "[{'op':'move','coll':'sections','id':'s1','order':'L'}]",
        "[{'op':'move','coll':'sections','id':'s1','order':'E'}]");
    opsCase(cases, "move of an entity deleted earlier: dropped", base,
        "[{'op':'move','coll':'sections','id':'s1','order':'L'}]", "[{'op':'delete','coll':'sections','id':'s1'}]");
    opsCase(cases, "delete vs delete one entity", base,
        "[{'op':'delete','coll':'sections','id':'s1'}]", "[{'op':'delete','coll':'sections','id':'s1'}]");
    opsCase(cases, "delete of a referenced entity vs delete of another", base,
        "[{'op':'delete','coll':'objectives','id':'o1'}]", "[{'op':'delete','coll':'activities','id':'a1'}]");
    opsCase(cases, "creates of different ids", base,
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'c'}}]",
        "[{'op':'create','coll':'sections','id':'n2','fields':{'order':'c'}}]");
    opsCase(cases, "create of an id taken earlier: dropped with its ops, earlier' replaces", base,
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'L','body':'mine'}},"
            + "{'op':'text','coll':'sections','id':'n1','field':'body','edit':[4,'!']},"
            + "{'op':'set','coll':'sections','id':'n1','field':'title','value':'L'},"
            + "{'op':'move','coll':'sections','id':'n1','order':'M'}]",
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'E','body':'theirs'}}]");
    opsCase(cases, "create collision then later deletes the id: the delete stands", base,
        "[{'op':'create','coll':'objectives','id':'n1','fields':{'order':'L'}},"
            + "{'op':'create','coll':'activities','id':'n2','fields':{'order':'L','objective':'n1'}},"
            + "{'op':'delete','coll':'objectives','id':'n1'}]",
        "[{'op':'create','coll':'objectives','id':'n1','fields':{'order':'E'}}]");
    opsCase(cases, "create with a reference to an entity deleted earlier: null", base,
        "[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG + "','activity':'a1'}}]",
        "[{'op':'delete','coll':'activities','id':'a1'}]");
    opsCase(cases, "delete vs earlier create referencing it: earlier' gets null", base,
        "[{'op':'delete','coll':'activities','id':'a1'}]",
        "[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG + "','activity':'a1'}}]");
    opsCase(cases, "create vs delete of another entity", base,
        "[{'op':'create','coll':'sections','id':'n1','fields':{'order':'c'}}]", "[{'op':'delete','coll':'sections','id':'s2'}]");
    opsCase(cases, "ops in one batch: later batch of two against earlier batch of two", base,
        "[" + s1Text + ",{'op':'set','coll':'sections','id':'s1','field':'title','value':'L'}]",
        "[{'op':'text','coll':'sections','id':'s1','field':'body','edit':['>',5]},{'op':'set','coll':'sections','id':'s1','field':'title','value':'E'}]");
    // issue 15: a budget line's annualita and territorio, optional fields (absent while null)
    opsCase(cases, "set vs set of a line's annualita: later wins", base,
        "[{'op':'set','coll':'budget','id':'b1','field':'annualita','value':2}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'annualita','value':2026}]");
    opsCase(cases, "set of a territorio vs its clearing: later wins, null leaves the field out", base,
        "[{'op':'set','coll':'budget','id':'b1','field':'territorio','value':null}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'territorio','value':'Pistoia'}]");
    opsCase(cases, "set of a territorio on a line deleted earlier: dropped", base,
        "[{'op':'set','coll':'budget','id':'b1','field':'territorio','value':'Agliana'}]",
        "[{'op':'delete','coll':'budget','id':'b1'}]");
    opsCase(cases, "create of a line with annualita and territorio vs delete of its activity", base,
        "[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG
            + "','amount':250,'activity':'a1','annualita':1,'territorio':'Quarrata'}}]",
        "[{'op':'delete','coll':'activities','id':'a1'},"
            + "{'op':'set','coll':'budget','id':'b1','field':'annualita','value':1}]");
    opsCase(cases, "create of a line giving annualita null: the field stays out", base,
        "[{'op':'create','coll':'budget','id':'n1','fields':{'order':'c','contributor':'" + ORG
            + "','annualita':null,'territorio':null}}]",
        "[{'op':'set','coll':'budget','id':'b1','field':'amount','value':7}]");
    // the notes' interventi (issue 19): left out of snapshots while the collection is empty
    DocumentState notes = handBase();
    OpApplier.applyAll(notes, ops("[{'op':'create','coll':'interventi','id':'i1','fields':{'order':'t1','item':'s1',"
        + "'kind':'riserva','speaker':'Donatella Turri','text':'Riserva'}}]"), "base", 1);
    opsCase(cases, "interventi: two entries created at once", base,
        "[{'op':'create','coll':'interventi','id':'n1','fields':{'order':'t1','item':'s1','speaker':'A','text':'uno'}}]",
        "[{'op':'create','coll':'interventi','id':'n2','fields':{'order':'t1','item':'s1','kind':'dichiarazione',"
            + "'speaker':'B','speakerUser':'u2','organisation':'O','text':'due'}}]");
    opsCase(cases, "interventi: an entry on a section deleted earlier: its item null", base,
        "[{'op':'create','coll':'interventi','id':'n1','fields':{'order':'t1','item':'s2','speaker':'A','text':'uno'}}]",
        "[{'op':'delete','coll':'sections','id':'s2'}]");
    opsCase(cases, "interventi: text vs text on one entry", notes,
        "[{'op':'text','coll':'interventi','id':'i1','field':'text','edit':[7,' L']}]",
        "[{'op':'text','coll':'interventi','id':'i1','field':'text','edit':['E ',7]}]");
    opsCase(cases, "interventi: the only entry deleted vs a set on it: the collection leaves the snapshot", notes,
        "[{'op':'delete','coll':'interventi','id':'i1'}]",
        "[{'op':'set','coll':'interventi','id':'i1','field':'kind','value':'intervento'}]");
    opsCase(cases, "empty lists", base, "[]", "[]");

    Random r = new Random(OPS_SEED);
    for (int i = 0; i < 80; i++) {
      RandomEdits gen = new RandomEdits(r, "e", 4);
      DocumentState s = gen.randomDocument(1 + r.nextInt(2));
      List<Op> earlier = gen.batch(s.copy(), 3, "E", 1);
      List<Op> later = gen.batch(s.copy(), 3, "L", 2);
      opsCase(cases, "random " + i, s, OpCodec.toJson(later), OpCodec.toJson(earlier));
    }
    return root;
  }

  static DocumentState handBase() {
    DocumentState d = new DocumentState();
    OpApplier.applyAll(d, ops("["
        + "{'op':'create','coll':'sections','id':'s1','fields':{'order':'a','title':'T','body':'hello'}},"
        + "{'op':'create','coll':'sections','id':'s2','fields':{'order':'b','body':'x'}},"
        + "{'op':'create','coll':'objectives','id':'o1','fields':{'order':'a','kind':'generale'}},"
        + "{'op':'create','coll':'objectives','id':'o2','fields':{'order':'b','parent':'o1'}},"
        + "{'op':'create','coll':'activities','id':'a1','fields':{'order':'a','objective':'o1'}},"
        + "{'op':'create','coll':'budget','id':'b1','fields':{'order':'a','contributor':'" + ORG + "','amount':100,'activity':'a1'}}"
        + "]"), "base", 1);
    return d;
  }

  private static List<Op> ops(String json) {
    return OpCodec.decodeBatch(json.replace('\'', '"'));
  }

  private static void opsCase(ArrayNode out, String name, DocumentState base, String later, String earlier)
      throws Exception {
    List<Op> l = ops(later);
    List<Op> e = ops(earlier);
    OpTransform.Result t = OpTransform.transform(l, e);
    DocumentState a = base.copy();
    OpApplier.applyAll(a, e, "E", 1);
    OpApplier.applyAll(a, t.later(), "L", 2);
    DocumentState b = base.copy();
    OpApplier.applyAll(b, l, "L", 2);
    OpApplier.applyAll(b, t.earlier(), "E", 1);
    JsonNode result = StateCodec.snapshot(a).get("collections");
    if (!result.equals(StateCodec.snapshot(b).get("collections"))) throw new IllegalStateException("diverges: " + name);
    ObjectNode c = out.addObject();
    c.put("name", name);
    c.putObject("state").set("collections", StateCodec.snapshot(base).get("collections"));
    c.set("later", OpCodec.encodeBatch(l));
    c.set("earlier", OpCodec.encodeBatch(e));
    c.set("expected", OpCodec.encodeBatch(t.later()));
    c.set("earlierPrime", OpCodec.encodeBatch(t.earlier()));
    ArrayNode notes = c.putArray("laterNotes");
    for (TransformNote n : t.notes()) notes.addObject().put("index", n.index()).put("reason", n.reason().code());
    c.putObject("result").set("collections", result);
  }
}
