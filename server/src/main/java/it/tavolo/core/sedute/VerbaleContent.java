package it.tavolo.core.sedute;

import java.time.Instant;
import java.util.List;

/**
 * Everything the verbale of a closed seduta says, read from the frozen record: the same
 * content yields the same text in every format (see {@link VerbaleLayout}).
 */
public record VerbaleContent(String tavoloTitle, String enteProponente, String title, Instant startsAt,
                             Instant openedAt, Instant closedAt, SedutaMode mode, String place, String callUrl,
                             String coordinator, List<String> documents, List<RegisterEntry> register,
                             List<Item> agenda, List<Integration> integrations, List<Version> versions) {
  public VerbaleContent {
    documents = List.copyOf(documents);
    register = List.copyOf(register);
    agenda = List.copyOf(agenda);
    integrations = List.copyOf(integrations);
    versions = List.copyOf(versions);
  }

  /** An agenda item in its order, with the decisions recorded on it. */
  public record Item(int number, String title, String notes, List<Decision> decisions) {
    public Item {
      decisions = List.copyOf(decisions);
    }
  }

  public record Decision(String text, String recordedBy, Instant at) {
  }

  /** An integration accepted while the seduta was open. */
  public record Integration(String document, String title, String proposedBy, String acceptedBy, Instant at) {
  }

  /** A version consolidated while the seduta was open, with the SHA-256 of its canonical form. */
  public record Version(String document, String name, long seq, String sha256, String lockedBy, Instant at) {
  }
}
