package it.tavolo.core.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.Seeds;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

  @Test
  void everyClientEndsEqualToTheServerWithEachCharacterCreditedToItsTypist() {
    int[] totals = new int[4];
    Seeds.forEach(20_000, 2_000, seed -> {
      Simulation sim = new Simulation(seed, 2 + (int) (seed % 3));
      sim.run(200);
      totals[0] += sim.restarts;
      totals[1] += sim.duplicates;
      totals[2] += sim.histories;
      totals[3] += sim.notes;
    });
    System.out.printf("convergence: %d restarts, %d duplicate resends, %d late batches needing history, %d transform notes%n",
        totals[0], totals[1], totals[2], totals[3]);
    if (System.getProperty("tavolo.seed") == null) {
      // the simulation must actually exercise the hard paths, or it proves little
      assertTrue(totals[0] > 0 && totals[1] > 0 && totals[2] > 0 && totals[3] > 0, "paths exercised");
    }
  }
}
