package it.tavolo.imports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an import creates, from the blocks of the file: headings become sections, or objectives
 * and activities where the heading says so ("Obiettivo generale: …", "Obiettivo specifico …",
 * "Attività 1 – …", or any heading under a chapter titled "Obiettivi" / "Attività");
 * paragraphs, list items ("- ") and table rows (cells joined by " | ") become the text under
 * the heading before them; deeper headings stay in that text as a line of their own. Text
 * before the first heading is a section "Premessa". Plain Java, no I/O.
 */
final class ImportPlan {
  enum Kind { SECTION, GENERAL_OBJECTIVE, SPECIFIC_OBJECTIVE, ACTIVITY }

  /** One entity to create; {@code body} grows as the blocks under its heading are read. */
  static final class Entity {
    final Kind kind;
    final String title;
    final StringBuilder body = new StringBuilder();

    Entity(Kind kind, String title) {
      this.kind = kind;
      this.title = title;
    }

    void append(String line) {
      if (body.length() > 0) body.append('\n');
      body.append(line);
    }
  }

  private static final Pattern NUMBERING = Pattern.compile("^(\\d+[.)]?)+\\s+|^[a-z][.)]\\s+");
  private static final Pattern LABEL = Pattern.compile("^(obiettivo generale|obiettivo specifico|attivita)\\s*(n\\.?\\s*)?\\d*\\s*[:.–—-]?\\s*");
  private static final int MAX_TITLE = 1000;

  final List<Entity> entities = new ArrayList<>();
  int tables;

  static ImportPlan of(List<Block> blocks) {
    ImportPlan plan = new ImportPlan();
    Entity current = null;
    int entityLevel = 2; // headings down to this level start an entity; deeper ones are lines of text
    Kind chapter = null; // under a chapter "Obiettivi" / "Attività": its sub-headings are of that kind
    int chapterLevel = 0;
    boolean lastWasRow = false;
    for (Block b : blocks) {
      if (b.kind() == Block.Kind.HEADING) {
        String key = normal(b.text());
        if (chapter != null && b.level() <= chapterLevel) chapter = null;
        Kind named = named(key);
        if (chapter == null && named == null && isChapter(key) != null && b.level() <= entityLevel) {
          chapter = isChapter(key);
          chapterLevel = b.level();
          current = null;
          lastWasRow = false;
          continue;
        }
        if (named != null || chapter != null || b.level() <= entityLevel) {
          Kind kind = named != null ? named : chapter != null ? chapter : Kind.SECTION;
          current = new Entity(kind, title(b.text(), named != null));
          plan.entities.add(current);
        } else {
          if (current == null) plan.entities.add(current = new Entity(Kind.SECTION, "Premessa"));
          current.append(b.text());
        }
        lastWasRow = false;
        continue;
      }
      if (current == null) plan.entities.add(current = new Entity(Kind.SECTION, "Premessa"));
      if (b.kind() == Block.Kind.ROW && !lastWasRow) plan.tables++;
      current.append(b.kind() == Block.Kind.ITEM ? "- " + b.text() : b.text());
      lastWasRow = b.kind() == Block.Kind.ROW;
    }
    return plan;
  }

  /** "Obiettivo generale: X" → general objective, and so on; null for an ordinary heading. */
  private static Kind named(String key) {
    if (key.startsWith("obiettivo generale")) return Kind.GENERAL_OBJECTIVE;
    if (key.startsWith("obiettivo specifico")) return Kind.SPECIFIC_OBJECTIVE;
    if (key.startsWith("attivita ") || key.matches("attivita\\s*(n\\.?\\s*)?\\d+.*")) return Kind.ACTIVITY;
    return null;
  }

  /** A chapter whose sub-headings are objectives or activities: "Obiettivi", "Obiettivi specifici", "Attività", "Le attività". */
  private static Kind isChapter(String key) {
    String k = key.replaceFirst("^(gli|le)\\s+", "");
    if (k.equals("obiettivi") || k.equals("obiettivi specifici")) return Kind.SPECIFIC_OBJECTIVE;
    if (k.equals("obiettivi generali")) return Kind.GENERAL_OBJECTIVE;
    if (k.equals("attivita") || k.equals("attivita previste") || k.equals("azioni e attivita")) return Kind.ACTIVITY;
    return null;
  }

  /** Lower case, no accents, no leading numbering ("2.1 "), single spaces: for recognising headings. */
  static String normal(String heading) {
    String s = Normalizer.normalize(heading.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    s = s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return NUMBERING.matcher(s).replaceFirst("");
  }

  /** The entity's title: the heading without its numbering, and without "Obiettivo generale:" when more follows. */
  private static String title(String heading, boolean labelled) {
    String t = heading.strip().replaceAll("\\s+", " ");
    String n = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    var numbering = NUMBERING.matcher(n);
    if (numbering.find()) {
      t = t.substring(numbering.end());
      n = n.substring(numbering.end());
    }
    if (labelled) {
      var label = LABEL.matcher(n);
      if (label.find() && label.end() < n.length()) t = t.substring(label.end());
    }
    t = t.strip();
    if (t.isEmpty()) t = heading.strip();
    return t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE) : t;
  }

  /** The ops of one batch creating every entity, in order; specific objectives under the last general one, activities under the last objective. */
  JsonArray ops() {
    JsonArray ops = new JsonArray();
    int sections = 0;
    int objectives = 0;
    int activities = 0;
    String lastGeneral = null;
    String lastObjective = null;
    for (Entity e : entities) {
      String body = e.body.toString();
      switch (e.kind) {
        case SECTION -> ops.add(create("sections", "sec-" + (++sections), new JsonObject().put("order", key(sections))
            .put("title", e.title).put("body", body)));
        case GENERAL_OBJECTIVE, SPECIFIC_OBJECTIVE -> {
          String id = "obj-" + (++objectives);
          boolean general = e.kind == Kind.GENERAL_OBJECTIVE;
          ops.add(create("objectives", id, new JsonObject().put("order", key(objectives))
              .put("kind", general ? "generale" : "specifico").put("parent", general ? null : lastGeneral)
              .put("title", e.title).put("description", body)));
          if (general) lastGeneral = id;
          lastObjective = id;
        }
        case ACTIVITY -> ops.add(create("activities", "act-" + (++activities), new JsonObject().put("order", key(activities))
            .put("objective", lastObjective).put("title", e.title).put("description", body)));
      }
    }
    return ops;
  }

  /** What the preview shows: each entity's kind, title and how much text it gets; the tables kept as text. */
  JsonObject preview() {
    JsonArray sections = new JsonArray();
    JsonArray objectives = new JsonArray();
    JsonArray activities = new JsonArray();
    for (Entity e : entities) {
      JsonObject o = new JsonObject().put("title", e.title).put("characters", e.body.length());
      switch (e.kind) {
        case SECTION -> sections.add(o);
        case GENERAL_OBJECTIVE -> objectives.add(o.put("kind", "generale"));
        case SPECIFIC_OBJECTIVE -> objectives.add(o.put("kind", "specifico"));
        case ACTIVITY -> activities.add(o);
      }
    }
    return new JsonObject().put("sections", sections).put("objectives", objectives).put("activities", activities)
        .put("tables", tables);
  }

  private static JsonObject create(String coll, String id, JsonObject fields) {
    return new JsonObject().put("op", "create").put("coll", coll).put("id", id).put("fields", fields);
  }

  /** Order keys that sort as the entities came: "a0001", "a0002"… (printable ASCII, compared by code units). */
  private static String key(int n) {
    return String.format("a%04d", n);
  }
}
