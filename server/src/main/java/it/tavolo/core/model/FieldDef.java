package it.tavolo.core.model;

import java.util.List;

/**
 * One field of a collection. {@code required} fields must be given at create; others take
 * {@link #defaultValue()} when omitted. An {@code optional} field (added after documents
 * existed: a budget line's annualita and territorio) is left out of snapshots while it is
 * null and read as null when a stored state lacks it, so documents written before it keep
 * their exact JSON, hashes and exports.
 */
public record FieldDef(
    String name,
    FieldType type,
    boolean nullable,
    boolean required,
    List<String> enumValues,
    String refCollection,
    Object defaultValue,
    boolean optional) {

  public FieldDef {
    enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
  }

  static FieldDef text(String name) {
    return new FieldDef(name, FieldType.TEXT, false, false, null, null, "", false);
  }

  static FieldDef string(String name) {
    return new FieldDef(name, FieldType.STRING, false, false, null, null, "", false);
  }

  static FieldDef order() {
    return new FieldDef("order", FieldType.ORDER, false, true, null, null, null, false);
  }

  static FieldDef enumOf(String name, String dflt, String... values) {
    return new FieldDef(name, FieldType.ENUM, false, false, List.of(values), null, dflt, false);
  }

  static FieldDef ref(String name, String collection) {
    return new FieldDef(name, FieldType.REF, true, false, null, collection, null, false);
  }

  static FieldDef org(String name, boolean required) {
    return new FieldDef(name, FieldType.ORG, !required, required, null, null, null, false);
  }

  static FieldDef date(String name) {
    return new FieldDef(name, FieldType.DATE, true, false, null, null, null, false);
  }

  static FieldDef money(String name) {
    return new FieldDef(name, FieldType.MONEY, false, false, null, null, 0L, false);
  }

  /** A budget line's year: see {@link FieldType#YEAR}; optional. */
  static FieldDef year(String name) {
    return new FieldDef(name, FieldType.YEAR, true, false, null, null, null, true);
  }

  /** A territorio from the tavolo's list: see {@link FieldType#TERRITORY}; optional. */
  static FieldDef territory(String name) {
    return new FieldDef(name, FieldType.TERRITORY, true, false, null, null, null, true);
  }

  public boolean isText() {
    return type == FieldType.TEXT;
  }
}
