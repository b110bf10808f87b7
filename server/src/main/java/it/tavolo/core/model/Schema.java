package it.tavolo.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document schema of docs/architecture.md: the draft's four collections and their typed
 * fields, and the verbale's notes' interventi (issue 19), left out of every form while empty.
 */
public final class Schema {
  public static final String SECTIONS = "sections";
  public static final String OBJECTIVES = "objectives";
  public static final String ACTIVITIES = "activities";
  public static final String BUDGET = "budget";
  /**
   * The interventi, riserve and dichiarazioni a verbale of a seduta's notes: one entity each,
   * on an agenda item's section ({@code item}), by a named speaker. Used only by the notes'
   * documents; empty in every draft, so left out of their snapshots and version forms.
   */
  public static final String INTERVENTI = "interventi";

  public static final List<String> OBJECTIVE_KINDS = List.of("generale", "specifico");
  public static final List<String> NATURES = List.of("monetary", "in_kind");
  public static final List<String> CATEGORIES =
      List.of("personale", "spese_generali", "strumentali", "servizi", "altro");
  public static final List<String> ENTRY_KINDS = List.of("intervento", "riserva", "dichiarazione");

  private static final Map<String, CollectionDef> COLLECTIONS = new LinkedHashMap<>();

  static {
    add(new CollectionDef(SECTIONS, FieldDef.order(), FieldDef.string("title"), FieldDef.text("body")));
    add(
        new CollectionDef(
            OBJECTIVES,
            FieldDef.order(),
            FieldDef.enumOf("kind", "specifico", "generale", "specifico"),
            FieldDef.ref("parent", OBJECTIVES),
            FieldDef.string("title"),
            FieldDef.text("description"),
            FieldDef.text("operational"),
            FieldDef.text("indicators")));
    add(
        new CollectionDef(
            ACTIVITIES,
            FieldDef.order(),
            FieldDef.ref("objective", OBJECTIVES),
            FieldDef.string("title"),
            FieldDef.text("description"),
            FieldDef.org("lead", false),
            FieldDef.date("start"),
            FieldDef.date("end")));
    add(
        new CollectionDef(
            BUDGET,
            FieldDef.order(),
            FieldDef.org("contributor", true),
            FieldDef.enumOf("nature", "monetary", "monetary", "in_kind"),
            FieldDef.enumOf(
                "category", "altro", "personale", "spese_generali", "strumentali", "servizi", "altro"),
            FieldDef.string("description"),
            FieldDef.money("amount"),
            FieldDef.ref("activity", ACTIVITIES),
            FieldDef.year("annualita"),
            FieldDef.territory("territorio")));
    add(
        new CollectionDef(
            INTERVENTI,
            true,
            FieldDef.order(),
            FieldDef.ref("item", SECTIONS),
            FieldDef.enumOf("kind", "intervento", "intervento", "riserva", "dichiarazione"),
            FieldDef.string("speaker"),
            FieldDef.string("speakerUser"),
            FieldDef.string("organisation"),
            FieldDef.text("text")));
  }

  private static void add(CollectionDef c) {
    COLLECTIONS.put(c.name(), c);
  }

  private Schema() {}

  /** The collection, or null when there is none of that name. */
  public static CollectionDef collection(String name) {
    return COLLECTIONS.get(name);
  }

  /** All collections, in snapshot order. */
  public static List<CollectionDef> collections() {
    return List.copyOf(COLLECTIONS.values());
  }
}
