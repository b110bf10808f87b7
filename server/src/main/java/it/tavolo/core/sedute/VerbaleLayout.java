package it.tavolo.core.sedute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verbale's text, in Italian, as blocks: heading, date/mode/place, documents, the
 * attendees grouped by organisation (PA first, then ETS), the agenda, the decisions per
 * item, the integrations accepted and the versions consolidated during the seduta.
 */
public final class VerbaleLayout {
  static final String NO_ORGANISATION = "Organizzazione non indicata";

  private VerbaleLayout() {
  }

  public static List<Block> blocks(VerbaleContent v) {
    List<Block> out = new ArrayList<>();
    out.add(new Block.Heading(1, "Verbale della seduta"));
    out.add(new Block.Heading(2, v.title()));
    out.add(new Block.Field("Tavolo", v.tavoloTitle()));
    if (v.enteProponente() != null) {
      out.add(new Block.Field("Ente proponente", v.enteProponente()));
    }
    if (v.coordinator() != null) {
      out.add(new Block.Field("Coordinamento", v.coordinator()));
    }

    out.add(new Block.Heading(2, "Data, modalità e luogo"));
    out.add(new Block.Field("Data", ItalianTime.sameDay(v.openedAt(), v.startsAt())
        ? ItalianTime.day(v.openedAt()) + ", convocata per le ore " + ItalianTime.time(v.startsAt())
        : ItalianTime.day(v.openedAt()) + " (convocata per " + ItalianTime.day(v.startsAt()) + " alle ore "
            + ItalianTime.time(v.startsAt()) + ")"));
    out.add(new Block.Field("Apertura e chiusura", "aperta alle ore " + ItalianTime.timeOn(v.openedAt(), v.startsAt())
        + ", chiusa alle ore " + ItalianTime.timeOn(v.closedAt(), v.openedAt())));
    out.add(new Block.Field("Modalità", v.mode().label()));
    if (v.place() != null) {
      out.add(new Block.Field("Luogo", v.place()));
    }
    if (v.callUrl() != null) {
      out.add(new Block.Field("Collegamento", v.callUrl()));
    }

    out.add(new Block.Heading(2, "Documenti in discussione"));
    out.add(v.documents().isEmpty() ? new Block.Paragraph("Nessun documento indicato.") : new Block.Bullets(v.documents()));

    attendees(v, out);

    out.add(new Block.Heading(2, "Ordine del giorno"));
    if (v.agenda().isEmpty()) {
      out.add(new Block.Paragraph("Nessun punto all'ordine del giorno."));
    } else {
      out.add(new Block.Bullets(v.agenda().stream().map(i -> i.number() + ". " + i.title()).toList()));
    }

    out.add(new Block.Heading(2, "Svolgimento e decisioni"));
    if (v.agenda().isEmpty()) {
      out.add(new Block.Paragraph("Nessuna decisione registrata."));
    }
    for (VerbaleContent.Item item : v.agenda()) {
      out.add(new Block.Heading(3, item.number() + ". " + item.title()));
      if (item.notes() != null) {
        out.add(new Block.Paragraph(item.notes()));
      }
      discussion(item, out);
      if (item.decisions().isEmpty()) {
        out.add(new Block.Paragraph("Nessuna decisione registrata su questo punto."));
      } else {
        List<String> ds = new ArrayList<>();
        for (VerbaleContent.Decision d : item.decisions()) {
          ds.add("Decisione: " + d.text() + " (registrata alle ore " + ItalianTime.timeOn(d.at(), v.openedAt())
              + (d.recordedBy() == null ? "" : " da " + d.recordedBy()) + ")");
        }
        out.add(new Block.Bullets(ds));
      }
    }

    out.add(new Block.Heading(2, "Integrazioni accolte durante la seduta"));
    if (v.integrations().isEmpty()) {
      out.add(new Block.Paragraph("Nessuna integrazione accolta durante la seduta."));
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (VerbaleContent.Integration i : v.integrations()) {
        rows.add(List.of(ItalianTime.timeOn(i.at(), v.openedAt()), i.document(), i.title(),
            nz(i.proposedBy()), nz(i.acceptedBy())));
      }
      out.add(new Block.Table(List.of("Ora", "Documento", "Integrazione", "Proposta da", "Accolta da"), rows,
          List.of(10, 22, 32, 18, 18)));
      for (VerbaleContent.Integration i : v.integrations()) {
        if (!i.changes().isEmpty()) {
          out.add(new Block.Field("Modifiche dell'integrazione «" + i.title() + "»"
              + (i.proposedBy() == null ? "" : " proposta da " + i.proposedBy()), ""));
          out.add(new Block.Bullets(i.changes()));
        }
      }
    }

    out.add(new Block.Heading(2, "Versioni consolidate durante la seduta"));
    if (v.versions().isEmpty()) {
      out.add(new Block.Paragraph("Nessuna versione consolidata durante la seduta."));
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (VerbaleContent.Version x : v.versions()) {
        rows.add(List.of(ItalianTime.timeOn(x.at(), v.openedAt()), x.document(), x.name() + " (seq " + x.seq() + ")",
            nz(x.lockedBy()), x.sha256()));
      }
      out.add(new Block.Table(List.of("Ora", "Documento", "Versione", "Consolidata da", "SHA-256"), rows,
          List.of(9, 20, 21, 16, 34)));
      for (VerbaleContent.Version x : v.versions()) {
        if (!x.changes().isEmpty()) {
          out.add(new Block.Field("Modifiche della versione «" + x.name() + "» rispetto alla precedente", ""));
          out.add(new Block.Bullets(x.changes()));
        }
      }
    }

    for (VerbaleContent.Budget b : v.budgets()) {
      out.add(new Block.Heading(2, "Piano economico: " + b.document()));
      out.add(new Block.Table(List.of("Voce", "All'apertura", "Alla chiusura"), b.rows(), List.of(40, 30, 30)));
    }

    out.add(new Block.Paragraph("Verbale generato da Tavolo alla chiusura della seduta ("
        + ItalianTime.dateTime(v.closedAt()) + ") dal registro delle presenze e dalle decisioni registrate; "
        + "il registro è congelato e non può più essere modificato."));
    return out;
  }

