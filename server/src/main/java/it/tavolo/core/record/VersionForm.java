package it.tavolo.core.record;

import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical form of a document at a seq, the text a consolidated version's SHA-256 is
 * taken of: {@code {"collections":{coll:{id:{field:value}}},"document":docId,
 * "format":"tavolo-version/1","seq":n}} in {@link Canonical} JSON. Every field of every entity
 * is present (null when unset) and every collection except one {@link
 * it.tavolo.core.model.CollectionDef#omittedWhenEmpty() omitted while empty}; text fields are their plain text; money is integer cents.
 * Authorship is not part of it: two histories that reach the same content have the same hash
 * (who wrote what stays answerable from the op log, which is append-only).
 */
public final class VersionForm {
  public static final String FORMAT = "tavolo-version/1";

  private VersionForm() {}

  /** The content: collection → id → field → value, as plain maps. */
  public static Map<String, Object> collections(DocumentState s) {
    Map<String, Object> colls = new LinkedHashMap<>();
    for (CollectionDef c : Schema.collections()) {
      // a collection added later (the notes' interventi) is absent while empty: old hashes hold
      if (c.omittedWhenEmpty() && s.ids(c.name()).isEmpty()) continue;
      Map<String, Object> entities = new LinkedHashMap<>();
      for (String id : s.ids(c.name())) entities.put(id, new LinkedHashMap<>(s.fields(c.name(), id)));
      colls.put(c.name(), entities);
    }
    return colls;
  }

  public static Map<String, Object> form(String docId, DocumentState s) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("collections", collections(s));
    root.put("document", docId);
    root.put("format", FORMAT);
    root.put("seq", s.seq());
    return root;
  }

  public static String canonical(String docId, DocumentState s) {
    return Canonical.json(form(docId, s));
  }

  public static String sha256(String docId, DocumentState s) {
    return Sha256.hex(canonical(docId, s));
  }
}
