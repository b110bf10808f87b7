package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.demo.DemoSeed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The wrong-value cases HostileInputTest sends are wrong only where they mean to be: each
 * case's control (the same op with a good value) is accepted by the core on the same
 * entities, and the case itself is refused with its code. Without this, a case naming a
 * missing entity would be refused for that and prove nothing about its field.
 */
@Tag(FaultsTaggedTest.TAG)
class SchemaCasesTest {
  @Test
  void everyWrongValueCaseIsRefusedAndItsCorrectedTwinAccepted() {
    String org = DemoSeed.SDS.id().toString();
    DocumentState fixture = new DocumentState();
    fixture.setKnownOrganisation(org::equals);
    fixture.setKnownTerritorio(SchemaCases.TERRITORIO::equals);
    OpApplier.applyAll(fixture, OpCodec.decodeBatch("[" + String.join(",", SchemaCases.fixtureOps(org, c -> false)) + "]"), "u", 1);
    List<SchemaCases.Case> cases = SchemaCases.all(org);
    List<String> wrong = new ArrayList<>();
    int controlled = 0;
    for (SchemaCases.Case c : cases) {
      String refused = refusal(fixture, c.op());
      if (!c.expected().equals(refused)) {
        wrong.add(c.group() + ": " + c.name() + ": the core answers " + refused + ", not " + c.expected());
      }
      if (c.control() != null) {
        controlled++;
        String control = refusal(fixture, c.control());
        if (control != null) {
          wrong.add(c.group() + ": " + c.name() + ": its control is refused too (" + control + "): " + c.control());
        }
      }
    }
    System.out.println("SchemaCasesTest: " + cases.size() + " cases, " + controlled + " with a control");
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertTrue(controlled > cases.size() * 9 / 10, "most cases have a control: " + controlled + " of " + cases.size());
    assertEquals(it.tavolo.core.model.Schema.collections().size(), cases.stream().map(SchemaCases.Case::group).filter(g -> !g.equals(SchemaCases.OP_LEVEL)).distinct().count(),
        "every collection of the schema is attacked");
  }

  /** The code the core refuses the op with on a copy of {@code state}, or null if it applies. */
  private static String refusal(DocumentState state, String op) {
    try {
      OpApplier.applyAll(state.copy(), OpCodec.decodeBatch("[" + op + "]"), "u", 2);
      return null;
    } catch (Refusal e) {
      return e.code();
    }
  }
}
