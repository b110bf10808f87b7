package it.tavolo.core.sedute;

import it.tavolo.core.Refusal;

/** Trimming and length rules for the short texts of a seduta; every refusal is {@code invalid_input}. */
public final class Texts {
  private Texts() {
  }

  /** {@code value} trimmed, 1 to {@code max} characters. */
  public static String required(String field, String value, int max) {
    String v = optional(field, value, max);
    if (v == null) {
      throw Refusal.invalid("invalid_input", "'" + field + "' is required.");
    }
    return v;
  }

  /** {@code value} trimmed, at most {@code max} characters; null when absent or blank. */
  public static String optional(String field, String value, int max) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return null;
    }
    if (v.codePointCount(0, v.length()) > max) {
      throw Refusal.invalid("invalid_input", "'" + field + "' is longer than " + max + " characters.");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        throw Refusal.invalid("invalid_input", "'" + field + "' contains control characters.");
      }
    }
    return v;
  }
}
