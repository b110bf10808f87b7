package it.tavolo.core.model;

import java.util.List;

/**
 * One field of a collection. {@code required} fields must be given at create; others take
 * {@link #defaultValue()} when omitted.
 */
public record FieldDef(
    String name,
    FieldType type,
    boolean nullable,
    boolean required,
    List<String> enumValues,
    String refCollection,
    Object defaultValue) {

  public FieldDef {
    enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
  }

  static FieldDef text(String name) {
    return new FieldDef(name, FieldType.TEXT, false, false, null, null, "");
  }

  static FieldDef string(String name) {
    return new FieldDef(name, FieldType.STRING, false, false, null, null, "");
  }

  static FieldDef order() {
    return new FieldDef("order", FieldType.ORDER, false, true, null, null, null);
  }

  static FieldDef enumOf(String name, String dflt, String... values) {
    return new FieldDef(name, FieldType.ENUM, false, false, List.of(values), null, dflt);
  }

  static FieldDef ref(String name, String collection) {
    return new FieldDef(name, FieldType.REF, true, false, null, collection, null);
  }

  static FieldDef org(String name, boolean required) {
    return new FieldDef(name, FieldType.ORG, !required, required, null, null, null);
  }

  static FieldDef date(String name) {
    return new FieldDef(name, FieldType.DATE, true, false, null, null, null);
  }

  static FieldDef money(String name) {
    return new FieldDef(name, FieldType.MONEY, false, false, null, null, 0L);
  }

  public boolean isText() {
    return type == FieldType.TEXT;
  }
}
