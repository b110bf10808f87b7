package it.tavolo.core;

/**
 * A refused operation or batch. {@link #code()} is a stable snake_case code from the wire
 * protocol ({@code invalid_op}, {@code too_large}, ...) that a server can send as is.
 */
public final class OpException extends RuntimeException {
  public static final String INVALID_OP = "invalid_op";
  public static final String TOO_LARGE = "too_large";
  /** A budget line names a territorio that is not in its tavolo's list. */
  public static final String UNKNOWN_TERRITORIO = "unknown_territorio";
  /** An activity whose end date is before its start date. */
  public static final String END_BEFORE_START = "end_before_start";

  private final String code;

  public OpException(String code, String message) {
    super(message);
    this.code = code;
  }

  public static OpException invalid(String message) {
    return new OpException(INVALID_OP, message);
  }

  public static OpException tooLarge(String message) {
    return new OpException(TOO_LARGE, message);
  }

  public String code() {
    return code;
  }
}
