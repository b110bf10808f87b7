package it.tavolo.core.text;

import it.tavolo.core.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An edit of a whole text, in ot.js form: a sequence of retain(n), insert(s) and delete(n)
 * components over UTF-16 code units. A faithful port of ot.js {@code text-operation.js}
 * (same normalisation, compose and transform), immutable.
 *
 * <p>Components are held in two parallel arrays to keep keystroke edits cheap: {@code
 * lens[i] > 0} retains, {@code lens[i] < 0} deletes, {@code lens[i] == 0} inserts {@code
 * texts[i]}.
 */
public final class TextOperation {
  private static final int[] NO_LENS = new int[0];
  private static final String[] NO_TEXTS = new String[0];
  private static final TextOperation EMPTY = new TextOperation(NO_LENS, NO_TEXTS, 0, 0);

  private final int[] lens;
  private final String[] texts;
  private final int baseLength;
  private final int targetLength;

  private TextOperation(int[] lens, String[] texts, int baseLength, int targetLength) {
    this.lens = lens;
    this.texts = texts;
    this.baseLength = baseLength;
    this.targetLength = targetLength;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The operation that does nothing to a text of {@code length} code units. */
  public static TextOperation identity(int length) {
    return length == 0 ? EMPTY : builder().retain(length).build();
  }

  /** Replaces the whole of {@code before} with {@code after} (delete all, insert all). */
  public static TextOperation replaceAll(String before, String after) {
    return builder().insert(after).delete(before.length()).build();
  }

  /**
   * Builds from the JSON form: a positive Integer/Long retains, a String inserts, a negative
   * number deletes. Anything else (zero, fractions, other types) is refused like ot.js does.
   */
  public static TextOperation fromComponents(List<?> components) {
    Builder b = builder();
    for (Object c : components) {
      if (c instanceof String s) {
        b.insert(s);
      } else if (c instanceof Integer || c instanceof Long) {
        long n = ((Number) c).longValue();
        if (n == 0) throw Refusal.invalidOp("text edit component 0 is neither retain nor delete");
        if (n > Integer.MAX_VALUE || n < -Integer.MAX_VALUE) {
          throw Refusal.invalidOp("text edit component " + n + " is out of range");
        }
        if (n > 0) b.retain((int) n);
        else b.delete((int) -n);
      } else {
        throw Refusal.invalidOp("text edit component must be a string or a non-zero integer");
      }
    }
    return b.build();
  }

  /** The JSON form: Integer for retain (positive) and delete (negative), String for insert. */
  public List<Object> toComponents() {
    List<Object> out = new ArrayList<>(lens.length);
    for (int i = 0; i < lens.length; i++) out.add(lens[i] == 0 ? texts[i] : (Object) lens[i]);
    return out;
  }

  public int baseLength() {
    return baseLength;
  }

  public int targetLength() {
    return targetLength;
  }

  public int size() {
    return lens.length;
  }

  public boolean isRetain(int i) {
    return lens[i] > 0;
  }

  public boolean isInsert(int i) {
    return lens[i] == 0;
  }

  public boolean isDelete(int i) {
    return lens[i] < 0;
  }

  /** Retain or delete count (positive) of component {@code i}; the inserted length for inserts. */
  public int length(int i) {
    return lens[i] == 0 ? texts[i].length() : Math.abs(lens[i]);
  }

  public String insertedText(int i) {
    return texts[i];
  }

  /** True when applying it changes nothing (ot.js {@code isNoop}). */
  public boolean isNoop() {
    return lens.length == 0 || (lens.length == 1 && lens[0] > 0);
  }

  /** Applies to a string; refuses a mismatched length or a split surrogate pair. */
  public String apply(String s) {
    checkApplicable(s);
    StringBuilder out = new StringBuilder(targetLength);
    int pos = 0;
    for (int i = 0; i < lens.length; i++) {
      int n = lens[i];
      if (n > 0) {
        out.append(s, pos, pos + n);
        pos += n;
      } else if (n < 0) {
        pos -= n;
      } else {
        out.append(texts[i]);
      }
    }
    return out.toString();
  }

  /**
   * Refuses (code {@code invalid_op}) an edit whose retains and deletes do not add up to the
   * text's length, that puts a boundary between the two halves of a surrogate pair, or that
   * inserts a lone surrogate.
   */
  public void checkApplicable(CharSequence s) {
    if (s.length() != baseLength) {
      throw Refusal.invalidOp(
          "text edit spans " + baseLength + " code units but the text has " + s.length());
    }
    int pos = 0;
    for (int i = 0; i < lens.length; i++) {
      int n = lens[i];
      if (n == 0) {
        checkValidText(texts[i]);
        checkBoundary(s, pos);
      } else {
        checkBoundary(s, pos);
        pos += Math.abs(n);
        checkBoundary(s, pos);
      }
    }
  }

  private static void checkBoundary(CharSequence s, int pos) {
    if (pos > 0
        && pos < s.length()
        && Character.isHighSurrogate(s.charAt(pos - 1))
        && Character.isLowSurrogate(s.charAt(pos))) {
      throw Refusal.invalidOp("text edit splits a surrogate pair at code unit " + pos);
    }
  }

  /**
   * Refuses a string holding an unpaired surrogate (it is not valid Unicode text) or U+0000,
   * which PostgreSQL cannot store in text or jsonb: accepted here, it would fail the commit.
   */
  public static void checkValidText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw Refusal.invalidOp("text holds U+0000 (NUL) at code unit " + i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw Refusal.invalidOp("text holds a lone high surrogate at code unit " + i);
        }
      } else if (Character.isLowSurrogate(c)) {
        throw Refusal.invalidOp("text holds a lone low surrogate at code unit " + i);
      }
    }
  }

  /** The edit that undoes this one, given the text it applies to (ot.js {@code invert}). */
  public TextOperation invert(String s) {
    Builder b = builder();
    int pos = 0;
    for (int i = 0; i < lens.length; i++) {
      int n = lens[i];
      if (n > 0) {
        b.retain(n);
        pos += n;
      } else if (n < 0) {
        b.insert(s.substring(pos, pos - n));
        pos -= n;
      } else {
        b.delete(texts[i].length());
      }
    }
    return b.build();
  }

  /**
   * The single edit equal to this followed by {@code next} (ot.js {@code compose}):
   * {@code next.apply(this.apply(s)) == this.compose(next).apply(s)}.
   */
  public TextOperation compose(TextOperation next) {
    if (targetLength != next.baseLength) {
      throw Refusal.invalidOp(
          "cannot compose: the first edit produces "
              + targetLength
              + " code units, the second spans "
              + next.baseLength);
    }
    Builder out = builder();
    Cursor c1 = new Cursor(this);
    Cursor c2 = new Cursor(next);
    while (true) {
      if (c1.done() && c2.done()) break;
      if (c1.isDelete()) {
        out.delete(c1.remaining);
        c1.next();
        continue;
      }
      if (c2.isInsert()) {
        out.insert(c2.text());
        c2.next();
        continue;
      }
      if (c1.done()) throw Refusal.invalidOp("cannot compose: first edit is too short");
      if (c2.done()) throw Refusal.invalidOp("cannot compose: first edit is too long");
      int m = Math.min(c1.remaining, c2.remaining);
      if (c1.isRetain() && c2.isRetain()) {
        out.retain(m);
      } else if (c1.isInsert() && c2.isDelete()) {
        // inserted then deleted: nothing left
      } else if (c1.isInsert() && c2.isRetain()) {
        out.insert(c1.text(m));
      } else if (c1.isRetain() && c2.isDelete()) {
        out.delete(m);
      } else {
        throw Refusal.invalidOp("cannot compose: incompatible edits");
      }
      c1.advance(m);
      c2.advance(m);
    }
    return out.build();
  }

  /**
   * ot.js {@code TextOperation.transform(later, earlier)}: both edits apply to the same text;
   * returns {@code [later', earlier']} with {@code earlier'.apply(later.apply(s)) ==
   * later'.apply(earlier.apply(s))}. Where both insert at the same position, {@code later}'s
   * insert comes first.
   */
  public static TextOperation[] transform(TextOperation later, TextOperation earlier) {
    if (later.baseLength != earlier.baseLength) {
      throw Refusal.invalidOp(
          "cannot transform edits of different base lengths "
              + later.baseLength
              + " and "
              + earlier.baseLength);
    }
    Builder p1 = builder();
    Builder p2 = builder();
    Cursor c1 = new Cursor(later);
    Cursor c2 = new Cursor(earlier);
    while (true) {
      if (c1.done() && c2.done()) break;
      if (c1.isInsert()) {
        String t = c1.text();
        p1.insert(t);
        p2.retain(t.length());
        c1.next();
        continue;
      }
      if (c2.isInsert()) {
        String t = c2.text();
        p1.retain(t.length());
        p2.insert(t);
        c2.next();
        continue;
      }
      if (c1.done()) throw Refusal.invalidOp("cannot transform: first edit is too short");
      if (c2.done()) throw Refusal.invalidOp("cannot transform: first edit is too long");
      int m = Math.min(c1.remaining, c2.remaining);
      if (c1.isRetain() && c2.isRetain()) {
        p1.retain(m);
        p2.retain(m);
      } else if (c1.isDelete() && c2.isRetain()) {
        p1.delete(m);
      } else if (c1.isRetain() && c2.isDelete()) {
        p2.delete(m);
      }
      // both delete the same span: neither needs to
      c1.advance(m);
      c2.advance(m);
    }
    return new TextOperation[] {p1.build(), p2.build()};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextOperation t
        && Arrays.equals(lens, t.lens)
        && Arrays.equals(texts, t.texts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lens) + Arrays.hashCode(texts);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < lens.length; i++) {
      if (i > 0) b.append(',');
      if (lens[i] == 0) b.append('"').append(texts[i]).append('"');
      else b.append(lens[i]);
    }
    return b.append(']').toString();
  }

  /** Walks the components of an operation, consuming them piece by piece. */
  private static final class Cursor {
    private final TextOperation op;
    private int index = -1;
    /** Units left in the current component (inserted chars for an insert). */
    int remaining;

    private int offset; // into an insert's text

    Cursor(TextOperation op) {
      this.op = op;
      next();
    }

    void next() {
      index++;
      offset = 0;
      remaining = index < op.lens.length ? op.length(index) : 0;
    }

    boolean done() {
      return index >= op.lens.length;
    }

    boolean isRetain() {
      return !done() && op.lens[index] > 0;
    }

    boolean isDelete() {
      return !done() && op.lens[index] < 0;
    }

    boolean isInsert() {
      return !done() && op.lens[index] == 0;
    }

    String text() {
      String t = op.texts[index];
      return offset == 0 ? t : t.substring(offset);
    }

    String text(int n) {
      return op.texts[index].substring(offset, offset + n);
    }

    void advance(int n) {
      remaining -= n;
      offset += n;
      if (remaining == 0) next();
    }
  }

  /** Builds a normalised operation exactly as ot.js does (merges, insert before delete). */
  public static final class Builder {
    private int[] lens = new int[4];
    private String[] texts = new String[4];
    private int size;
    private long baseLength;
    private long targetLength;

    public Builder retain(int n) {
      if (n < 0) throw Refusal.invalidOp("retain expects a non-negative count");
      if (n == 0) return this;
      baseLength += n;
      targetLength += n;
      if (size > 0 && lens[size - 1] > 0) lens[size - 1] += n;
      else push(n, null);
      return this;
    }

    public Builder insert(String s) {
      if (s.isEmpty()) return this;
      targetLength += s.length();
      if (size > 0 && lens[size - 1] == 0) {
        texts[size - 1] = texts[size - 1] + s;
      } else if (size > 0 && lens[size - 1] < 0) {
        // insert-before-delete normal form, as ot.js: equal effects give equal operations
        if (size > 1 && lens[size - 2] == 0) {
          texts[size - 2] = texts[size - 2] + s;
        } else {
          push(lens[size - 1], null);
          lens[size - 2] = 0;
          texts[size - 2] = s;
        }
      } else {
        push(0, s);
      }
      return this;
    }

    public Builder delete(int n) {
      if (n < 0) n = -n;
      if (n == 0) return this;
      baseLength += n;
      if (size > 0 && lens[size - 1] < 0) lens[size - 1] -= n;
      else push(-n, null);
      return this;
    }

    private void push(int n, String s) {
      if (size == lens.length) {
        lens = Arrays.copyOf(lens, size * 2);
        texts = Arrays.copyOf(texts, size * 2);
      }
      lens[size] = n;
      texts[size] = s;
      size++;
    }

    public TextOperation build() {
      if (baseLength > Integer.MAX_VALUE || targetLength > Integer.MAX_VALUE) {
        throw Refusal.tooLarge("text edit is too long");
      }
      if (size == 0) return EMPTY;
      return new TextOperation(
          Arrays.copyOf(lens, size), Arrays.copyOf(texts, size), (int) baseLength, (int) targetLength);
    }
  }
}
