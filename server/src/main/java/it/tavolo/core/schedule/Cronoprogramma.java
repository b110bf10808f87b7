package it.tavolo.core.schedule;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The activities as a schedule (cronoprogramma): months across, activities down, computed from
 * their {@code start} and {@code end} dates, never stored. Month precision: an activity takes
 * every month from its start's month to its end's month, both included (the day is kept in the
 * document but not drawn). The months run from the earliest start to the latest end (or start,
 * for an activity with no end), at most {@link #MAX_MONTHS}; an activity with a start and no end
 * runs to the last month shown ({@code openEnded}); one with no start has no months.
 *
 * @param months every month shown, {@code YYYY-MM}, consecutive
 * @param rows one per activity, in document order (order key, then id)
 * @param truncated whether later months were left out to keep {@link #MAX_MONTHS}
 */
public record Cronoprogramma(List<String> months, List<Row> rows, boolean truncated) {
  /** Ten years of months: a table still readable on a page. */
  public static final int MAX_MONTHS = 120;

  /** {@code active.get(i)}: whether the activity runs in {@code months.get(i)}. */
  public record Row(String activity, String title, String start, String end, boolean openEnded, List<Boolean> active) {
    /** How many months the activity runs within those shown. */
    public int monthCount() {
      int n = 0;
      for (boolean a : active) if (a) n++;
      return n;
    }
  }

  public static Cronoprogramma of(DocumentState doc) {
    List<String> ids = new ArrayList<>(doc.ids(Schema.ACTIVITIES));
    ids.sort(Comparator.comparing((String id) -> (String) doc.value(Schema.ACTIVITIES, id, "order"))
        .thenComparing(Comparator.naturalOrder()));
    YearMonth first = null, last = null;
    for (String id : ids) {
      YearMonth s = month((String) doc.value(Schema.ACTIVITIES, id, "start"));
      YearMonth e = month((String) doc.value(Schema.ACTIVITIES, id, "end"));
      if (s == null) continue;
      YearMonth upTo = e == null || e.isBefore(s) ? s : e;
      if (first == null || s.isBefore(first)) first = s;
      if (last == null || upTo.isAfter(last)) last = upTo;
    }
    List<String> months = new ArrayList<>();
    boolean truncated = false;
    if (first != null) {
      for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
        if (months.size() == MAX_MONTHS) {
          truncated = true;
          break;
        }
        months.add(m.toString());
      }
    }
    List<Row> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      String start = (String) doc.value(Schema.ACTIVITIES, id, "start");
      String end = (String) doc.value(Schema.ACTIVITIES, id, "end");
      YearMonth s = month(start);
      YearMonth e = month(end);
      List<Boolean> active = new ArrayList<>(months.size());
      for (String m : months) {
        YearMonth ym = YearMonth.parse(m);
        active.add(s != null && !ym.isBefore(s) && (e == null || !ym.isAfter(e)));
      }
      rows.add(new Row(id, (String) doc.value(Schema.ACTIVITIES, id, "title"), start, end, s != null && e == null,
          List.copyOf(active)));
    }
    return new Cronoprogramma(List.copyOf(months), List.copyOf(rows), truncated);
  }

  private static YearMonth month(String date) {
    return date == null ? null : YearMonth.parse(date.substring(0, 7));
  }
}