  /** A remark on the bozza by someone present. */
  public record Remark(String name, java.time.Instant at, String text) {
  }

  /** What the approved verbale adds after the bozza: the remarks, then the approval. */
  public static List<Block> approval(List<Remark> remarks, String statement) {
    List<Block> out = new ArrayList<>();
    out.add(new Block.Heading(2, "Osservazioni dei presenti"));
    if (remarks.isEmpty()) {
      out.add(new Block.Paragraph("Nessuna osservazione pervenuta."));
    } else {
      List<String> lines = new ArrayList<>();
      for (Remark r : remarks) {
        lines.add(r.name() + " (" + ItalianTime.dateTime(r.at()) + "): " + r.text());
      }
      out.add(new Block.Bullets(lines));
    }
    out.add(new Block.Heading(2, "Approvazione"));
    out.add(new Block.Paragraph(statement));
    return out;
  }

  /** What the notes said of an item: the summary, then interventi, riserve, dichiarazioni. */
  private static void discussion(VerbaleContent.Item item, List<Block> out) {
    if (item.discussion() != null && !item.discussion().isBlank()) {
      out.add(new Block.Field("Sintesi della discussione", ""));
      for (String para : item.discussion().strip().split("\\n\\s*\\n")) {
        out.add(new Block.Paragraph(para.strip()));
      }
    }
    entries(item, VerbaleContent.Entry.INTERVENTO, "Interventi", out);
    entries(item, VerbaleContent.Entry.RISERVA, "Riserve", out);
    entries(item, VerbaleContent.Entry.DICHIARAZIONE, "Dichiarazioni a verbale", out);
  }

  private static void entries(VerbaleContent.Item item, String kind, String label, List<Block> out) {
    List<String> lines = new ArrayList<>();
    for (VerbaleContent.Entry e : item.entries()) {
      if (kind.equals(e.kind())) {
        lines.add(e.speaker() + (e.organisation() == null ? "" : " (" + e.organisation() + ")") + ": " + e.text());
      }
    }
    if (!lines.isEmpty()) {
      out.add(new Block.Field(label, ""));
      out.add(new Block.Bullets(lines));
    }
  }

  private static void attendees(VerbaleContent v, List<Block> out) {
    out.add(new Block.Heading(2, "Presenti"));
    if (v.register().isEmpty()) {
      out.add(new Block.Paragraph("Nessun presente registrato."));
      return;
    }
    Map<String, List<RegisterEntry>> byOrg = new LinkedHashMap<>();
    Map<String, String> sideOf = new LinkedHashMap<>();
    for (RegisterEntry e : v.register()) {
      String org = e.organisation() == null ? NO_ORGANISATION : e.organisation();
      byOrg.computeIfAbsent(org, k -> new ArrayList<>()).add(e);
      if (e.side() != null) {
        sideOf.putIfAbsent(org, e.side());
      }
    }
    List<String> orgs = new ArrayList<>(byOrg.keySet());
    orgs.sort(Comparator.comparing((String o) -> sideRank(sideOf.get(o), o)).thenComparing(String.CASE_INSENSITIVE_ORDER));
    out.add(new Block.Paragraph("Presenti " + v.register().size() + (v.register().size() == 1 ? " persona" : " persone")
        + " di " + orgs.size() + (orgs.size() == 1 ? " organizzazione." : " organizzazioni.")));
    for (String org : orgs) {
      String side = sideOf.get(org);
      out.add(new Block.Heading(3, side == null ? org : org + " (" + side + ")"));
      List<RegisterEntry> people = new ArrayList<>(byOrg.get(org));
      people.sort(Comparator.comparing(RegisterEntry::name, String.CASE_INSENSITIVE_ORDER));
      List<List<String>> rows = new ArrayList<>();
      for (RegisterEntry e : people) {
        rows.add(List.of(e.name(), role(e), e.presence().label(),
            ItalianTime.timeOn(e.joinedAt(), v.openedAt()),
            e.leftAt() == null ? "" : ItalianTime.timeOn(e.leftAt(), v.openedAt())));
      }
      out.add(new Block.Table(List.of("Nome", "Ruolo", "Presenza", "Dalle", "Alle"), rows, List.of(30, 20, 24, 13, 13)));
    }
  }

  /** Tavolo roles in Italian; what a coordinator wrote by hand stays as written. */
  private static String role(RegisterEntry e) {
    if (e.manual() || e.role() == null) {
      return nz(e.role());
    }
    return switch (e.role()) {
      case "coordinator" -> "coordinamento";
      case "member" -> "partecipante";
      case "observer" -> "osservatore";
      default -> e.role();
    };
  }

  private static int sideRank(String side, String org) {
    if (NO_ORGANISATION.equals(org)) {
      return 3;
    }
    if ("PA".equals(side)) {
      return 0;
    }
    return "ETS".equals(side) ? 1 : 2;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
