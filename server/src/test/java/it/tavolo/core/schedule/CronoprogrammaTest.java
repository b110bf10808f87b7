package it.tavolo.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CronoprogrammaTest {
  private static Op activity(String id, String order, String title, String start, String end) {
    Map<String, Object> f = new HashMap<>();
    f.put("order", order);
    f.put("title", title);
    f.put("start", start);
    f.put("end", end);
    return new Op.Create("activities", id, f);
  }

  @Test
  void monthsRunFromTheFirstStartToTheLastEndAndEachActivityTakesItsMonthsBothIncluded() {
    DocumentState d = new DocumentState();
    OpApplier.applyAll(d, List.of(
        activity("a2", "b", "Tirocini", "2018-01-15", "2018-03-01"),
        activity("a1", "a", "Coaching", "2017-11-30", "2018-01-01"),
        activity("a3", "c", "Ascolto", "2018-02-10", null),
        activity("a4", "d", "Da decidere", null, null)), "u", 1);
    Cronoprogramma c = Cronoprogramma.of(d);
    assertEquals(List.of("2017-11", "2017-12", "2018-01", "2018-02", "2018-03"), c.months());
    assertEquals(List.of("a1", "a2", "a3", "a4"), c.rows().stream().map(Cronoprogramma.Row::activity).toList(),
        "document order");
    assertEquals(List.of(true, true, true, false, false), c.rows().get(0).active());
    assertEquals(List.of(false, false, true, true, true), c.rows().get(1).active());
    assertEquals(List.of(false, false, false, true, true), c.rows().get(2).active(), "no end: to the last month shown");
    assertTrue(c.rows().get(2).openEnded());
    assertEquals(0, c.rows().get(3).monthCount(), "no start: no months");
    assertFalse(c.truncated());
  }

  @Test
  void anEmptyScheduleHasNoMonthsAndALongOneStopsAtTenYears() {
    assertEquals(List.of(), Cronoprogramma.of(new DocumentState()).months());
    DocumentState d = new DocumentState();
    OpApplier.applyAll(d, List.of(activity("a1", "a", "Lunga", "2020-01-01", "2039-12-31")), "u", 1);
    Cronoprogramma c = Cronoprogramma.of(d);
    assertEquals(Cronoprogramma.MAX_MONTHS, c.months().size());
    assertTrue(c.truncated());
    assertEquals("2029-12", c.months().get(c.months().size() - 1));
  }
}
