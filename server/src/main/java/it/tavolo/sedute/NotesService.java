package it.tavolo.sedute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import it.tavolo.core.model.Schema;
import it.tavolo.live.ServerBatch;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verbale's notes (docs/protocol.md, "The verbale's notes"): a coordinator names the
 * segretario verbalizzante and the other writers, which creates the notes' document with one
 * section per agenda item; the text is then written live over /ws like any document; the
 * interventi, riserve and dichiarazioni are recorded here. Stateless apart from its
 * collaborators: called from event loops.
 */
final class NotesService {
  private static final Logger LOG = LoggerFactory.getLogger(NotesService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bounds the writers' list (and the batch that stores it). */
  static final int MAX_WRITERS = 50;
  static final List<String> KINDS = List.of("intervento", "riserva", "dichiarazione");

  private final SeduteService sedute;
  private final SedutaStore store;
  private final NotesStore notes;
  private final LiveBridge live;

  NotesService(SeduteService sedute, SedutaStore store, NotesStore notes, LiveBridge live) {
    this.sedute = sedute;
    this.store = store;
    this.notes = notes;
    this.live = live;
  }

  record EntryInput(UUID itemId, String kind, UUID speakerUser, String speakerName, String organisation, String text) {
  }

  Future<JsonObject> get(UUID userId, UUID sedutaId) {
    return sedute.asMember(userId, sedutaId).compose(s -> view(sedutaId, userId));
  }

  /** Names the secretary and writers; creates the document and any missing section. */
  Future<JsonObject> setUp(UUID userId, UUID sedutaId, Supplier<UUID> secretaryInput, Supplier<List<UUID>> writersInput) {
    return sedute.asCoordinator(userId, sedutaId)
        .compose(s -> {
          UUID secretary = secretaryInput.get();
          if (secretary == null) {
            throw Refusal.invalid("invalid_input", "'secretary' is required: the id of a member of this tavolo.");
          }
          List<UUID> writers = writersInput.get();
          if (writers.size() > MAX_WRITERS) {
            throw Refusal.invalid("invalid_input", "At most " + MAX_WRITERS + " writers besides the secretary.");
          }
          return notes.setUp(sedutaId, userId, secretary, writers);
        })
        .compose(doc -> ensureSections(sedutaId, doc, userId))
        .compose(x -> view(sedutaId, userId));
  }

  /**
   * One section per agenda item, id = the item's id, each created by its own server batch
   * whose client id names the item, so asking again (or two coordinators at once) changes
   * nothing: the sequencer recognises the resend.
   */
  Future<Void> ensureSections(UUID sedutaId, UUID doc, UUID by) {
    return store.agenda(sedutaId).compose(items -> notes.head(doc).compose(head -> {
      Future<Void> chain = Future.succeededFuture();
      for (SedutaStore.AgendaItem item : items) {
        chain = chain.compose(x -> live.commit(doc, new ServerBatch(by, "coordinator", "agenda-" + item.id(), 1, head,
                createSection(item), false)).<Void>mapEmpty()
            .recover(e -> {
              LOG.warn("section for agenda item {} of seduta {} not created: {}", item.id(), sedutaId, e.toString());
              return Future.succeededFuture();
            }));
      }
      return chain;
    }));
  }

  /** After an agenda item is added: its section, when the seduta has notes. */
  Future<Void> itemAdded(UUID sedutaId, UUID by) {
    return notes.find(sedutaId).compose(n -> n.isEmpty() || n.get().closedSeq() != null ? Future.succeededFuture()
        : ensureSections(sedutaId, n.get().docId(), by));
  }

  private static JsonNode createSection(SedutaStore.AgendaItem item) {
    JsonArray ops = new JsonArray().add(new JsonObject().put("op", "create").put("coll", Schema.SECTIONS).put("id", item.id().toString())
        .put("fields", new JsonObject().put("order", String.format("p%04d", item.position())).put("title", item.title()).put("body", "")));
    try {
      return JSON.readTree(ops.encode());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Future<JsonObject> addEntry(UUID userId, UUID sedutaId, Supplier<EntryInput> input) {
    return asWriter(userId, sedutaId).compose(x -> {
      EntryInput in = input.get();
      if (in.itemId() == null) {
        throw Refusal.invalid("invalid_input", "'itemId' is required: the agenda item the entry is about.");
      }
      if (in.kind() == null || !KINDS.contains(in.kind())) {
        throw Refusal.invalid("invalid_input", "'kind' is one of " + KINDS + ".");
      }
      if (in.speakerUser() == null && (in.speakerName() == null || in.speakerName().isBlank())) {
        throw Refusal.invalid("invalid_input", "Name the speaker: 'speakerUserId' (a member) or 'speakerName'.");
      }
      if (in.speakerName() != null && in.speakerName().strip().length() > 200
          || in.organisation() != null && in.organisation().strip().length() > 200) {
        throw Refusal.invalid("invalid_input", "'speakerName' and 'organisation' are limited to 200 characters.");
      }
      if (in.text() == null || in.text().isBlank() || in.text().strip().length() > 2000) {
        throw Refusal.invalid("invalid_input", "'text' is required, at most 2000 characters.");
      }
      return notes.addEntry(sedutaId, in.itemId(), in.kind(), in.speakerUser(), strip(in.speakerName()), strip(in.organisation()),
          in.text().strip(), userId);
    }).map(SedutaJsonNotes::entry);
  }

  Future<Void> deleteEntry(UUID userId, UUID sedutaId, UUID entryId) {
    return asWriter(userId, sedutaId).compose(x -> notes.deleteEntry(sedutaId, entryId));
  }

  private Future<Void> asWriter(UUID userId, UUID sedutaId) {
    // a seduta without notes has no writers yet: a coordinator names them first
    return sedute.asMember(userId, sedutaId).compose(s -> notes.canWrite(sedutaId, userId)).compose(ok -> ok ? Future.<Void>succeededFuture()
        : Future.failedFuture(Refusal.forbidden("Only the segretario verbalizzante and the writers a coordinator allowed write the notes.")));
  }

  private Future<JsonObject> view(UUID sedutaId, UUID userId) {
    Future<Optional<NotesStore.Notes>> n = notes.find(sedutaId);
    Future<List<NotesStore.Entry>> entries = notes.entries(sedutaId);
    Future<List<SedutaStore.AgendaItem>> agenda = store.agenda(sedutaId);
    return Future.all(n, entries, agenda).map(x -> SedutaJsonNotes.view(n.result(), entries.result(), agenda.result(), userId));
  }

  private static String strip(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
