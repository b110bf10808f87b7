package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import it.tavolo.auth.Access;
import it.tavolo.core.Role;
import it.tavolo.core.sedute.RegisterRules;
import it.tavolo.core.sedute.SedutaDraft;
import it.tavolo.core.Refusal;
import it.tavolo.core.sedute.SedutaRules;
import it.tavolo.core.sedute.SedutaState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a caller may do with sedute, with the role checks: any member of the tavolo reads,
 * only coordinators plan, run and close. A seduta of a tavolo the caller is not in does not
 * exist for them (404). Every change that participants should see at once is announced on
 * the live connections of the tavolo's documents ({@link LiveBridge}).
 */
final class SeduteService {
  private final Pool pool;
  private final Access access;
  private final SedutaStore sedute;
  private final RegisterStore register;
  private final Verbali verbali;
  private final ViewerLinkStore viewers;
  private final RecordLinks records;
  private final LiveBridge live;
  private final Supplier<String> publicOrigin;
  private final Convocazioni convocazioni;
  private final ConvocationStore convocations;
  /** Set once by SeduteServices after both services exist (the notes need this one's checks). */
  private NotesHook notesHook = (sedutaId, by) -> Future.succeededFuture();

  /** What adding an agenda item (or opening the seduta) tells the notes: create any missing section. */
  interface NotesHook {
    Future<Void> itemAdded(UUID sedutaId, UUID by);
  }

  void notesHook(NotesHook hook) {
    this.notesHook = hook;
  }

  SeduteService(Pool pool, Access access, SedutaStore sedute, RegisterStore register, Verbali verbali,
                ViewerLinkStore viewers, RecordLinks records, LiveBridge live, Supplier<String> publicOrigin,
                Convocazioni convocazioni, ConvocationStore convocations) {
    this.convocazioni = convocazioni;
    this.convocations = convocations;
    this.pool = pool;
    this.access = access;
    this.sedute = sedute;
    this.register = register;
    this.verbali = verbali;
    this.viewers = viewers;
    this.records = records;
    this.live = live;
    this.publicOrigin = publicOrigin;
  }

  // ---- access ----

