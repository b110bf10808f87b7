package it.tavolo.auth;

import it.tavolo.core.Refusal;

import it.tavolo.db.Organisation;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a new account must satisfy. Each failure is a 400 with its own code.
 *
 * <p>E-mail addresses are compared after {@link #normaliseEmail}: NFKC (so a full-width or
 * other compatibility form becomes the plain letter it stands for), trimmed, lower-cased. What
 * is left must be printable ASCII: an invisible character (zero-width, bidi control, any
 * format, control or odd space character) or any other non-ASCII letter is refused as
 * {@code bad_email}, so no address can look like another one. International domains are
 * accepted in their ASCII (punycode, {@code xn--}) form only; non-ASCII local parts are not
 * accepted at all. Stateless: any thread.
 */
public final class AccountRules {
  public static final int MIN_PASSWORD = 8;
  /** Passwords pre-hashes long passwords (no 72-byte truncation); this bound only stops abuse. */
  public static final int MAX_PASSWORD = 256;
  public static final int MAX_NAME = 200;
  // deliberately loose: one @, something on each side, a dot in the domain, no spaces
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

  private AccountRules() {}

  /** A new account's address: {@link #normaliseEmail}, then the shape of an address ({@code invalid_email}). */
  public static String email(String raw) {
    String e = normaliseEmail(raw);
    if (e.length() > 254 || !EMAIL.matcher(e).matches()) throw Refusal.invalid("invalid_email", "The email address is not valid.");
    return e;
  }

  /**
   * NFKC, trimmed, lower-cased; {@code bad_email} when the result holds anything but printable
   * ASCII (see the class comment). Used wherever an address comes in: registration, login,
   * the identity provider's claim.
   */
  public static String normaliseEmail(String raw) {
    String e = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw Refusal.invalid("bad_email", "The email address holds an invisible or non-ASCII character:"
            + " type it again (international domains in their xn-- form).");
      }
    }
    return e;
  }

  /**
   * NIST SP 800-63B: at least {@value #MIN_PASSWORD} characters, not only one character
   * repeated or only spaces, not the account's own address or its name part, not one of the
   * 10,000 most common passwords. No composition rules (they make passwords worse).
   */
  public static String password(String raw, String email) {
    if (raw == null || raw.codePointCount(0, raw.length()) < MIN_PASSWORD) {
      throw weak("The password must have at least " + MIN_PASSWORD + " characters.");
    }
    if (raw.length() > MAX_PASSWORD) {
      throw Refusal.invalid("invalid_input", "The password must have at most " + MAX_PASSWORD + " characters.");
    }
    if (raw.isBlank() || raw.codePoints().distinct().count() < 3) {
      throw weak("The password must mix at least three different characters.");
    }
    String lower = raw.strip().toLowerCase(Locale.ROOT);
    if (email != null && (lower.equals(email) || lower.equals(email.substring(0, Math.max(0, email.indexOf('@')))))) {
      throw weak("The password must not be the email address.");
    }
    if (CommonPasswords.contains(raw)) throw weak("This password is among the most common ones: choose another.");
    return raw;
  }

  private static Refusal weak(String message) {
    return Refusal.invalid("weak_password", message);
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
