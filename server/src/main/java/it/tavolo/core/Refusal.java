package it.tavolo.core;

/**
 * The one refusal of the whole server: a stable snake_case {@link #code()} (part of the API:
 * docs/api.md, docs/protocol.md; never rename one), a message saying what to fix, and the HTTP
 * {@link #status()} it is answered with. Throw it (or fail a future with it) anywhere, from the
 * core up. It is mapped to an answer in exactly two places: over HTTP by the web toolkit's
 * failure handler ({@code it.tavolo.web.FailureHandler}: {@code {"code","message"}} with the
 * status), over a WebSocket by the live layer ({@code it.tavolo.live.ErrorCode#of}: an
 * {@code error} frame with the code, and the close code when it ends the connection).
 *
 * <p>Immutable. No stack trace: a refusal is an answer, not a bug.
 */
public class Refusal extends RuntimeException {
  /** An op or batch the document cannot take (400). */
  public static final String INVALID_OP = "invalid_op";
  /** A batch, op or file over a limit (413). */
  public static final String TOO_LARGE = "too_large";
  /** A budget line names a territorio that is not in its tavolo's list (issue 15). */
  public static final String UNKNOWN_TERRITORIO = "unknown_territorio";
  /** An activity whose end date is before its start date (issue 15). */
  public static final String END_BEFORE_START = "end_before_start";

  private final int status;
  private final String code;
  private final java.util.Map<String, Object> details;

  public Refusal(int status, String code, String message) {
    this(status, code, message, java.util.Map.of());
  }

  /**
   * A refusal whose answer carries {@code details} beside code and message (top-level fields
   * of the HTTP answer, e.g. {@code pledges} naming whose budget lines a restore would change):
   * values are strings, numbers, booleans, lists and maps of them.
   */
  public Refusal(int status, String code, String message, java.util.Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = java.util.Map.copyOf(details);
  }

  /** The HTTP status this refusal is answered with (the WebSocket close code is the live layer's). */
  public int status() { return status; }

  public String code() { return code; }

  /** The answer's fields beside code and message; empty for most refusals. */
  public java.util.Map<String, Object> details() { return details; }

  /** Seconds after which a retry may succeed, or 0; the HTTP answer carries it as Retry-After. */
  public long retryAfterSeconds() { return 0; }

  /** The same refusal with {@code prefix} before its message (e.g. which op of a batch). */
  public Refusal prefixed(String prefix) {
    return new Refusal(status, code, prefix + getMessage(), details);
  }

  // Token problems: all 401, the code tells the client whether refreshing can help.
  public static Refusal unauthorized(String message) { return new Refusal(401, "unauthorized", message); }
  public static Refusal tokenExpired() { return new Refusal(401, "token_expired", "The access token has expired: refresh it or log in again."); }
  public static Refusal tokenNotYetValid() { return new Refusal(401, "token_not_yet_valid", "The access token is not valid yet."); }
  public static Refusal tokenRevoked() { return new Refusal(401, "token_revoked", "The access token was revoked (logout): log in again."); }

  public static Refusal forbidden(String message) { return new Refusal(403, "forbidden", message); }
  /** Also used for tavoli the caller is not in, so their existence does not leak. */
  public static Refusal notFound(String message) { return new Refusal(404, "not_found", message); }
  public static Refusal invalid(String code, String message) { return new Refusal(400, code, message); }
  public static Refusal conflict(String code, String message) { return new Refusal(409, code, message); }
  public static Refusal gone(String code, String message) { return new Refusal(410, code, message); }
  public static Refusal tooLarge(String code, String message) { return new Refusal(413, code, message); }
  public static Refusal unsupported(String code, String message) { return new Refusal(415, code, message); }
  public static Refusal unprocessable(String code, String message) { return new Refusal(422, code, message); }
  public static Refusal locked(String message) { return new Refusal(423, "locked", message); }
  public static Refusal unavailable(String message) { return new Refusal(503, "unavailable", message); }

  // The document model's refusals (the core's own codes, also sent as is on the wire).
  public static Refusal invalidOp(String message) { return invalid(INVALID_OP, message); }
  public static Refusal tooLarge(String message) { return tooLarge(TOO_LARGE, message); }
}
