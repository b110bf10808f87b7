package it.tavolo.auth;

import it.tavolo.db.Organisation;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a new account must satisfy. Each failure is a 400 with its own code. */
public final class AccountRules {
  public static final int MIN_PASSWORD = 8;
  /** Passwords pre-hashes long passwords (no 72-byte truncation); this bound only stops abuse. */
  public static final int MAX_PASSWORD = 256;
  public static final int MAX_NAME = 200;
  // deliberately loose: one @, something on each side, a dot in the domain, no spaces
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

  private AccountRules() {}

  public static String email(String raw) {
    String e = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    if (e.length() > 254 || !EMAIL.matcher(e).matches()) throw Refusal.invalid("invalid_email", "The email address is not valid.");
    return e;
  }

  public static String password(String raw) {
    if (raw == null || raw.codePointCount(0, raw.length()) < MIN_PASSWORD) {
      throw Refusal.invalid("weak_password", "The password must have at least " + MIN_PASSWORD + " characters.");
    }
    if (raw.length() > MAX_PASSWORD) {
      throw Refusal.invalid("invalid_input", "The password must have at most " + MAX_PASSWORD + " characters.");
    }
    return raw;
  }

  /** A required, trimmed, bounded text field; {@code field} names it in the message. */
  public static String name(String raw, String field) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty() || s.length() > MAX_NAME) {
      throw Refusal.invalid("invalid_input", "'" + field + "' is required (at most " + MAX_NAME + " characters).");
    }
    return s;
  }

  public static String side(String raw) {
    if (raw == null || !Organisation.SIDES.contains(raw)) throw Refusal.invalid("invalid_input", "'organisation.side' must be PA or ETS.");
    return raw;
  }

  /** Required for ETS, forbidden for PA. */
  public static String etsKind(String side, String raw) {
    if ("PA".equals(side)) {
      if (raw != null) throw Refusal.invalid("invalid_input", "'organisation.etsKind' is only for ETS organisations.");
      return null;
    }
    if (raw == null || !Organisation.ETS_KINDS.contains(raw)) {
      throw Refusal.invalid("invalid_input", "'organisation.etsKind' must be one of " + Organisation.ETS_KINDS + ".");
    }
    return raw;
  }
}
