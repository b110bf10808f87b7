package it.tavolo.core.model;

import it.tavolo.core.Refusal;
import java.time.DateTimeException;
import java.time.LocalDate;

/** Syntax of entity ids, organisation ids, order keys and dates. */
public final class Ids {
  public static final int MAX_ENTITY_ID_LENGTH = 64;

  private Ids() {}

  /** Entity ids are chosen by clients: 1–64 of {@code [A-Za-z0-9_-]} (a UUID fits). */
  public static boolean isEntityId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ENTITY_ID_LENGTH) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) return false;
    }
    return true;
  }

  /** Organisation ids are database UUIDs in their canonical lower-case form. */
  public static boolean isOrganisationId(String id) {
    if (id == null || id.length() != 36) return false;
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') return false;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Order keys: 1..max printable ASCII characters, compared by code unit. */
  public static boolean isOrderKey(String key, int maxLength) {
    if (key == null || key.isEmpty() || key.length() > maxLength) return false;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
  }

  /** Strict {@code YYYY-MM-DD} naming a real calendar day. */
  public static boolean isDate(String s) {
    if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return false;
    for (int i = 0; i < 10; i++) {
      if (i != 4 && i != 7 && !Character.isDigit(s.charAt(i))) return false;
    }
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  static void requireEntityId(String id) {
    if (!isEntityId(id)) {
      throw Refusal.invalidOp("entity id must be 1-64 characters of A-Z a-z 0-9 _ -");
    }
  }
}
