package it.tavolo.core.ops;

/**
 * What transformation did to one op of the later batch: dropped it (it became a no-op) or
 * changed it. {@code index} is the op's position in the batch as submitted, {@code original}
 * the op as submitted.
 */
public record TransformNote(int index, Op original, Reason reason) {

  public enum Reason {
    /** The op's entity was deleted concurrently: the op was dropped. */
    ENTITY_DELETED("entity_deleted", true),
    /** A concurrent create took the same id first: this create (and later ops on it) dropped. */
    ID_TAKEN("id_taken", true),
    /** The entity this op addressed was replaced by a concurrent create of the same id. */
    ENTITY_REPLACED("entity_replaced", true),
    /** A reference in the op named an entity deleted concurrently: it was set to null. */
    REFERENCE_CLEARED("reference_cleared", false);

    private final String code;
    private final boolean dropsOp;

    Reason(String code, boolean dropsOp) {
      this.code = code;
      this.dropsOp = dropsOp;
    }

    /** Stable snake_case code for the wire. */
    public String code() {
      return code;
    }

    /** True when the op was dropped; false when it was kept in a changed form. */
    public boolean dropsOp() {
      return dropsOp;
    }

    public static Reason fromCode(String code) {
      for (Reason r : values()) if (r.code.equals(code)) return r;
      throw new IllegalArgumentException("unknown transform reason " + code);
    }
  }
}
