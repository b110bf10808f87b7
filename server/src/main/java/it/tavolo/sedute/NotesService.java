package it.tavolo.sedute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Schema;
import it.tavolo.live.ServerBatch;
import it.tavolo.record.History;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verbale's notes (docs/protocol.md, "The verbale's notes"): a coordinator names the
 * segretario verbalizzante and the other writers, which creates the notes' document with one
 * section per agenda item; the text is then written live over /ws like any document, and so
 * are the interventi, riserve and dichiarazioni (collection {@code interventi}): the REST
 * routes write them as server batches into the same document. Stateless apart from its
 * collaborators: called from event loops.
 */
final class NotesService {
  private static final Logger LOG = LoggerFactory.getLogger(NotesService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bounds the writers' list (and the batch that stores it). */
  static final int MAX_WRITERS = 50;
  static final List<String> KINDS = Schema.ENTRY_KINDS;

  private final SeduteService sedute;
  private final SedutaStore store;
  private final NotesStore notes;
  private final LiveBridge live;
  private final History history;

  NotesService(SeduteService sedute, SedutaStore store, NotesStore notes, LiveBridge live, History history) {
    this.sedute = sedute;
    this.store = store;
    this.notes = notes;
    this.live = live;
    this.history = history;
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
          // who could write before: they and the newly named read their rights again at once
          return notes.find(sedutaId).compose(before -> notes.setUp(sedutaId, userId, secretary, writers).map(doc -> {
            java.util.Set<UUID> touched = new java.util.HashSet<>(writers);
            touched.add(secretary);
            before.ifPresent(b -> {
              touched.add(b.secretary().id());
              b.writers().forEach(w -> touched.add(w.id()));
            });
            touched.forEach(u -> live.rightsChanged(s.tavoloId(), u));
            return doc;
          }));
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
    return json(new JsonArray().add(new JsonObject().put("op", "create").put("coll", Schema.SECTIONS).put("id", item.id().toString())
        .put("fields", new JsonObject().put("order", String.format("p%04d", item.position())).put("title", item.title()).put("body", ""))));
  }

  /**
   * Records an entry as a server batch into the notes' document (client id {@code entry-<id>},
   * author the caller): the same create a writer's client sends over /ws, so everyone
   * connected sees it at once and the verbale reads it at {@code closedSeq}.
   */
  Future<JsonObject> addEntry(UUID userId, UUID sedutaId, Supplier<EntryInput> input) {
    return asWriter(userId, sedutaId).compose(s -> {
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
      Future<Optional<NotesStore.Speaker>> member = in.speakerUser() == null ? Future.succeededFuture(Optional.empty())
          : notes.member(s.tavoloId(), in.speakerUser());
      Future<Optional<NotesStore.Notes>> n = notes.find(sedutaId);
      Future<List<SedutaStore.AgendaItem>> agenda = store.agenda(sedutaId);
      return Future.all(member, n, agenda).compose(x -> {
        NotesStore.Notes doc = n.result().orElseThrow(() -> Refusal.forbidden("The notes have no writers yet."));
        if (doc.closedSeq() != null) {
          throw Refusal.conflict("seduta_closed", "The seduta is closed: its notes are part of the record.");
        }
        if (agenda.result().stream().noneMatch(i -> i.id().equals(in.itemId()))) {
          throw Refusal.notFound("No such agenda item in this seduta.");
        }
        if (in.speakerUser() != null && member.result().isEmpty()) {
          throw Refusal.invalid("invalid_input", "'speakerUserId' is not a member of this tavolo.");
        }
        String speaker = member.result().map(NotesStore.Speaker::name).orElse(strip(in.speakerName()));
        String org = member.result().map(NotesStore.Speaker::organisation).orElse(strip(in.organisation()));
        UUID id = UUID.randomUUID();
        NotesStore.Entry entry = new NotesStore.Entry(id.toString(), in.itemId(), in.kind(), in.speakerUser(), speaker, org,
            in.text().strip(), userId, java.time.Instant.now());
        return ensureSections(sedutaId, doc.docId(), userId)
            .compose(y -> notes.head(doc.docId()))
            .compose(head -> live.commit(doc.docId(), new ServerBatch(userId, "member", "entry-" + id, 1, head,
                createEntry(entry, orderKey()), false)))
            // recordedAt as every later read says it: when the batch was committed
            .compose(seq -> notes.committedAt(doc.docId(), List.of(seq)).map(at -> at.getOrDefault(seq, entry.recordedAt())))
            .map(when -> SedutaJsonNotes.entry(new NotesStore.Entry(entry.id(), entry.itemId(), entry.kind(), entry.speakerUser(),
                entry.speakerName(), entry.organisation(), entry.text(), userId, when)));
      });
    });
  }

  /** The entities' order: when they were recorded (ties broken by id), as the rows were. */
  private static String orderKey() {
    return String.format("t%013d", System.currentTimeMillis());
  }

  private static JsonNode createEntry(NotesStore.Entry e, String order) {
    JsonObject fields = new JsonObject().put("order", order).put("item", e.itemId().toString()).put("kind", e.kind())
        .put("speaker", e.speakerName()).put("speakerUser", e.speakerUser() == null ? "" : e.speakerUser().toString())
        .put("organisation", e.organisation() == null ? "" : e.organisation()).put("text", e.text());
    return json(new JsonArray().add(new JsonObject().put("op", "create").put("coll", Schema.INTERVENTI).put("id", e.id())
        .put("fields", fields)));
  }

  private static JsonNode json(JsonArray ops) {
    try {
      return JSON.readTree(ops.encode());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Removes an entry: a delete batch into the notes' document, or an old row. */
  Future<Void> deleteEntry(UUID userId, UUID sedutaId, UUID entryId) {
    return asWriter(userId, sedutaId).compose(x -> notes.find(sedutaId)).compose(n -> {
      if (n.isEmpty()) {
        return notes.deleteEntry(sedutaId, entryId);
      }
      NotesStore.Notes doc = n.get();
      if (doc.closedSeq() != null) {
        return Future.failedFuture(Refusal.conflict("seduta_closed", "The seduta is closed: its notes are part of the record."));
      }
      return notes.head(doc.docId()).compose(head -> (head == 0 ? Future.succeededFuture((DocumentState) null)
              : history.stateAt(doc.docId(), head))
          .compose(state -> {
            if (state == null || !state.exists(Schema.INTERVENTI, entryId.toString())) {
              return notes.deleteEntry(sedutaId, entryId);
            }
            return live.commit(doc.docId(), new ServerBatch(userId, "member", "entry-delete-" + entryId, 1, head,
                json(new JsonArray().add(new JsonObject().put("op", "delete").put("coll", Schema.INTERVENTI)
                    .put("id", entryId.toString()))), false)).<Void>mapEmpty();
          }));
    });
  }

  private Future<SedutaHeader> asWriter(UUID userId, UUID sedutaId) {
    // a seduta without notes has no writers yet: a coordinator names them first
    return sedute.asMember(userId, sedutaId).compose(s -> notes.canWrite(sedutaId, userId).compose(ok -> ok ? Future.succeededFuture(s)
        : Future.failedFuture(Refusal.forbidden("Only the segretario verbalizzante and the writers a coordinator allowed write the notes."))));
  }

  private Future<JsonObject> view(UUID sedutaId, UUID userId) {
    Future<Optional<NotesStore.Notes>> n = notes.find(sedutaId);
    // the document's entries now (or at closing), after the rows recorded before they lived there
    Future<List<NotesStore.Entry>> entries = n.compose(found -> found.isEmpty() ? notes.entries(sedutaId)
        : (found.get().closedSeq() != null ? Future.succeededFuture(found.get().closedSeq()) : notes.head(found.get().docId()))
            .compose(seq -> NotesEntries.at(history, notes, sedutaId, found.get().docId(), seq)));
    Future<List<SedutaStore.AgendaItem>> agenda = store.agenda(sedutaId);
    return Future.all(n, entries, agenda).map(x -> SedutaJsonNotes.view(n.result(), entries.result(), agenda.result(), userId));
  }

  private static String strip(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
