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

  /**
   * The notes' interventi collection (issue 19) came after versions were consolidated: while
   * a document has no entry, its canonical form, its snapshot and its stored state are the
   * bytes they were, so every stored version's SHA-256 still checks. The expected text and hash
   * were taken from the form as it was before the collection existed.
   */
  @Test
  void aDocumentWithoutInterventiKeepsTheBytesAndHashOfItsVersionsFromBeforeTheCollectionExisted() {
    DocumentState a = new DocumentState();
    OpApplier.applyAll(a, OpCodec.decodeBatch("[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s2\",\"fields\":{\"order\":\"b\",\"title\":\"Due\"}},"
        + "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"a\",\"body\":\"uno\"}}]"), "u1", 1);
    a.setSeq(1);
    assertEquals("{\"collections\":{\"activities\":{},\"budget\":{},\"objectives\":{},\"sections\":{\"s1\":{\"body\":\"uno\",\"order\":\"a\","
        + "\"title\":\"\"},\"s2\":{\"body\":\"\",\"order\":\"b\",\"title\":\"Due\"}}},\"document\":\"d\",\"format\":\"tavolo-version/1\",\"seq\":1}",
        VersionForm.canonical("d", a));
    assertEquals("fb08eb209c8bd740688be50a8f8a062d79f279f0e1ae0576d58f75fd7497c3a5", VersionForm.sha256("d", a));
    String state = it.tavolo.core.model.StateCodec.stateJson(a);
    assertEquals(false, state.contains("interventi"), state);
    assertEquals(false, it.tavolo.core.model.StateCodec.snapshotJson(a).contains("interventi"));

    // with an entry the collection is part of the content (and so of the hash); deleted, it goes again
    OpApplier.applyAll(a, OpCodec.decodeBatch("[{\"op\":\"create\",\"coll\":\"interventi\",\"id\":\"i1\",\"fields\":{\"order\":\"t1\","
        + "\"item\":\"s1\",\"kind\":\"riserva\",\"speaker\":\"Donatella Turri\",\"text\":\"Riserva\"}}]"), "u2", 2);
    a.setSeq(2);
    assertEquals(true, VersionForm.canonical("d", a).contains("\"interventi\":{\"i1\":{\"item\":\"s1\",\"kind\":\"riserva\",\"order\":\"t1\","
        + "\"organisation\":\"\",\"speaker\":\"Donatella Turri\",\"speakerUser\":\"\",\"text\":\"Riserva\"}}"), VersionForm.canonical("d", a));
    DocumentState back = it.tavolo.core.model.StateCodec.readState(it.tavolo.core.model.StateCodec.stateJson(a), it.tavolo.core.model.Limits.DEFAULT);
    assertEquals(VersionForm.canonical("d", a), VersionForm.canonical("d", back), "the stored state keeps the entry");
    OpApplier.applyAll(a, OpCodec.decodeBatch("[{\"op\":\"delete\",\"coll\":\"sections\",\"id\":\"s2\"},"
        + "{\"op\":\"delete\",\"coll\":\"interventi\",\"id\":\"i1\"},"
        + "{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s2\",\"fields\":{\"order\":\"b\",\"title\":\"Due\"}}]"), "u1", 3);
    a.setSeq(1);
    assertEquals("fb08eb209c8bd740688be50a8f8a062d79f279f0e1ae0576d58f75fd7497c3a5", VersionForm.sha256("d", a));
  }
}
