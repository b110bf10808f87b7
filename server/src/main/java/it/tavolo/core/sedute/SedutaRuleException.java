package it.tavolo.core.sedute;

/**
 * Input a seduta cannot take, with the stable code clients see ({@code invalid_input},
 * {@code invalid_call_url}, {@code seduta_closed}...) and a message saying what to fix.
 */
public final class SedutaRuleException extends RuntimeException {
  private final String code;

  public SedutaRuleException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
