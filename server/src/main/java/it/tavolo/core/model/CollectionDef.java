package it.tavolo.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A collection's name and its fields, in a fixed order (the order of snapshot output). */
public final class CollectionDef {
  private final String name;
  private final List<FieldDef> fields;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final boolean omittedWhenEmpty;

  CollectionDef(String name, FieldDef... fields) {
    this(name, false, fields);
  }

  /**
   * {@code omittedWhenEmpty}: a collection added after documents existed is left out of every
   * snapshot, state and version form while it has no entity, so the documents written before
   * it keep their bytes and their versions' SHA-256 (as an optional field is left out while null).
   */
  CollectionDef(String name, boolean omittedWhenEmpty, FieldDef... fields) {
    this.name = name;
    this.omittedWhenEmpty = omittedWhenEmpty;
    this.fields = List.of(fields);
    for (int i = 0; i < fields.length; i++) indexByName.put(fields[i].name(), i);
  }

  public String name() {
    return name;
  }

  public List<FieldDef> fields() {
    return fields;
  }

  /** Index of a field, or -1 when the collection has no such field. */
  public int indexOf(String field) {
    Integer i = indexByName.get(field);
    return i == null ? -1 : i;
  }

  public FieldDef field(int index) {
    return fields.get(index);
  }

  public FieldDef field(String name) {
    int i = indexOf(name);
    return i < 0 ? null : fields.get(i);
  }

  /** Left out of snapshots, states and version forms while it has no entity. */
  public boolean omittedWhenEmpty() {
    return omittedWhenEmpty;
  }

  public int orderIndex() {
    return indexOf("order");
  }
}
