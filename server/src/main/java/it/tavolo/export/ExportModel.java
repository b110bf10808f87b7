package it.tavolo.export;

import java.time.Instant;
import java.util.List;

/**
 * Everything an exported version shows, already ordered and named: what the renderers (PDF,
 * ODT, CSV) lay out, with no access to the database or the document engine. A
 * {@code versionNumber} of 0 is the head of the document, exported without naming a version:
 * a draft, marked as such on every page and never stored as the record.
 */
public record ExportModel(
    String tavoloTitle, String avviso, String enteProponente, String ambito, String documentTitle,
    int versionNumber, String versionName, long seq, boolean consolidated, String consolidatedBy,
    Instant consolidatedAt, String sha256, List<Section> sections, List<Objective> objectives,
    List<Activity> activities, it.tavolo.core.schedule.Cronoprogramma cronoprogramma, List<BudgetLine> budget,
    Totals totals, List<IntegrationNote> integrations,
    String auditHead, Instant generatedAt, ConfirmationsExport.Table confirmations, List<GroupingTotal> groupings) {

  /**
   * The same, with the confirmations table of the latest consolidated version printed at the
   * end (the head's draft only; a version's stored files never carry it: they are filed before
   * any confirmation exists).
   */
  public ExportModel withConfirmations(ConfirmationsExport.Table t) {
    return new ExportModel(tavoloTitle, avviso, enteProponente, ambito, documentTitle, versionNumber, versionName, seq,
        consolidated, consolidatedBy, consolidatedAt, sha256, sections, objectives, activities, cronoprogramma, budget,
        totals, integrations, auditHead, generatedAt, t, groupings);
  }

  /** The head exported as a draft, not a named version. */
  public boolean head() {
    return versionNumber == 0;
  }

  /** The state of what is exported, as the heading prints it (no internal words: no seq, no ids). */
  public String versionLine() {
    if (head()) return "Bozza corrente del " + Italian.dateTime(generatedAt) + ": non è una versione del documento "
        + "né un documento da protocollare";
    return consolidated
        ? "Versione " + versionNumber + " «" + versionName + "», consolidata da " + consolidatedBy + " il "
            + Italian.dateTime(consolidatedAt)
        : "Versione " + versionNumber + " «" + versionName + "», non consolidata: bozza";
  }

  /** The short name of what is exported, for titles and footers. */
  public String versionLabel() {
    if (head()) return "BOZZA non registrata";
    return "versione " + versionNumber + (consolidated ? " consolidata" : " (bozza)");
  }

  public record Section(String title, String body) {}

  /** A general objective with its specific ones ({@code children}), or a specific one. */
  public record Objective(String kind, String title, String description, String operational, String indicators,
                          List<Objective> children) {}

  public record Activity(String title, String objective, String lead, String start, String end, String description) {}

  /**
   * {@code nature} and {@code category} are the schema's codes ({@code in_kind}, {@code spese_generali}...);
   * {@code annualita} and {@code territorio} as printed ({@code "1ª annualità"}, {@code "2026"}), empty when none.
   */
  public record BudgetLine(String contributor, String side, String nature, String category, String description,
                           String activity, long amount, String annualita, String territorio) {}

  /** One annualità's or territorio's figures, {@code label} as printed; share as an Italian percentage. */
  public record PartTotal(String label, long monetary, long inKind, long total, long thirdSectorTotal,
                          String coFinancingShare) {}

  public record ContributorTotal(String name, String side, long monetary, long inKind, long total) {}

  /** Derived figures (BudgetTotals) with names; shares as Italian percentages ("17,88"). */
  public record Totals(long total, long monetary, long inKind, long publicTotal, long thirdSectorTotal,
                       String coFinancingShare, String publicShare, String inKindShare,
                       List<ContributorTotal> byContributor, List<PartTotal> byYear, List<PartTotal> byTerritorio) {}

  /**
   * One grouping of the tavolo (RTI, ATI, consortium: issue 15) with its members' summed
   * contributions in cents; {@code members} as printed (names, capofila first).
   */
  public record GroupingTotal(String name, String capofila, String members, long monetary, long inKind, long total) {}

  /** {@code number}: its place in the annex, from 1 (never the op log's seq). */
  public record IntegrationNote(int number, String proposer, String organisation, String side, String decidedBy,
                                Instant decidedAt, String rationale, String touches) {}
}
