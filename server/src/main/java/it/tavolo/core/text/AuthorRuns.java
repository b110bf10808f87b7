package it.tavolo.core.text;

import it.tavolo.core.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who inserted each UTF-16 unit of a text, as run-length runs {@code (length, author)} with
 * adjacent equal authors merged (as Etherpad's attributes). Immutable: applying an edit
 * returns new runs, so keeping the old value is a free undo.
 */
public final class AuthorRuns {
  private static final AuthorRuns EMPTY = new AuthorRuns(new int[0], new String[0], 0);

  private final int[] lens;
  private final String[] authors;
  private final int length;

  private AuthorRuns(int[] lens, String[] authors, int length) {
    this.lens = lens;
    this.authors = authors;
    this.length = length;
  }

  public static AuthorRuns empty() {
    return EMPTY;
  }

  /** A text of {@code length} units all by {@code author}. */
  public static AuthorRuns of(int length, String author) {
    return length == 0 ? EMPTY : new AuthorRuns(new int[] {length}, new String[] {author}, length);
  }

  /** Rebuilds from a list of runs; merges adjacent equal authors, refuses empty runs. */
  public static AuthorRuns fromRuns(List<Run> runs) {
    Builder b = new Builder(runs.size());
    for (Run r : runs) {
      if (r.length() <= 0) throw Refusal.invalidOp("author run length must be positive");
      b.add(r.length(), r.author());
    }
    return b.build();
  }

  public record Run(int length, String author) {
    public Run {
      Objects.requireNonNull(author, "author");
    }
  }

  public int length() {
    return length;
  }

  public int runCount() {
    return lens.length;
  }

  public List<Run> runs() {
    List<Run> out = new ArrayList<>(lens.length);
    for (int i = 0; i < lens.length; i++) out.add(new Run(lens[i], authors[i]));
    return out;
  }

  /** The author of the unit at {@code index}. */
  public String authorAt(int index) {
    if (index < 0 || index >= length) throw new IndexOutOfBoundsException(index);
    int pos = 0;
    for (int i = 0; i < lens.length; i++) {
      pos += lens[i];
      if (index < pos) return authors[i];
    }
    throw new IllegalStateException("runs shorter than their length");
  }

  /** The runs after {@code op}: retained units keep their author, inserted ones get {@code author}. */
  public AuthorRuns apply(TextOperation op, String author) {
    if (op.baseLength() != length) {
      throw Refusal.invalidOp(
          "text edit spans " + op.baseLength() + " code units but the text has " + length);
    }
    Builder out = new Builder(lens.length + 2);
    int run = 0; // current run
    int used = 0; // units of the current run already consumed
    for (int i = 0; i < op.size(); i++) {
      int n = op.length(i);
      if (op.isInsert(i)) {
        out.add(n, author);
        continue;
      }
      boolean keep = op.isRetain(i);
      while (n > 0) {
        int avail = lens[run] - used;
        int take = Math.min(avail, n);
        if (keep) out.add(take, authors[run]);
        n -= take;
        used += take;
        if (used == lens[run]) {
          run++;
          used = 0;
        }
      }
    }
    return out.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthorRuns r && Arrays.equals(lens, r.lens) && Arrays.equals(authors, r.authors);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lens) + Arrays.hashCode(authors);
  }

  @Override
  public String toString() {
    return runs().toString();
  }

  private static final class Builder {
    private int[] lens;
    private String[] authors;
    private int size;
    private long length;

    Builder(int capacity) {
      lens = new int[Math.max(capacity, 2)];
      authors = new String[lens.length];
    }

    void add(int n, String author) {
      if (n == 0) return;
      length += n;
      if (size > 0 && authors[size - 1].equals(author)) {
        lens[size - 1] += n;
        return;
      }
      if (size == lens.length) {
        lens = Arrays.copyOf(lens, size * 2);
        authors = Arrays.copyOf(authors, size * 2);
      }
      lens[size] = n;
      authors[size] = author;
      size++;
    }

    AuthorRuns build() {
      if (size == 0) return EMPTY;
      if (length > Integer.MAX_VALUE) throw Refusal.tooLarge("text is too long");
      return new AuthorRuns(Arrays.copyOf(lens, size), Arrays.copyOf(authors, size), (int) length);
    }
  }
}
