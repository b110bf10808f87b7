package it.tavolo.access;

/**
 * A refusal with a stable code, as clients see it: {@code {"code","message"}} with
 * {@link #status()} as the HTTP status. The WebSocket layer sends the same code in an
 * {@code error} frame. Codes are part of the API (docs/api.md); never rename one.
 */
public class Refusal extends RuntimeException {
  private final int status;
  private final String code;

  public Refusal(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() { return status; }

  public String code() { return code; }

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
}
