package it.tavolo.core.sedute;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a coordinator fills in to plan a seduta: when, how, where, the agenda in order and
 * the tavolo's documents under discussion. {@link SedutaRules#check} turns raw input into
 * a draft that can be stored.
 */
public record SedutaDraft(String title, Instant startsAt, SedutaMode mode, String place, String callUrl,
                          List<AgendaItemDraft> agenda, List<UUID> documents) {
  public SedutaDraft {
    agenda = List.copyOf(agenda);
    documents = List.copyOf(documents);
  }

  /** One point of the agenda ("ordine del giorno"). */
  public record AgendaItemDraft(String title, String notes) {
  }
}
