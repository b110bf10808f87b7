package it.tavolo.core.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.Role;
import it.tavolo.core.ops.OpCodec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 15's rules on submissions: a known territorio, a valid annualità, no end before a start. */
class BudgetRulesTest {
  private static final String ORG = "00000000-0000-4000-8000-000000000001";

  private static Submission sub(long clientSeq, long base, String opsJson) {
    return Submission.of("u-a", ORG, Role.MEMBER, "a", clientSeq, base, OpCodec.decodeBatch(opsJson.replace('\'', '"')));
  }

  private static String line(String id, String extra) {
    return "{'op':'create','coll':'budget','id':'" + id + "','fields':{'order':'a','contributor':'" + ORG
        + "','amount':100" + extra + "}}";
  }

  private static Sequencer withTerritori(String... names) {
    Sequencer s = new Sequencer();
    s.setKnownTerritorio(Set.of(names)::contains);
    return s;
  }

  private static SubmitResult.Rejected refused(SubmitResult r) {
    return assertInstanceOf(SubmitResult.Rejected.class, r, r.toString());
  }

  @Test
  void refusesATerritorioNotInTheTavolosListAndAppliesNothingOfTheBatch() {
    Sequencer s = withTerritori("Pistoia", "Agliana");
    String before = StateCodec.snapshotJson(s.state());
    SubmitResult r = s.submit(sub(1, 0, "[" + line("b1", ",'territorio':'Pistoia'") + ","
        + line("b2", ",'territorio':'Atlantide'") + "]"), 1);
    assertEquals(Refusal.UNKNOWN_TERRITORIO, refused(r).code());
    assertEquals(before, StateCodec.snapshotJson(s.state()), "the first line is not half-applied");
    assertInstanceOf(SubmitResult.Accepted.class, s.submit(sub(1, 0, "[" + line("b1", ",'territorio':'Pistoia'")
        + ",{'op':'set','coll':'budget','id':'b1','field':'annualita','value':2}]"), 1));
    assertEquals("Pistoia", s.state().value("budget", "b1", "territorio"));
    assertEquals(2L, s.state().value("budget", "b1", "annualita"));
    assertEquals(Refusal.UNKNOWN_TERRITORIO,
        refused(s.submit(sub(2, 1, "[{'op':'set','coll':'budget','id':'b1','field':'territorio','value':'Roma'}]"), 2)).code());
  }

  @Test
  void aTerritorioTakenOffTheListKeepsItsLinesOnReplay() {
    Sequencer s = withTerritori("Pistoia");
    CommittedBatch b = ((SubmitResult.Accepted) s.submit(sub(1, 0, "[" + line("b1", ",'territorio':'Pistoia'") + "]"), 1))
        .batch();
    Sequencer replayed = Sequencer.restore(null, List.of(b), s.state().limits());
    replayed.setKnownTerritorio(Set.<String>of()::contains); // the list is empty now
    assertEquals("Pistoia", replayed.state().value("budget", "b1", "territorio"));
  }

  @Test
  void anAnnualitaIsAProjectYearOrACalendarYear() {
    Sequencer s = new Sequencer();
    for (long ok : new long[] {1, 20, 2000, 2026, 2100}) {
      assertInstanceOf(SubmitResult.Accepted.class,
          s.submit(sub(ok, s.head(), "[" + line("y" + ok, ",'annualita':" + ok) + "]"), ok));
    }
    for (long bad : new long[] {0, 21, 1999, 2101, -1}) {
      assertEquals(Refusal.INVALID_OP,
          refused(s.submit(sub(3000 + bad, s.head(), "[" + line("n" + bad, ",'annualita':" + bad) + "]"), 1)).code());
    }
  }

  @Test
  void refusesAnActivityThatEndsBeforeItStartsButNotOnePassingThroughThatOnItsWay() {
    Sequencer s = new Sequencer();
    SubmitResult r = s.submit(sub(1, 0, "[{'op':'create','coll':'activities','id':'a1','fields':{'order':'a',"
        + "'start':'2026-05-01','end':'2026-04-30'}}]"), 1);
    assertEquals(Refusal.END_BEFORE_START, refused(r).code());
    assertEquals(0, s.state().count("activities"));
    assertInstanceOf(SubmitResult.Accepted.class, s.submit(sub(1, 0, "[{'op':'create','coll':'activities','id':'a1',"
        + "'fields':{'order':'a','start':'2026-05-01','end':'2026-05-01'}}]"), 1), "one day is fine");
    assertEquals(Refusal.END_BEFORE_START, refused(s.submit(sub(2, 1,
        "[{'op':'set','coll':'activities','id':'a1','field':'end','value':'2026-01-31'}]"), 2)).code());
    assertEquals("2026-05-01", s.state().value("activities", "a1", "end"), "unchanged");
    // moving both dates a year on: the first set leaves end before start, the batch as a whole does not
    assertInstanceOf(SubmitResult.Accepted.class, s.submit(sub(2, 1,
        "[{'op':'set','coll':'activities','id':'a1','field':'start','value':'2027-05-01'},"
            + "{'op':'set','coll':'activities','id':'a1','field':'end','value':'2027-12-31'}]"), 2));
    // a concurrent change that would invert the pair: the later batch is refused, not merged into it
    assertEquals(Refusal.END_BEFORE_START, refused(s.submit(sub(3, 1,
        "[{'op':'set','coll':'activities','id':'a1','field':'end','value':'2026-06-30'}]"), 3)).code());
    assertNull(s.state().value("activities", "a1", "objective"));
  }
}
