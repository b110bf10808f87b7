package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fault tests' sizes: CI's are the ones docs/reliability.md states, and none can be set below its floor. */
@Tag(FaultsTaggedTest.TAG)
class FaultSizesTest {
  @Test
  void ciRunsTheSizesTheReliabilityDocStates() {
    assertEquals(10, ProcessCrashTest.ROUNDS, "kills");
    assertEquals(3, DatabaseOutageTest.OUTAGES, "outages");
    assertEquals(3000, DatabaseOutageTest.OUTAGE_MS, "outage length");
    assertEquals(5000, ProtocolFuzzTest.MESSAGES, "fuzzed messages");
    assertEquals(10_000, NetworkFaultsTest.FLAKY_STEPS, "flaky-network steps");
  }

  @Test
  void aSizeBelowItsFloorFailsTheTestInsteadOfRunningNextToNothing() {
    String key = "tavolo.faults.sizeUnderTest";
    try {
      System.clearProperty(key);
      assertEquals(10, FaultRun.knob("sizeUnderTest", 10, 3), "unset: CI's size");
      System.setProperty(key, "3");
      assertEquals(3, FaultRun.knob("sizeUnderTest", 10, 3), "at the floor");
      System.setProperty(key, "50");
      assertEquals(50, FaultRun.knob("sizeUnderTest", 10, 3), "bigger");
      for (String tooSmall : new String[] {"2", "0", "-1"}) {
        System.setProperty(key, tooSmall);
        AssertionError e = assertThrows(AssertionError.class, () -> FaultRun.knob("sizeUnderTest", 10, 3));
        assertTrue(e.getMessage().contains("-D" + key + "=" + tooSmall) && e.getMessage().contains("floor of 3"),
            e.getMessage());
      }
      System.setProperty(key, "ten");
      assertThrows(AssertionError.class, () -> FaultRun.knob("sizeUnderTest", 10, 3));
    } finally {
      System.clearProperty(key);
    }
  }
}
