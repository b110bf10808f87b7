package it.tavolo.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {
  @Test
  void sortsKeysByCodeUnitWritesNoWhitespaceAndEscapesOnlyWhatJsonRequires() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of(1L, "é€ \"q\" \\ /", Boolean.TRUE));
    m.put("a", null);
    m.put("Z", "\n\t\u0001\u001f");
    m.put("\uD83D\uDE00", 12);
    assertEquals("{\"Z\":\"\\n\\t\\u0001\\u001f\",\"a\":null,\"b\":[1,\"é€ \\\"q\\\" \\\\ /\",true],\"\uD83D\uDE00\":12}",
        Canonical.json(m));
  }

  @Test
  void theHashOfAKnownTextIsTheStandardSha256() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
  }

  @Test
  void equalDocumentsReachedInDifferentOrdersHaveOneCanonicalFormAndOneHash() {
    DocumentState a = new DocumentState();
    OpApplier.applyAll(a, OpCodec.decodeBatch("[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s2\",\"fields\":{\"order\":\"b\",\"title\":\"Due\"}},"
        + "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"a\",\"body\":\"uno\"}}]"), "u1", 1);
    a.setSeq(1);
    DocumentState b = new DocumentState();
    OpApplier.applyAll(b, OpCodec.decodeBatch("[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"a\",\"body\":\"u\"}},"
        + "{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":[1,\"no\"]},"
        + "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s2\",\"fields\":{\"order\":\"b\",\"title\":\"Due\"}}]"), "u2", 1);
    b.setSeq(1);
    assertEquals(VersionForm.canonical("d", a), VersionForm.canonical("d", b));
    assertEquals(VersionForm.sha256("d", a), VersionForm.sha256("d", b));
    assertNotEquals(VersionForm.sha256("d", a), VersionForm.sha256("other", a), "the document id is part of the form");
    String c = VersionForm.canonical("d", a);
    assertEquals(0, c.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "").chars().filter(Character::isWhitespace).count(),
        "no whitespace outside strings");
    assertEquals(true, c.startsWith("{\"collections\":{\"activities\":{},\"budget\":{},\"objectives\":{},\"sections\":{\"s1\":{\"body\":\"uno\",\"order\":\"a\",\"title\":\"\"}"));
    assertEquals(true, c.endsWith("\"document\":\"d\",\"format\":\"tavolo-version/1\",\"seq\":1}"));
  }
}
