package it.tavolo.live;

/** A refusal the client sees as an {@code error} with this code. */
public final class LiveRefusal extends RuntimeException {
  private final ErrorCode code;

  public LiveRefusal(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
