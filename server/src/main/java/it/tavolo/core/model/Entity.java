package it.tavolo.core.model;

/**
 * One entity's field values, indexed like its collection's fields: a {@link TextField} for
 * text fields, otherwise String, Long or null; plus who set each scalar and when.
 */
final class Entity {
  final String id;
  final Object[] values;
  final String[] setBy;
  final long[] setSeq;

  Entity(String id, int fieldCount) {
    this.id = id;
    this.values = new Object[fieldCount];
    this.setBy = new String[fieldCount];
    this.setSeq = new long[fieldCount];
  }

  Entity copy() {
    Entity e = new Entity(id, values.length);
    for (int i = 0; i < values.length; i++) {
      e.values[i] = values[i] instanceof TextField t ? t.copy() : values[i];
    }
    System.arraycopy(setBy, 0, e.setBy, 0, setBy.length);
    System.arraycopy(setSeq, 0, e.setSeq, 0, setSeq.length);
    return e;
  }
}
