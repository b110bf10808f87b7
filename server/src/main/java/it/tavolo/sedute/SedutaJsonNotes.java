package it.tavolo.sedute;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The notes of a seduta as the API shows them (docs/api.md, "The verbale's notes"). */
final class SedutaJsonNotes {
  private SedutaJsonNotes() {
  }

  static JsonObject view(Optional<NotesStore.Notes> notes, List<NotesStore.Entry> entries, List<SedutaStore.AgendaItem> agenda,
                         UUID caller) {
    JsonObject o = new JsonObject();
    JsonArray writers = new JsonArray();
    if (notes.isEmpty()) {
      o.putNull("docId").putNull("secretary").put("writers", writers).put("canWrite", false).putNull("closedSeq");
    } else {
      NotesStore.Notes n = notes.get();
      n.writers().forEach(w -> writers.add(person(w)));
      boolean canWrite = n.secretary().id().equals(caller) || n.writers().stream().anyMatch(w -> w.id().equals(caller));
      o.put("docId", n.docId().toString()).put("secretary", person(n.secretary())).put("writers", writers)
          .put("canWrite", canWrite && n.closedSeq() == null).put("closedSeq", n.closedSeq());
    }
    JsonArray sections = new JsonArray();
    agenda.forEach(i -> sections.add(new JsonObject().put("itemId", i.id().toString()).put("sectionId", i.id().toString())
        .put("title", i.title())));
    o.put("sections", notes.isEmpty() ? new JsonArray() : sections);
    JsonArray es = new JsonArray();
    entries.forEach(e -> es.add(entry(e)));
    return o.put("entries", es);
  }

  static JsonObject entry(NotesStore.Entry e) {
    return new JsonObject().put("id", e.id()).put("itemId", e.itemId() == null ? null : e.itemId().toString()).put("kind", e.kind())
        .put("speakerUserId", e.speakerUser() == null ? null : e.speakerUser().toString())
        .put("speakerName", e.speakerName()).put("organisation", e.organisation()).put("text", e.text())
        .put("recordedBy", e.recordedBy() == null ? null : e.recordedBy().toString())
        .put("recordedAt", e.recordedAt() == null ? null : e.recordedAt().toString());
  }

  private static JsonObject person(NotesStore.Person p) {
    return new JsonObject().put("id", p.id().toString()).put("name", p.name());
  }
}
