package it.tavolo.core.record;

import it.tavolo.core.text.AuthorRuns;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * A readable, small difference between two texts: Myers' algorithm over words, runs of
 * spaces and single other characters (so a change shows as whole words, and a surrogate pair
 * is never split). When the texts differ in more than {@link #MAX_EDIT_TOKENS} tokens the
 * middle is shown as one replacement: a diff that large is read as a rewrite anyway, and this
 * bounds time and memory.
 */
public final class TextDiff {
  public static final int MAX_EDIT_TOKENS = 1500;

  public enum Kind {
    EQUAL,
    INSERT,
    DELETE;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A piece of the diff: text kept, inserted (in the new text) or deleted (from the old). */
  public record Segment(Kind kind, String text) {}

  private TextDiff() {}

  public static List<Segment> diff(String a, String b) {
    List<Segment> out = new ArrayList<>();
    if (a.equals(b)) {
      if (!a.isEmpty()) out.add(new Segment(Kind.EQUAL, a));
      return out;
    }
    List<String> ta = tokens(a);
    List<String> tb = tokens(b);
    int pre = 0;
    while (pre < ta.size() && pre < tb.size() && ta.get(pre).equals(tb.get(pre))) pre++;
    int suf = 0;
    while (suf < ta.size() - pre && suf < tb.size() - pre
        && ta.get(ta.size() - 1 - suf).equals(tb.get(tb.size() - 1 - suf))) suf++;
    add(out, Kind.EQUAL, join(ta, 0, pre));
    List<String> ma = ta.subList(pre, ta.size() - suf);
    List<String> mb = tb.subList(pre, tb.size() - suf);
    List<Segment> middle = myers(ma, mb);
    if (middle == null) {
      add(out, Kind.DELETE, join(ma, 0, ma.size()));
      add(out, Kind.INSERT, join(mb, 0, mb.size()));
    } else {
      for (Segment s : middle) add(out, s.kind(), s.text());
    }
    add(out, Kind.EQUAL, join(ta, ta.size() - suf, ta.size()));
    return out;
  }

  /** The edit that turns {@code a} into {@code b} along {@link #diff}. */
  public static TextOperation operation(String a, String b) {
    TextOperation.Builder op = TextOperation.builder();
    for (Segment s : diff(a, b)) {
      switch (s.kind()) {
        case EQUAL -> op.retain(s.text().length());
        case DELETE -> op.delete(s.text().length());
        case INSERT -> op.insert(s.text());
      }
    }
    return op.build();
  }

  /** The runs of {@code runs} covering {@code [from, from + length)}, as {@code [author, length]}. */
  public static List<AuthorRuns.Run> slice(AuthorRuns runs, int from, int length) {
    List<AuthorRuns.Run> out = new ArrayList<>();
    int pos = 0;
    int end = from + length;
    for (AuthorRuns.Run r : runs.runs()) {
      int rs = pos;
      int re = pos + r.length();
      pos = re;
      int s = Math.max(rs, from);
      int e = Math.min(re, end);
      if (s < e) out.add(new AuthorRuns.Run(e - s, r.author()));
      if (re >= end) break;
    }
    return out;
  }

  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int start = i;
      int cp = s.codePointAt(i);
      int cls = cls(cp);
      i += Character.charCount(cp);
      if (cls != 2) {
        while (i < s.length()) {
          int next = s.codePointAt(i);
          if (cls(next) != cls) break;
          i += Character.charCount(next);
        }
      }
      out.add(s.substring(start, i));
    }
    return out;
  }

  /** 0: letters and digits, 1: white space, 2: anything else (one per token). */
  private static int cls(int cp) {
    if (Character.isLetterOrDigit(cp)) return 0;
    if (Character.isWhitespace(cp)) return 1;
    return 2;
  }

  private static String join(List<String> t, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) b.append(t.get(i));
    return b.toString();
  }

  private static void add(List<Segment> out, Kind kind, String text) {
    if (text.isEmpty()) return;
    if (!out.isEmpty() && out.get(out.size() - 1).kind() == kind) {
      out.set(out.size() - 1, new Segment(kind, out.get(out.size() - 1).text() + text));
    } else {
      out.add(new Segment(kind, text));
    }
  }

  /** Myers' O((N+M)D) diff; null when D exceeds {@link #MAX_EDIT_TOKENS}. */
  private static List<Segment> myers(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    List<Segment> rev = new ArrayList<>();
    if (n == 0 || m == 0) {
      if (n > 0) rev.add(new Segment(Kind.DELETE, join(a, 0, n)));
      if (m > 0) rev.add(new Segment(Kind.INSERT, join(b, 0, m)));
      return rev;
    }
    int maxD = Math.min(n + m, MAX_EDIT_TOKENS);
    int offset = maxD + 1;
    int[] v = new int[2 * maxD + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= maxD && found < 0; d++) {
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
            ? v[offset + k + 1] : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
      int[] snap = new int[2 * d + 1];
      System.arraycopy(v, offset - d, snap, 0, 2 * d + 1);
      trace.add(snap);
    }
    if (found < 0) return null;
    int x = n;
    int y = m;
    List<Segment> back = new ArrayList<>();
    for (int d = found; d > 0; d--) {
      int[] prev = trace.get(d - 1); // holds k in [-(d-1), d-1] at index k + d - 1
      int k = x - y;
      boolean down = k == -d || (k != d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1));
      int prevK = down ? k + 1 : k - 1;
      int prevX = at(prev, d - 1, prevK);
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        back.add(new Segment(Kind.EQUAL, a.get(x - 1)));
        x--;
        y--;
      }
      if (down) back.add(new Segment(Kind.INSERT, b.get(prevY)));
      else back.add(new Segment(Kind.DELETE, a.get(prevX)));
      x = prevX;
      y = prevY;
    }
    while (x > 0 && y > 0) {
      back.add(new Segment(Kind.EQUAL, a.get(x - 1)));
      x--;
      y--;
    }
    List<Segment> out = new ArrayList<>();
    for (int i = back.size() - 1; i >= 0; i--) add(out, back.get(i).kind(), back.get(i).text());
    return out;
  }

  private static int at(int[] snap, int d, int k) {
    return snap[k + d];
  }
}
