package it.tavolo.core.text;

import java.util.Arrays;

/**
 * A mutable text as a gap buffer: edits near the previous one (typing) cost time in the
 * distance moved, not in the length of the text, so a keystroke on a 100k-unit field does
 * not copy the field.
 */
public final class TextBuffer implements CharSequence {
  private char[] buf;
  private int gapStart;
  private int gapEnd;

  public TextBuffer(String initial) {
    buf = new char[Math.max(16, initial.length() + 16)];
    initial.getChars(0, initial.length(), buf, 0);
    gapStart = initial.length();
    gapEnd = buf.length;
  }

  @Override
  public int length() {
    return buf.length - (gapEnd - gapStart);
  }

  @Override
  public char charAt(int i) {
    return i < gapStart ? buf[i] : buf[i + gapEnd - gapStart];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return substring(start, end);
  }

  public String substring(int start, int end) {
    if (start < 0 || end > length() || start > end) throw new IndexOutOfBoundsException();
    if (end <= gapStart) return new String(buf, start, end - start);
    int gap = gapEnd - gapStart;
    if (start >= gapStart) return new String(buf, start + gap, end - start);
    StringBuilder b = new StringBuilder(end - start);
    b.append(buf, start, gapStart - start);
    b.append(buf, gapEnd, end - gapStart);
    return b.toString();
  }

  @Override
  public String toString() {
    return substring(0, length());
  }

  /**
   * Applies an edit in place, after {@link TextOperation#checkApplicable}; returns its
   * inverse (so a failed batch can be rolled back).
   */
  public TextOperation apply(TextOperation op) {
    op.checkApplicable(this);
    TextOperation.Builder inverse = TextOperation.builder();
    int pos = 0;
    for (int i = 0; i < op.size(); i++) {
      int n = op.length(i);
      if (op.isRetain(i)) {
        inverse.retain(n);
        pos += n;
      } else if (op.isDelete(i)) {
        moveGap(pos);
        inverse.insert(new String(buf, gapEnd, n));
        gapEnd += n;
      } else {
        String s = op.insertedText(i);
        moveGap(pos);
        ensureGap(n);
        s.getChars(0, n, buf, gapStart);
        gapStart += n;
        pos += n;
        inverse.delete(n);
      }
    }
    return inverse.build();
  }

  private void moveGap(int pos) {
    if (pos < gapStart) {
      int n = gapStart - pos;
      System.arraycopy(buf, pos, buf, gapEnd - n, n);
      gapStart -= n;
      gapEnd -= n;
    } else if (pos > gapStart) {
      int n = pos - gapStart;
      System.arraycopy(buf, gapEnd, buf, gapStart, n);
      gapStart += n;
      gapEnd += n;
    }
  }

  private void ensureGap(int n) {
    if (gapEnd - gapStart >= n) return;
    int len = length();
    int newCap = Math.max(buf.length * 2, len + n + 16);
    char[] nb = new char[newCap];
    System.arraycopy(buf, 0, nb, 0, gapStart);
    int tail = buf.length - gapEnd;
    System.arraycopy(buf, gapEnd, nb, newCap - tail, tail);
    gapEnd = newCap - tail;
    buf = nb;
  }

  /** Content equality with a string (for tests and checks), without copying. */
  public boolean contentEquals(CharSequence s) {
    if (s.length() != length()) return false;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) != charAt(i)) return false;
    return true;
  }

  /** Releases memory held by a large gap after big deletes. */
  public void trim() {
    if (gapEnd - gapStart > 4096 && gapEnd - gapStart > length()) {
      String s = toString();
      char[] nb = Arrays.copyOf(s.toCharArray(), s.length() + 16);
      buf = nb;
      gapStart = s.length();
      gapEnd = nb.length;
    }
  }
}
