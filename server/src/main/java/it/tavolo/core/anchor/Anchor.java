package it.tavolo.core.anchor;

import java.util.Objects;

/**
 * Where a thread of comments is attached: a passage {@code [start, end)} of a text field of an
 * entity (UTF-16 offsets, like text ops), or a whole entity ({@code field} null, offsets 0).
 * {@code quote} is the passage's text (for an entity, its title), carried along with every
 * edit so that it is always what the anchor covers. {@code live} is false once the passage's
 * text or its entity was deleted: the thread is then "on deleted text" and keeps the quote it
 * had last (a dead anchor never comes back). Immutable.
 */
public record Anchor(String coll, String id, String field, int start, int end, String quote, boolean live) {
  public Anchor {
    Objects.requireNonNull(coll, "coll");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(quote, "quote");
    if (field == null && (start != 0 || end != 0)) {
      throw new IllegalArgumentException("an anchor on a whole entity has no offsets");
    }
    if (live && field != null && !(0 <= start && start < end && quote.length() == end - start)) {
      throw new IllegalArgumentException("a live passage is not empty and its quote is its text: " + start + ".."
          + end + " with " + quote.length() + " units");
    }
  }

  /** A passage of a text field whose text is {@code quote}. */
  public static Anchor passage(String coll, String id, String field, int start, int end, String quote) {
    return new Anchor(coll, id, field, start, end, quote, true);
  }

  /** A whole entity (an objective, an activity, a budget line, a section) titled {@code title}. */
  public static Anchor entity(String coll, String id, String title) {
    return new Anchor(coll, id, null, 0, 0, title == null ? "" : title, true);
  }

  public boolean onEntity() {
    return field == null;
  }

  /** The same place, no longer in the document (its offsets and quote are those it had last). */
  public Anchor dead() {
    return live ? new Anchor(coll, id, field, start, end, quote, false) : this;
  }
}
