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
                             List<Item> agenda, List<Integration> integrations, List<Version> versions,
                             List<Budget> budgets) {
  public VerbaleContent {
    documents = List.copyOf(documents);
    register = List.copyOf(register);
    agenda = List.copyOf(agenda);
    integrations = List.copyOf(integrations);
    versions = List.copyOf(versions);
    budgets = List.copyOf(budgets);
  }

  public VerbaleContent(String tavoloTitle, String enteProponente, String title, Instant startsAt,
                        Instant openedAt, Instant closedAt, SedutaMode mode, String place, String callUrl,
                        String coordinator, List<String> documents, List<RegisterEntry> register,
                        List<Item> agenda, List<Integration> integrations, List<Version> versions) {
    this(tavoloTitle, enteProponente, title, startsAt, openedAt, closedAt, mode, place, callUrl, coordinator, documents,
        register, agenda, integrations, versions, List.of());
  }

  /**
   * A document's budget totals when the seduta opened and when it closed, already written out
   * (rows of label, before, after) by the layer that knows how money is written.
   */
  public record Budget(String document, List<List<String>> rows) {
    public Budget {
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /**
   * An agenda item in its order, with the decisions recorded on it, the discussion as the
   * notes said it when the seduta closed (null: no notes) and the interventi, riserve and
   * dichiarazioni a verbale recorded on it.
   */
  public record Item(int number, String title, String notes, List<Decision> decisions, String discussion,
                     List<Entry> entries) {
    public Item {
      decisions = List.copyOf(decisions);
      entries = List.copyOf(entries);
    }

    public Item(int number, String title, String notes, List<Decision> decisions) {
      this(number, title, notes, decisions, null, List.of());
    }
  }

  /** An intervento, a riserva or a dichiarazione a verbale by a named participant. */
  public record Entry(String kind, String speaker, String organisation, String text) {
    public static final String INTERVENTO = "intervento";
    public static final String RISERVA = "riserva";
    public static final String DICHIARAZIONE = "dichiarazione";
  }

  public record Decision(String text, String recordedBy, Instant at) {
  }

  /** An integration accepted while the seduta was open, and what it changed, in words. */
  public record Integration(String document, String title, String proposedBy, String acceptedBy, Instant at,
                            List<String> changes) {
    public Integration {
      changes = List.copyOf(changes);
    }

    public Integration(String document, String title, String proposedBy, String acceptedBy, Instant at) {
      this(document, title, proposedBy, acceptedBy, at, List.of());
    }
  }

  /**
   * A version consolidated while the seduta was open, with the SHA-256 of its canonical form
   * and what changed since the document's previous version, in words.
   */
  public record Version(String document, String name, long seq, String sha256, String lockedBy, Instant at,
                        List<String> changes) {
    public Version {
      changes = List.copyOf(changes);
    }

    public Version(String document, String name, long seq, String sha256, String lockedBy, Instant at) {
      this(document, name, seq, sha256, lockedBy, at, List.of());
    }
  }
}
