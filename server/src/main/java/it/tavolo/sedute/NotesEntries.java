package it.tavolo.sedute;

import io.vertx.core.Future;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.core.model.SetBy;
import it.tavolo.record.History;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The interventi, riserve and dichiarazioni a verbale as the notes' document holds them
 * (collection {@code interventi}, docs/protocol.md "The verbale's notes"), read at a seq and
 * turned into the API's entries: who recorded one is who created it (the author of its
 * {@code order}), when is that batch's commit time. Entries recorded before they lived in the
 * document (rows of {@code seduta_note_entries}) come first. Stateless.
 */
final class NotesEntries {
  private NotesEntries() {
  }

  /** The seduta's entries: the old rows, then the document's at {@code seq} in their order. */
  static Future<List<NotesStore.Entry>> at(History history, NotesStore notes, UUID sedutaId, UUID docId, long seq) {
    Future<List<NotesStore.Entry>> rows = notes.entries(sedutaId);
    if (seq <= 0) {
      return rows;
    }
    return rows.compose(old -> history.stateAt(docId, seq).compose(state -> {
      Set<Long> seqs = new TreeSet<>();
      for (String id : state.ids(Schema.INTERVENTI)) {
        SetBy by = state.setBy(Schema.INTERVENTI, id, "order");
        if (by != null && by.seq() > 0) {
          seqs.add(by.seq());
        }
      }
      return notes.committedAt(docId, seqs).map(at -> {
        List<NotesStore.Entry> out = new ArrayList<>(old);
        out.addAll(of(state, at));
        return out;
      });
    }));
  }

  /** The document's entries, by order key then id. */
  static List<NotesStore.Entry> of(DocumentState s, Map<Long, Instant> committedAt) {
    String c = Schema.INTERVENTI;
    List<String> ids = new ArrayList<>(s.ids(c));
    ids.sort(Comparator.comparing((String id) -> String.valueOf(s.value(c, id, "order"))).thenComparing(id -> id));
    List<NotesStore.Entry> out = new ArrayList<>();
    for (String id : ids) {
      SetBy by = s.setBy(c, id, "order");
      out.add(new NotesStore.Entry(id, uuid((String) s.value(c, id, "item")), (String) s.value(c, id, "kind"),
          uuid((String) s.value(c, id, "speakerUser")), blankToNull((String) s.value(c, id, "speaker")),
          blankToNull((String) s.value(c, id, "organisation")), s.textView(c, id, "text").toString(),
          by == null ? null : uuid(author(by.author())), by == null ? null : committedAt.get(by.seq())));
    }
    return out;
  }

  /** Authors are user ids, tagged {@code user@seq} in a replayed history. */
  private static String author(String tagged) {
    if (tagged == null) {
      return null;
    }
    int at = tagged.lastIndexOf('@');
    return at < 0 ? tagged : tagged.substring(0, at);
  }

  private static UUID uuid(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null; // written by a client over /ws: not a member's or an item's id
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
