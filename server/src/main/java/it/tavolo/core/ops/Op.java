package it.tavolo.core.ops;

import it.tavolo.core.text.TextOperation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One document operation (PROTOCOL.md "Operations"). Immutable. Field values are String,
 * Long or null (Integers are widened to Long so equal values compare equal).
 */
public sealed interface Op {
  String coll();

  String id();

  /** True when both operations address the same entity. */
  default boolean sameEntity(Op other) {
    return coll().equals(other.coll()) && id().equals(other.id());
  }

  /**
   * {@code {"op":"create",...}}. {@code replace} is never sent by clients: transformation
   * produces it on a client when a concurrent create took the same id first.
   */
  record Create(String coll, String id, Map<String, Object> fields, boolean replace) implements Op {
    public Create {
      Objects.requireNonNull(coll, "coll");
      Objects.requireNonNull(id, "id");
      Map<String, Object> copy = new LinkedHashMap<>();
      fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k), normalise(v)));
      fields = Collections.unmodifiableMap(copy);
    }

    public Create(String coll, String id, Map<String, Object> fields) {
      this(coll, id, fields, false);
    }
  }

  record Delete(String coll, String id) implements Op {
    public Delete {
      Objects.requireNonNull(coll, "coll");
      Objects.requireNonNull(id, "id");
    }
  }

  record Set(String coll, String id, String field, Object value) implements Op {
    public Set {
      Objects.requireNonNull(coll, "coll");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(field, "field");
      value = normalise(value);
    }
  }

  record Text(String coll, String id, String field, TextOperation edit) implements Op {
    public Text {
      Objects.requireNonNull(coll, "coll");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(edit, "edit");
    }
  }

  record Move(String coll, String id, String order) implements Op {
    public Move {
      Objects.requireNonNull(coll, "coll");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(order, "order");
    }
  }

  private static Object normalise(Object v) {
    if (v instanceof Integer i) return i.longValue();
    if (v instanceof Short s) return s.longValue();
    if (v instanceof Byte b) return b.longValue();
    if (v == null || v instanceof String || v instanceof Long) return v;
    throw new IllegalArgumentException("field values are String, Long or null, not " + v.getClass().getSimpleName());
  }
}
