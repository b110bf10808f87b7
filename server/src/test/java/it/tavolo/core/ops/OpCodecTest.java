package it.tavolo.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.Refusal;
import it.tavolo.core.RandomEdits;
import it.tavolo.core.Seeds;
import it.tavolo.core.model.DocumentState;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpCodecTest {

  private static String refusal(String json) {
    Refusal e = assertThrows(Refusal.class, () -> OpCodec.decodeBatch(json.replace('\'', '"')), json);
    assertEquals("invalid_op", e.code(), json);
    return e.getMessage();
  }

  @Test
  void everyMalformedShapeIsRefusedAsInvalidOpWithAMessage() {
    for (String bad : List.of(
        "not json", "{}", "[1]", "[null]", "['create']", "[[]]",
        "[{}]",
        "[{'op':'explode','coll':'sections','id':'a'}]",
        "[{'op':7,'coll':'sections','id':'a'}]",
        "[{'op':'delete','coll':'sections'}]",
        "[{'op':'delete','id':'a'}]",
        "[{'op':'delete','coll':null,'id':'a'}]",
        "[{'op':'delete','coll':'sections','id':5}]",
        "[{'op':'create','coll':'sections','id':'a'}]",
        "[{'op':'create','coll':'sections','id':'a','fields':[]}]",
        "[{'op':'create','coll':'sections','id':'a','fields':{'order':1.5}}]",
        "[{'op':'create','coll':'sections','id':'a','fields':{'order':true}}]",
        "[{'op':'create','coll':'sections','id':'a','fields':{'order':{}}}]",
        "[{'op':'create','coll':'sections','id':'a','fields':{'order':'a'},'replace':'yes'}]",
        "[{'op':'set','coll':'sections','id':'a','field':'title'}]",
        "[{'op':'set','coll':'sections','id':'a','value':'x'}]",
        "[{'op':'set','coll':'sections','id':'a','field':'title','value':[1]}]",
        "[{'op':'set','coll':'budget','id':'a','field':'amount','value':1e3}]",
        "[{'op':'set','coll':'budget','id':'a','field':'amount','value':99999999999999999999999}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body'}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':'abc'}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':[0]}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':[1.5]}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':[null]}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':[{}]}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':[3000000000]}]",
        "[{'op':'text','coll':'sections','id':'a','field':'body','edit':[-2147483648]}]",
        "[{'op':'move','coll':'sections','id':'a'}]",
        "[{'op':'move','coll':'sections','id':'a','order':null}]")) {
      assertTrue(refusal(bad).length() > 5, bad);
    }
  }

  @Test
  void messageNamesTheOffendingOp() {
    String m = refusal("[{'op':'delete','coll':'sections','id':'a'},{'op':'move','coll':'sections','id':'a'}]");
    assertTrue(m.startsWith("op 1:"), m);
  }

  @Test
  void unknownExtraPropertiesAreIgnoredSoTheProtocolCanGrow() {
    List<Op> ops = OpCodec.decodeBatch("[{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"a\",\"note\":\"hi\"}]");
    assertEquals(List.of(new Op.Delete("sections", "a")), ops);
  }

  @Test
  void randomBatchesRoundTripThroughWireJson() {
    Seeds.forEach(50_000, 500, seed -> {
      Random r = new Random(seed);
      RandomEdits gen = new RandomEdits(r, "e", 5);
      DocumentState d = gen.randomDocument(2);
      List<Op> ops = gen.batch(d, 6, "a", 3);
      assertEquals(ops, OpCodec.decodeBatch(OpCodec.toJson(ops)));
    });
  }

  @Test
  void mangledJsonNeverThrowsAnythingButARefusal() {
    String valid = "[{\"op\":\"create\",\"coll\":\"budget\",\"id\":\"b1\",\"fields\":{\"order\":\"a\",\"amount\":5,\"x\":null}},"
        + "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s\",\"field\":\"body\",\"edit\":[1,\"a\",-1]},"
        + "{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"s\",\"field\":\"title\",\"value\":\"t\"}]";
    String junk = "[]{}\",:0-1.5etrnul\\ ";
    Seeds.forEach(70_000, 3_000, seed -> {
      Random r = new Random(seed);
      StringBuilder b = new StringBuilder(valid);
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        int at = r.nextInt(b.length());
        if (r.nextBoolean()) b.deleteCharAt(at);
        else b.insert(at, junk.charAt(r.nextInt(junk.length())));
      }
      try {
        OpCodec.decodeBatch(b.toString());
      } catch (Refusal e) {
        assertEquals("invalid_op", e.code());
      }
    });
  }
}
