package it.tavolo.sedute;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.record.StateDiff;
import it.tavolo.export.Italian;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a change to a document did, in Italian words for the verbale: each entity added,
 * removed or changed, each changed field as «before» → «after» (amounts in euro, organisations
 * and linked entities by name), long texts as what was taken out and put in. Bounded: at most
 * {@link #MAX_LINES} lines of at most {@link #MAX_QUOTE} characters per quoted text. Pure: no
 * I/O, any thread.
 */
final class ChangeWords {
  static final int MAX_LINES = 20;
  static final int MAX_QUOTE = 240;
  private static final Map<String, String> NOUN = Map.of(Schema.SECTIONS, "la sezione", Schema.OBJECTIVES, "l'obiettivo",
      Schema.ACTIVITIES, "l'attività", Schema.BUDGET, "la voce di bilancio");
  private static final Map<String, String> ADDED = Map.of(Schema.SECTIONS, "Aggiunta la sezione", Schema.OBJECTIVES,
      "Aggiunto l'obiettivo", Schema.ACTIVITIES, "Aggiunta l'attività", Schema.BUDGET, "Aggiunta la voce di bilancio");
  private static final Map<String, String> REMOVED = Map.of(Schema.SECTIONS, "Eliminata la sezione", Schema.OBJECTIVES,
      "Eliminato l'obiettivo", Schema.ACTIVITIES, "Eliminata l'attività", Schema.BUDGET, "Eliminata la voce di bilancio");

  private ChangeWords() {
  }

  /** @param orgNames organisation id → name (ids not in it are shown as they are) */
  static List<String> of(StateDiff.Result diff, DocumentState before, DocumentState after, Map<String, String> orgNames) {
    List<String> out = new ArrayList<>();
    int hidden = 0;
    for (StateDiff.EntityChange e : diff.changes()) {
      List<String> lines = entity(e, before, after, orgNames);
      for (String l : lines) {
        if (out.size() < MAX_LINES) {
          out.add(l);
        } else {
          hidden++;
        }
      }
    }
    if (hidden > 0) {
      out.add("… e altre " + hidden + " modifiche (nel confronto tra versioni del documento).");
    }
    return out;
  }

  private static List<String> entity(StateDiff.EntityChange e, DocumentState before, DocumentState after, Map<String, String> orgs) {
    DocumentState where = "removed".equals(e.change()) ? before : after;
    String label = label(where, e.coll(), e.id());
    switch (e.change()) {
      case "added" -> {
        String extra = Schema.BUDGET.equals(e.coll()) ? budgetLine(after, e.id(), orgs) : "";
        return List.of(ADDED.getOrDefault(e.coll(), "Aggiunto") + " " + label + extra + ".");
      }
      case "removed" -> {
        String extra = Schema.BUDGET.equals(e.coll()) ? budgetLine(before, e.id(), orgs) : "";
        return List.of(REMOVED.getOrDefault(e.coll(), "Eliminato") + " " + label + extra + ".");
      }
      default -> {
        List<String> out = new ArrayList<>();
        for (StateDiff.FieldChange f : e.fields()) {
          String what = Italian.field(e.coll(), f.field()) + " " + of(e.coll()) + " " + label;
          if ("order".equals(f.field())) {
            out.add("Spostat" + (Schema.OBJECTIVES.equals(e.coll()) ? "o " : "a ") + NOUN.get(e.coll()) + " " + label + ".");
          } else if ("text".equals(f.type())) {
            out.add(capitalise(what) + ": " + text(f));
          } else {
            out.add(capitalise(what) + ": " + value(before, e.coll(), f.field(), f.before(), orgs) + " → "
                + value(after, e.coll(), f.field(), f.after(), orgs) + ".");
          }
        }
        return out;
      }
    }
  }

  private static String of(String coll) {
    return switch (coll) {
      case Schema.SECTIONS -> "della sezione";
      case Schema.OBJECTIVES -> "dell'obiettivo";
      case Schema.ACTIVITIES -> "dell'attività";
      default -> "della voce di bilancio";
    };
  }

  /** Short texts whole (before → after); long ones as what was taken out and put in. */
  private static String text(StateDiff.FieldChange f) {
    String before = f.before() == null ? "" : f.before().toString();
    String after = f.after() == null ? "" : f.after().toString();
    if (before.length() + after.length() <= 2 * MAX_QUOTE) {
      return quote(before) + " → " + quote(after) + ".";
    }
    StringBuilder out = new StringBuilder();
    StringBuilder del = new StringBuilder();
    StringBuilder ins = new StringBuilder();
    for (StateDiff.TextPart p : f.text()) {
      if ("delete".equals(p.kind())) {
        join(del, p.text());
      } else if ("insert".equals(p.kind())) {
        join(ins, p.text());
      }
    }
    if (del.length() > 0) {
      out.append("tolto ").append(quote(del.toString()));
    }
    if (ins.length() > 0) {
      out.append(out.length() > 0 ? "; " : "").append("aggiunto ").append(quote(ins.toString()));
    }
    return out.append('.').toString();
  }

  private static void join(StringBuilder b, String piece) {
    if (b.length() > 0) {
      b.append(" … ");
    }
    b.append(piece.strip());
  }

  private static String value(DocumentState s, String coll, String field, Object v, Map<String, String> orgs) {
    if (v == null) {
      return "—";
    }
    if ("amount".equals(field) && v instanceof Long cents) {
      return Italian.money(cents);
    }
    if ("contributor".equals(field) || "lead".equals(field)) {
      return quote(orgs.getOrDefault(v.toString(), v.toString()));
    }
    if ("objective".equals(field) || "parent".equals(field)) {
      return label(s, Schema.OBJECTIVES, v.toString());
    }
    if ("activity".equals(field)) {
      return label(s, Schema.ACTIVITIES, v.toString());
    }
    if ("start".equals(field) || "end".equals(field)) {
      return Italian.date(v.toString());
    }
    return quote(v.toString());
  }

  private static String budgetLine(DocumentState s, String id, Map<String, String> orgs) {
    Object amount = s.value(Schema.BUDGET, id, "amount");
    Object org = s.value(Schema.BUDGET, id, "contributor");
    return " (" + (amount instanceof Long c ? Italian.money(c) : "—") + ", "
        + (org == null ? "ente non indicato" : orgs.getOrDefault(org.toString(), org.toString())) + ")";
  }

  /** An entity by its title (budget lines: their description), quoted. */
  private static String label(DocumentState s, String coll, String id) {
    if (s == null || !s.exists(coll, id)) {
      return "«" + id + "»";
    }
    Object t = s.value(coll, id, Schema.BUDGET.equals(coll) ? "description" : "title");
    return t == null || t.toString().isBlank() ? "«senza titolo»" : quote(t.toString());
  }

  private static String quote(String s) {
    String one = s.strip().replaceAll("\\s+", " ");
    if (one.isEmpty()) {
      return "(vuoto)";
    }
    return "«" + (one.length() <= MAX_QUOTE ? one : one.substring(0, MAX_QUOTE - 1) + "…") + "»";
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
