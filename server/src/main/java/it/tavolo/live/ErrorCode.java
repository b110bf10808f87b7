package it.tavolo.live;

import it.tavolo.core.Refusal;

/**
 * Every error code the WebSocket endpoint sends, with the close code used when the error
 * ends the connection. The wire names are part of the protocol (docs/protocol.md): never
 * rename one. These are constants, not an exception type: a refusal is always a
 * {@link Refusal}; {@link #of} is the one place a refusal is mapped to the wire.
 */
public enum ErrorCode {
  BAD_JSON("bad_json", 4400),
  UNKNOWN_TYPE("unknown_type", 4400),
  /** A field of a known message is missing or of the wrong type. */
  BAD_MESSAGE("bad_message", 4400),
  UNAUTHORIZED("unauthorized", 4401),
  TOKEN_EXPIRED("token_expired", 4401),
  TOKEN_REVOKED("token_revoked", 4401),
  FORBIDDEN("forbidden", 4403),
  NOT_FOUND("not_found", 4404),
  INVALID_OP("invalid_op", 4400),
  /** baseSeq is not between 0 and the document's head. */
  BAD_BASE_SEQ("bad_base_seq", 4400),
  /** A clientSeq at or below the client's last committed one that was never committed (it had been refused). */
  BAD_CLIENT_SEQ("bad_client_seq", 4400),
  LOCKED("locked", 4423),
  /** The batch touches another organisation's budget line (issue 15): propose an integration instead. */
  NOT_YOUR_PLEDGE("not_your_pledge", 4403),
  /** An activity would end before it starts (issue 15); the batch is refused, the connection stays. */
  END_BEFORE_START("end_before_start", 4400),
  /** A budget line names a territorio that is not in the tavolo's list (issue 15). */
  UNKNOWN_TERRITORIO("unknown_territorio", 4400),
  /** An accepted integration no longer applies as written (its target was deleted or changed). */
  INTEGRATION_CONFLICT("integration_conflict", 4409),
  TOO_LARGE("too_large", 4413),
  RATE_LIMITED("rate_limited", 4429),
  /** The batch could not be committed (database unreachable, server stopping): resend it later. */
  UNAVAILABLE("unavailable", 4503),
  /** This connection could not keep up with the document's changes: reconnect with {@code since}. */
  SLOW_CONSUMER("slow_consumer", 4410),
  /** A second hello on a connection that already joined. */
  ALREADY_JOINED("already_joined", 4400),
  /** No ping answer or message for too long. */
  IDLE_TIMEOUT("idle_timeout", 4408),
  /** The server is shutting down: reconnect shortly. */
  GOING_AWAY("going_away", 1001),
  /** Anything unexpected on the server; the document is unchanged. */
  INTERNAL("internal", 1011),

  /** The user's role in the tavolo changed (or they left it) while connected: reconnect. */
  ROLE_CHANGED("role_changed", 4403),
  /** The client's batch id was taken over by a newer connection with the same client id. */
  REPLACED("replaced", 4409),
  /**
   * The hello's client id is another user's (connected with it, or committed under it), or
   * the server's own; or a submit under an id another user committed under. Never closes
   * the id's owner.
   */
  CLIENT_TAKEN("client_taken", 4409),
  /** The account, or the viewer link, already holds as many connections as it may (join storms). */
  TOO_MANY_CONNECTIONS("too_many_connections", 4429);

  private final String wire;
  private final short closeCode;

  ErrorCode(String wire, int closeCode) {
    this.wire = wire;
    this.closeCode = (short) closeCode;
  }

  /** The WebSocket close code used when this error ends the connection: 4000 + the HTTP status it resembles. */
  public short closeCode() {
    return closeCode;
  }

  public String wire() {
    return wire;
  }

  /**
   * A refusal as the WebSocket sends it: its code when it is one of the protocol's, else
   * {@code fallback} (e.g. the accounts' {@code token_not_yet_valid} is {@code unauthorized} here).
   */
  public static ErrorCode of(Refusal r, ErrorCode fallback) {
    return fromWire(r.code(), fallback);
  }

  /**
   * A refusal with this code, for the live layer to fail a future with; its HTTP status (for
   * the few refusals that reach an HTTP caller, e.g. a restore's commit) is the one its close
   * code resembles.
   */
  public Refusal refusal(String message) {
    int status = closeCode >= 4000 ? closeCode - 4000 : closeCode == 1001 ? 503 : 500;
    return new Refusal(status, wire, message);
  }

  /** Codes from other layers as sent on the wire. */
  public static ErrorCode fromWire(String code, ErrorCode fallback) {
    for (ErrorCode c : values()) {
      if (c.wire.equals(code)) {
        return c;
      }
    }
    return fallback;
  }
}
