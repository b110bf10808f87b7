package it.tavolo.core.anchor;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.Schema;

/**
 * Whether an anchor a client proposes is a place of the document, and the quote under it.
 * Stateless.
 */
public final class AnchorCheck {
  /** The stable code of an anchor that is no place of the document. */
  public static final String BAD_ANCHOR = "bad_anchor";

  private AnchorCheck() {}

  /** Refuses ({@link Refusal} {@code bad_anchor}) an anchor that is not in {@code s}. */
  public static void check(DocumentState s, Anchor a) {
    CollectionDef c = Schema.collection(a.coll());
    if (c == null) {
      throw Refusal.invalid(BAD_ANCHOR, "There is no collection " + a.coll() + ".");
    }
    if (!s.exists(a.coll(), a.id())) {
      throw Refusal.invalid(BAD_ANCHOR, "There is no " + a.coll() + " " + a.id() + " in the document.");
    }
    if (a.onEntity()) {
      return;
    }
    FieldDef f = c.indexOf(a.field()) < 0 ? null : c.field(a.field());
    if (f == null || !f.isText()) {
      throw Refusal.invalid(BAD_ANCHOR, a.coll() + "." + a.field() + " is not a text field.");
    }
    int len = s.textLength(a.coll(), a.id(), a.field());
    if (a.start() < 0 || a.end() > len || a.start() >= a.end()) {
      throw Refusal.invalid(BAD_ANCHOR, "The passage " + a.start() + ".." + a.end() + " is not inside the text ("
          + len + " characters) or is empty.");
    }
    CharSequence text = s.textView(a.coll(), a.id(), a.field());
    if (splitsPair(text, a.start()) || splitsPair(text, a.end())) {
      throw Refusal.invalid(BAD_ANCHOR, "The passage " + a.start() + ".." + a.end() + " cuts a character in two.");
    }
  }

  private static boolean splitsPair(CharSequence t, int i) {
    return i > 0 && i < t.length() && Character.isHighSurrogate(t.charAt(i - 1)) && Character.isLowSurrogate(t.charAt(i));
  }

  /** The anchor {@code a} names, with its quote read from {@code s} (after {@link #check}). */
  public static Anchor withQuote(DocumentState s, Anchor a) {
    if (a.onEntity()) {
      Object title = s.fields(a.coll(), a.id()).get(titleField(a.coll()));
      return Anchor.entity(a.coll(), a.id(), title instanceof String t ? t : "");
    }
    String text = s.textView(a.coll(), a.id(), a.field()).subSequence(a.start(), a.end()).toString();
    return Anchor.passage(a.coll(), a.id(), a.field(), a.start(), a.end(), text);
  }

  /** The field that names an entity of {@code coll} (budget lines have a description, no title). */
  static String titleField(String coll) {
    return Schema.BUDGET.equals(coll) ? "description" : "title";
  }

  /** A quote shortened for a notice or a list: at most {@code max} units, a pair never cut. */
  public static String excerpt(String t, int max) {
    if (t.length() <= max) {
      return t;
    }
    int n = max;
    if (Character.isHighSurrogate(t.charAt(n - 1))) {
      n--;
    }
    return t.substring(0, n) + "…";
  }
}
