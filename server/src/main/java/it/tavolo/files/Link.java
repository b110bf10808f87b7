package it.tavolo.files;

import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import java.util.UUID;

/**
 * What a file is attached to: {@code seduta:<id>}, {@code agenda_item:<id>}, {@code integration:<id>} or
 * {@code section:<documentId>:<sectionId>} (the {@code ?link=} of an upload). Immutable.
 *
 * @param id      the seduta, agenda item or integration; for a section, its document
 * @param section the section's id (sections only)
 */
record Link(String kind, UUID id, String section) {
  static final int MAX_SECTION_ID = 100;

  /** The parsed link, null for none; malformed: 400 {@code file_link_invalid}. */
  static Link parse(String s) {
    if (s == null || s.isBlank()) return null;
    String[] p = s.strip().split(":", -1);
    try {
      return switch (p[0]) {
        case "seduta", "agenda_item", "integration" -> {
          if (p.length != 2) throw bad(s);
          yield new Link(p[0], UUID.fromString(p[1]), null);
        }
        case "section" -> {
          if (p.length != 3 || p[2].isEmpty() || p[2].length() > MAX_SECTION_ID) throw bad(s);
          yield new Link(p[0], UUID.fromString(p[1]), p[2]);
        }
        default -> throw bad(s);
      };
    } catch (IllegalArgumentException e) {
      throw bad(s);
    }
  }

  static Refusal bad(String s) {
    return Refusal.invalid("file_link_invalid",
        "link must be seduta:<id>, agenda_item:<id>, integration:<id> or section:<documentId>:<sectionId> of this tavolo.");
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject().put("kind", kind).put("id", id.toString());
    if (section != null) j.put("section", section);
    return j;
  }
}
