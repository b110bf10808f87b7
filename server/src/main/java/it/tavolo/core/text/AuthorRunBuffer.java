package it.tavolo.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The author runs of one text field, mutable, kept as a gap buffer of runs: an edit near the
 * previous one costs the number of runs between them, not the number of runs in the text, so
 * a keystroke in a long text written by many people stays cheap. {@link #snapshot()} gives
 * the canonical immutable {@link AuthorRuns} (adjacent runs of one author merged).
 */
public final class AuthorRunBuffer {
  private int[] lens;
  private String[] authors;
  private int gapStart; // run index where the gap begins
  private int gapEnd; // run index just after the gap
  private int unitsBeforeGap;
  private int length;

  public AuthorRunBuffer(AuthorRuns initial) {
    int n = initial.runCount();
    lens = new int[Math.max(8, n + 8)];
    authors = new String[lens.length];
    List<AuthorRuns.Run> runs = initial.runs();
    for (int i = 0; i < n; i++) {
      lens[i] = runs.get(i).length();
      authors[i] = runs.get(i).author();
    }
    gapStart = n;
    gapEnd = lens.length;
    unitsBeforeGap = initial.length();
    length = initial.length();
  }

  public int length() {
    return length;
  }

  /** The runs now, canonical (merged), immutable. */
  public AuthorRuns snapshot() {
    List<AuthorRuns.Run> runs = new ArrayList<>(gapStart + lens.length - gapEnd);
    for (int i = 0; i < gapStart; i++) runs.add(new AuthorRuns.Run(lens[i], authors[i]));
    for (int i = gapEnd; i < lens.length; i++) runs.add(new AuthorRuns.Run(lens[i], authors[i]));
    return AuthorRuns.fromRuns(runs);
  }

  /**
   * Applies an edit already checked against the text (its base length equals {@link
   * #length()}); inserted units are credited to {@code author}. Returns what undoes it.
   */
  public Runnable apply(TextOperation op, String author) {
    if (op.baseLength() != length) {
      throw new IllegalArgumentException("edit spans " + op.baseLength() + " units, runs cover " + length);
    }
    List<Object> undo = new ArrayList<>(2);
    int pos = 0;
    for (int i = 0; i < op.size(); i++) {
      int n = op.length(i);
      if (op.isRetain(i)) {
        pos += n;
      } else if (op.isInsert(i)) {
        moveGapTo(pos);
        insertAtGap(n, author);
        undo.add(new int[] {pos, n});
        pos += n;
      } else {
        moveGapTo(pos);
        undo.add(new Removed(pos, deleteAfterGap(n)));
      }
    }
    return () -> {
      for (int k = undo.size() - 1; k >= 0; k--) {
        Object u = undo.get(k);
        if (u instanceof Removed r) {
          moveGapTo(r.pos);
          for (int j = 0; j < r.lens.length; j++) insertAtGap(r.lens[j], r.authors[j]);
        } else {
          int[] ins = (int[]) u;
          moveGapTo(ins[0]);
          deleteAfterGap(ins[1]);
        }
      }
    };
  }

  private record Removed(int pos, int[] lens, String[] authors) {
    Removed(int pos, Removed runs) {
      this(pos, runs.lens, runs.authors);
    }
  }

  /** Puts the gap at unit {@code pos}, splitting the run that straddles it. */
  private void moveGapTo(int pos) {
    ensureGap(1); // a run moved across an empty gap would land on its own slot
    while (unitsBeforeGap > pos) {
      int l = lens[gapStart - 1];
      if (unitsBeforeGap - l >= pos) {
        lens[gapEnd - 1] = l;
        authors[gapEnd - 1] = authors[gapStart - 1];
        authors[gapStart - 1] = null;
        gapStart--;
        gapEnd--;
        unitsBeforeGap -= l;
      } else {
        ensureGap(1);
        int right = unitsBeforeGap - pos;
        lens[gapStart - 1] = l - right;
        lens[gapEnd - 1] = right;
        authors[gapEnd - 1] = authors[gapStart - 1];
        gapEnd--;
        unitsBeforeGap = pos;
      }
    }
    while (unitsBeforeGap < pos) {
      int l = lens[gapEnd];
      if (unitsBeforeGap + l <= pos) {
        lens[gapStart] = l;
        authors[gapStart] = authors[gapEnd];
        authors[gapEnd] = null;
        gapStart++;
        gapEnd++;
        unitsBeforeGap += l;
      } else {
        ensureGap(1);
        int left = pos - unitsBeforeGap;
        lens[gapStart] = left;
        authors[gapStart] = authors[gapEnd];
        gapStart++;
        lens[gapEnd] = l - left;
        unitsBeforeGap = pos;
      }
    }
  }

  private void insertAtGap(int n, String author) {
    if (gapStart > 0 && authors[gapStart - 1].equals(author)) {
      lens[gapStart - 1] += n;
    } else {
      ensureGap(1);
      lens[gapStart] = n;
      authors[gapStart] = author;
      gapStart++;
    }
    unitsBeforeGap += n;
    length += n;
  }

  private Removed deleteAfterGap(int n) {
    List<Integer> rl = new ArrayList<>(2);
    List<String> ra = new ArrayList<>(2);
    length -= n;
    while (n > 0) {
      int l = lens[gapEnd];
      if (l <= n) {
        rl.add(l);
        ra.add(authors[gapEnd]);
        authors[gapEnd] = null;
        gapEnd++;
        n -= l;
      } else {
        rl.add(n);
        ra.add(authors[gapEnd]);
        lens[gapEnd] = l - n;
        n = 0;
      }
    }
    int[] out = new int[rl.size()];
    for (int i = 0; i < out.length; i++) out[i] = rl.get(i);
    return new Removed(0, out, ra.toArray(new String[0]));
  }

  private void ensureGap(int n) {
    if (gapEnd - gapStart >= n) return;
    int tail = lens.length - gapEnd;
    int cap = Math.max(lens.length * 2, gapStart + tail + n + 8);
    int[] nl = Arrays.copyOf(lens, cap);
    String[] na = Arrays.copyOf(authors, cap);
    System.arraycopy(lens, gapEnd, nl, cap - tail, tail);
    System.arraycopy(authors, gapEnd, na, cap - tail, tail);
    Arrays.fill(na, gapStart, cap - tail, null);
    lens = nl;
    authors = na;
    gapEnd = cap - tail;
  }
}
