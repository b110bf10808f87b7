package it.tavolo.core.sedute;

import it.tavolo.core.Refusal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** The limits and rules of a seduta's plan, its agenda and its decisions. */
public final class SedutaRules {
  public static final int MAX_TITLE = 200;
  public static final int MAX_PLACE = 300;
  public static final int MAX_AGENDA_ITEMS = 50;
  public static final int MAX_ITEM_TITLE = 300;
  public static final int MAX_ITEM_NOTES = 2000;
  public static final int MAX_DOCUMENTS = 20;
  public static final int MAX_DECISION = 4000;

  private SedutaRules() {
  }

  /** The draft trimmed and checked; throws {@link Refusal} naming the first problem. */
  public static SedutaDraft check(String title, Instant startsAt, String mode, String place, String callUrl,
                                  List<SedutaDraft.AgendaItemDraft> agenda, List<UUID> documents) {
    String t = Texts.required("title", title, MAX_TITLE);
    if (startsAt == null) {
      throw Refusal.invalid("invalid_input", "'startsAt' is required (an ISO-8601 date and time).");
    }
    SedutaMode m = SedutaMode.parse(mode).orElseThrow(() ->
        Refusal.invalid("invalid_input", "'mode' must be in_presenza, online or ibrida."));
    String p = Texts.optional("place", place, MAX_PLACE);
    String link = callUrl == null || callUrl.isBlank() ? null : CallLinks.check(callUrl.strip());
    if (m.needsPlace() && p == null) {
      throw Refusal.invalid("invalid_input", "A seduta " + m.label() + " needs a 'place'.");
    }
    if (m.needsCallLink() && link == null) {
      throw Refusal.invalid("invalid_input", "A seduta " + m.label() + " needs a 'callUrl' (the video-call link).");
    }
    List<SedutaDraft.AgendaItemDraft> items = agenda(agenda == null ? List.of() : agenda);
    List<UUID> docs = documents == null ? List.of() : documents;
    if (docs.size() > MAX_DOCUMENTS) {
      throw Refusal.invalid("invalid_input", "At most " + MAX_DOCUMENTS + " documents per seduta.");
    }
    if (new HashSet<>(docs).size() != docs.size()) {
      throw Refusal.invalid("invalid_input", "'documents' lists a document twice.");
    }
    return new SedutaDraft(t, startsAt, m, p, link, items, docs);
  }

  public static List<SedutaDraft.AgendaItemDraft> agenda(List<SedutaDraft.AgendaItemDraft> raw) {
    if (raw.size() > MAX_AGENDA_ITEMS) {
      throw Refusal.invalid("invalid_input", "At most " + MAX_AGENDA_ITEMS + " agenda items.");
    }
    List<SedutaDraft.AgendaItemDraft> out = new ArrayList<>();
    for (SedutaDraft.AgendaItemDraft item : raw) {
      out.add(item(item == null ? null : item.title(), item == null ? null : item.notes()));
    }
    return out;
  }

  public static SedutaDraft.AgendaItemDraft item(String title, String notes) {
    return new SedutaDraft.AgendaItemDraft(Texts.required("title", title, MAX_ITEM_TITLE),
        Texts.optional("notes", notes, MAX_ITEM_NOTES));
  }

  public static String decision(String text) {
    return Texts.required("text", text, MAX_DECISION);
  }

  /**
   * Refuses moving {@code from} to {@code to}: {@code seduta_closed} (nothing changes a
   * closed seduta), {@code seduta_open} (already open), {@code seduta_not_open} (closing a
   * seduta that never opened).
   */
  public static void transition(SedutaState from, SedutaState to) {
    if (from == SedutaState.CLOSED) {
      throw closed();
    }
    if (from.canMoveTo(to)) {
      return;
    }
    if (from == SedutaState.OPEN) {
      throw Refusal.conflict("seduta_open", "The seduta is already open.");
    }
    throw Refusal.conflict("seduta_not_open", "The seduta is not open: open it first.");
  }

  /** Anything that would change a closed seduta. */
  public static Refusal closed() {
    return Refusal.conflict("seduta_closed", "The seduta is closed: its register, agenda and decisions are part of the record and cannot change.");
  }
}