  Future<SedutaHeader> asMember(UUID userId, UUID sedutaId) {
    return sedute.header(sedutaId).compose(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      return access.member(userId, s.tavoloId()).map(role -> s)
          .recover(e -> Future.failedFuture(SedutaStore.noSeduta()));
    });
  }

  Future<SedutaHeader> asCoordinator(UUID userId, UUID sedutaId) {
    return sedute.header(sedutaId).compose(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      return access.member(userId, s.tavoloId())
          .recover(e -> Future.failedFuture(SedutaStore.noSeduta()))
          .compose(role -> role == Role.COORDINATOR ? Future.succeededFuture(s)
              : Future.failedFuture(Refusal.forbidden("Only a coordinator of this tavolo can do this.")));
    });
  }

  // ---- planning ----

  Future<JsonArray> list(UUID userId, UUID tavoloId) {
    return access.member(userId, tavoloId).compose(r -> sedute.list(tavoloId)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(s -> out.add(SedutaJson.header(s)));
      return out;
    });
  }

  /** An agenda item and where it goes (null: last, or where it is). */
  record ItemInput(SedutaDraft.AgendaItemDraft item, Integer position) {
  }

  // Inputs are read (and refused) only after the caller's role is checked: a stranger learns
  // nothing, not even what a valid request would look like.

  Future<JsonObject> create(UUID userId, UUID tavoloId, Supplier<SedutaDraft> input) {
    return create(userId, tavoloId, input, false);
  }

  /** Plans a seduta; with {@code convene}, the tavolo is convened in the same transaction. */
  Future<JsonObject> create(UUID userId, UUID tavoloId, Supplier<SedutaDraft> input, boolean convene) {
    return access.coordinator(userId, tavoloId)
        .compose(r -> sedute.create(tavoloId, userId, input.get(),
            convene ? (tx, id) -> convocazioni.convene(tx, id, userId) : SedutaStore.InTx.NOTHING))
        .compose(id -> view(id));
  }

  Future<JsonObject> get(UUID userId, UUID sedutaId) {
    return get(userId, sedutaId, false);
  }

  /** With {@code attend}: the seduta's page is open, which is taking part (recorded once while open). */
  Future<JsonObject> get(UUID userId, UUID sedutaId, boolean attend) {
    return asMember(userId, sedutaId)
        .compose(s -> attend ? register.present(sedutaId, userId, Instant.now()) : Future.<Void>succeededFuture())
        .compose(x -> view(sedutaId));
  }

  Future<JsonObject> update(UUID userId, UUID sedutaId, Supplier<SedutaDraft> input) {
    return update(userId, sedutaId, input, null);
  }

  /**
   * Changes a seduta. {@code convene}: true convenes (or sends the change to) the tavolo;
   * null sends the change only when it was convened; false sends nothing.
   */
  Future<JsonObject> update(UUID userId, UUID sedutaId, Supplier<SedutaDraft> input, Boolean convene) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> sedute.update(sedutaId, input.get(), (tx, id) -> {
          if (Boolean.FALSE.equals(convene)) {
            return Future.succeededFuture();
          }
          return Convocazioni.convened(tx, id).compose(was -> was || Boolean.TRUE.equals(convene)
              ? convocazioni.convene(tx, id, userId) : Future.succeededFuture());
        }).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  /** Cancels a planned seduta's convocation: everyone gets METHOD:CANCEL (their calendars drop it). */
  Future<JsonObject> cancelConvocation(UUID userId, UUID sedutaId) {
    return asCoordinator(userId, sedutaId).compose(s -> pool.withTransaction(tx -> SedutaStore.header(tx, sedutaId, true)
            .compose(h -> {
              if (h.orElseThrow(SedutaStore::noSeduta).state() != SedutaState.PLANNED) {
                return Future.failedFuture(Refusal.conflict("seduta_open",
                    "Only a planned seduta's convocation can be cancelled."));
              }
              return Convocazioni.convened(tx, sedutaId);
            })
            .compose(was -> was ? convocazioni.cancel(tx, sedutaId, userId)
                : Future.failedFuture(Refusal.conflict("not_convened", "This seduta was not convened."))))
        .map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  // ---- the calendar feed ----

  /** A new secret feed URL for the tavolo (coordinators); the previous one stops working. */
  Future<JsonObject> createFeed(UUID userId, UUID tavoloId) {
    String token = it.tavolo.auth.SecretTokens.generate();
    return access.coordinator(userId, tavoloId)
        .compose(r -> convocations.replaceFeed(tavoloId, it.tavolo.auth.SecretTokens.hash(token), userId))
        .map(x -> new JsonObject().put("token", token).put("url", publicOrigin.get() + "/api/calendar/" + token));
  }

  Future<Void> revokeFeed(UUID userId, UUID tavoloId) {
    return access.coordinator(userId, tavoloId).compose(r -> convocations.revokeFeed(tavoloId))
        .compose(had -> had ? Future.<Void>succeededFuture()
            : Future.failedFuture(Refusal.notFound("This tavolo has no calendar feed.")));
  }

  /** The feed a secret opens, as iCalendar text; an unknown or revoked secret: not found. */
  Future<String> feed(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Future.failedFuture(Refusal.notFound("No such calendar."));
    }
    return convocations.tavoloOfFeed(it.tavolo.auth.SecretTokens.hash(token)).compose(t -> t.isEmpty()
        ? Future.failedFuture(Refusal.notFound("No such calendar."))
        : convocations.feed(t.get()).map(entries -> {
          String name = entries.isEmpty() ? "Tavolo" : "Tavolo — " + entries.get(0).shown().tavoloTitle();
          List<it.tavolo.notify.Ics.Event> events = new ArrayList<>();
          entries.forEach(e -> events.add(Convocazioni.event(e.sedutaId(), e.shown(), e.convocation(), publicOrigin.get())));
          return it.tavolo.notify.Ics.feed(name, events, null);
        }));
  }

  Future<JsonObject> addItem(UUID userId, UUID sedutaId, Supplier<ItemInput> input) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> {
          ItemInput in = input.get();
          return sedute.addItem(sedutaId, in.item(), in.position()).map(s);
        })
        .compose(s -> notesHook.itemAdded(sedutaId, userId).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  Future<JsonObject> updateItem(UUID userId, UUID sedutaId, UUID itemId, Supplier<ItemInput> input) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> {
          ItemInput in = input.get();
          return sedute.updateItem(sedutaId, itemId, in.item(), in.position()).map(s);
        })
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  Future<JsonObject> deleteItem(UUID userId, UUID sedutaId, UUID itemId) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> sedute.deleteItem(sedutaId, itemId).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  // ---- running ----

  Future<JsonObject> open(UUID userId, UUID sedutaId) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> live.connectedTo(s.tavoloId()).compose(people -> sedute.open(sedutaId, userId, Instant.now(), people,
            (tx, id) -> convocazioni.tell(tx, id, userId, it.tavolo.notify.Kinds.SEDUTA_OPENED))))
        .compose(s -> live.connectedTo(s.tavoloId()).compose(people -> register.addMissing(sedutaId, people, Instant.now())).map(s))
        // the coordinator running it from the seduta page has no document connection: opening is taking part
        .compose(s -> register.present(sedutaId, userId, Instant.now()).map(s))
        // notes named while it was planned get their sections now (nothing when there are none)
        .compose(s -> notesHook.itemAdded(sedutaId, userId).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  /** The item to discuss: {@code Optional.empty()} for none. */
  Future<JsonObject> current(UUID userId, UUID sedutaId, Supplier<Optional<UUID>> input) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> sedute.setCurrent(sedutaId, input.get().orElse(null)))
        // running it from the seduta page keeps its coordinator in the register (nothing if already there)
        .compose(s -> register.present(sedutaId, userId, Instant.now()).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  Future<JsonObject> addDecision(UUID userId, UUID sedutaId, UUID itemId, Supplier<String> text) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> sedute.addDecision(sedutaId, itemId, text.get(), userId, Instant.now()).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  Future<JsonObject> deleteDecision(UUID userId, UUID sedutaId, UUID decisionId) {
    return asCoordinator(userId, sedutaId)
        .compose(s -> sedute.deleteDecision(sedutaId, decisionId).map(s))
        .compose(s -> announced(s.tavoloId(), sedutaId));
  }

  /**
   * Closes the seduta: the integrations and versions of the time it was open are copied to
   * it, everyone still present leaves at the closing time, its viewer links stop working,
   * and the verbale is generated and stored.
   */
  Future<JsonObject> close(UUID userId, UUID sedutaId) {
    Instant at = Instant.now();
    UUID[] notesDoc = new UUID[1];
    return asCoordinator(userId, sedutaId)
        // whoever closes it took part: recorded before the closing sets everyone's leave time
        .compose(s0 -> register.present(sedutaId, userId, at).map(s0))
        .compose(s0 -> pool.withTransaction(tx -> SedutaStore.header(tx, sedutaId, true).compose(h -> {
          SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
          SedutaRules.transition(s.state(), SedutaState.CLOSED);
          return records.during(tx, s.tavoloId(), s.openedAt(), at)
              .compose(links -> SedutaStore.insertRecordLinks(tx, sedutaId, links))
              .compose(x -> RegisterStore.closeOut(tx, sedutaId, at))
              .compose(x -> NotesStore.closeOut(tx, sedutaId).map(doc -> {
                notesDoc[0] = doc.orElse(null);
                return x;
              }))
              .compose(x -> SedutaStore.markClosed(tx, sedutaId, at, userId))
              // the verbale is generated right after this commit (or at its first download)
              .compose(x -> convocazioni.tell(tx, sedutaId, null, it.tavolo.notify.Kinds.VERBALE_READY))
              .compose(x -> ViewerLinkStore.revokeAll(tx, sedutaId, userId))
              .map(revoked -> new Object[] {s, revoked});
        })))
        .compose(x -> {
          SedutaHeader s = (SedutaHeader) x[0];
          @SuppressWarnings("unchecked")
          List<UUID> revoked = (List<UUID>) x[1];
          viewers.revokedElsewhere(revoked);
          if (notesDoc[0] != null) {
            live.lockChanged(notesDoc[0], true); // writers learn it now, not at their next recheck
          }
          live.closeViewers(revoked);
          return verbali.ensure(sedutaId).compose(m -> announced(s.tavoloId(), sedutaId));
        });
  }

  // ---- register ----

  Future<JsonArray> register(UUID userId, UUID sedutaId) {
    return asMember(userId, sedutaId).compose(s -> register.list(sedutaId)).map(SedutaJson::register);
  }

  Future<JsonObject> addManual(UUID userId, UUID sedutaId, Supplier<RegisterRules.ManualEntry> e) {
    return asCoordinator(userId, sedutaId).compose(s -> register.addManual(sedutaId, e.get(), userId)).map(SedutaJson::entry);
  }

  /** One tap on a member of the tavolo: present in the room. */
  Future<JsonObject> markMember(UUID userId, UUID sedutaId, Supplier<UUID> member) {
    return asCoordinator(userId, sedutaId).compose(s -> {
      UUID who = member.get();
      if (who == null) {
        throw it.tavolo.core.Refusal.invalid("invalid_input", "'userId' is required: a member of this tavolo.");
      }
      return register.markMember(sedutaId, who, userId);
    }).map(e -> SedutaJson.entry(e.orElseThrow(() -> it.tavolo.core.Refusal.invalid("invalid_input",
        "'userId' must be a member of this tavolo."))));
  }

  Future<JsonObject> correct(UUID userId, UUID sedutaId, UUID entryId, Supplier<RegisterStore.Correction> c) {
    return asCoordinator(userId, sedutaId).compose(s -> register.correct(sedutaId, entryId, c.get(), userId)).map(SedutaJson::entry);
  }

  Future<Void> removeEntry(UUID userId, UUID sedutaId, UUID entryId) {
    return asCoordinator(userId, sedutaId).compose(s -> register.remove(sedutaId, entryId));
  }

  // ---- verbale ----

  Future<JsonObject> verbale(UUID userId, UUID sedutaId) {
    return asMember(userId, sedutaId).compose(s -> {
      if (s.state() != SedutaState.CLOSED) {
        throw Refusal.conflict("seduta_not_closed", "The verbale is generated when the seduta is closed.");
      }
      return verbali.ensure(sedutaId);
    }).map(Verbali.Meta::toJson);
  }

  Future<Verbali.File> verbaleFile(UUID userId, UUID sedutaId, VerbaleFormat format) {
    return asMember(userId, sedutaId).compose(s -> {
      if (s.state() != SedutaState.CLOSED) {
        throw Refusal.conflict("seduta_not_closed", "The verbale is generated when the seduta is closed.");
      }
      return verbali.file(sedutaId, format);
    });
  }

  // ---- viewer links ----

  Future<JsonObject> createViewerLink(UUID userId, UUID sedutaId) {
    return asCoordinator(userId, sedutaId).compose(s -> {
      if (s.state() == SedutaState.CLOSED) {
        throw SedutaRules.closed();
      }
      return viewers.create(sedutaId, userId);
    }).map(c -> {
      live.closeViewers(c.replaced());
      return new JsonObject().put("id", c.id().toString()).put("token", c.token())
          .put("url", publicOrigin.get() + "/#/segui/" + c.token()).put("createdAt", c.createdAt().toString());
    });
  }

  Future<Void> revokeViewerLink(UUID userId, UUID sedutaId) {
    return asCoordinator(userId, sedutaId).compose(s -> viewers.revoke(sedutaId, userId)).map(ids -> {
      if (ids.isEmpty()) {
        throw Refusal.notFound("This seduta has no active viewer link.");
      }
      live.closeViewers(ids);
      return null;
    });
  }

  /** What a viewer link shows before connecting: the seduta, its agenda and its documents. */
  Future<JsonObject> viewerInfo(String secret) {
    return viewers.find(secret).compose(link -> view(link.sedutaId()).compose(full ->
        SedutaStore.tavoloTitle(pool, link.tavoloId()).map(title -> {
          JsonObject seduta = new JsonObject();
          for (String k : List.of("id", "title", "startsAt", "mode", "place", "state", "currentItem", "openedAt")) {
            seduta.put(k, full.getValue(k));
          }
          JsonArray agenda = new JsonArray();
          full.getJsonArray("agenda").forEach(o -> {
            JsonObject i = (JsonObject) o;
            agenda.add(new JsonObject().put("id", i.getString("id")).put("position", i.getInteger("position")).put("title", i.getString("title")));
          });
          seduta.put("agenda", agenda);
          return new JsonObject().put("tavolo", new JsonObject().put("title", title))
              .put("seduta", seduta).put("documents", full.getJsonArray("documents"));
        })));
  }

  // ---- views ----

  /** The full seduta; the linked record is the stored one once closed, the live one while open. */
  Future<JsonObject> view(UUID sedutaId) {
    return sedute.header(sedutaId).compose(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      Future<List<SedutaStore.DocumentRef>> docs = sedute.documents(sedutaId).compose(d -> d.isEmpty()
          ? allDocuments(s.tavoloId()) : Future.succeededFuture(d));
      Future<List<SedutaStore.AgendaItem>> agenda = sedute.agenda(sedutaId);
      Future<List<RecordLink>> links = switch (s.state()) {
        case PLANNED -> Future.succeededFuture(List.of());
        case OPEN -> records.during(pool, s.tavoloId(), s.openedAt(), Instant.now());
        case CLOSED -> SedutaStore.storedLinks(pool, sedutaId);
      };
      Future<Optional<Verbali.Meta>> verbale = s.state() == SedutaState.CLOSED ? verbali.meta(sedutaId)
          : Future.succeededFuture(Optional.empty());
      Future<Optional<ViewerLinkStore.Active>> viewer = viewers.active(sedutaId);
      return Future.all(List.of(docs, agenda, links, verbale, viewer)).map(x -> SedutaJson.full(s, docs.result(), agenda.result(),
          links.result(), verbale.result(), viewer.result()));
    });
  }

  /** A seduta that lists no documents discusses all of its tavolo's. */
  private Future<List<SedutaStore.DocumentRef>> allDocuments(UUID tavoloId) {
    return SedutaStore.tavoloDocuments(pool, tavoloId);
  }

  /** The view after a change, also sent to everyone connected to the tavolo's documents. */
  private Future<JsonObject> announced(UUID tavoloId, UUID sedutaId) {
    return view(sedutaId).onSuccess(v -> live.announce(tavoloId, SedutaMessage.of(v)));
  }
}
