package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import it.tavolo.record.History;
import it.tavolo.core.model.Schema;
import it.tavolo.core.sedute.Block;
import it.tavolo.core.sedute.RegisterEntry;
import it.tavolo.core.Refusal;
import it.tavolo.core.sedute.SedutaState;
import it.tavolo.core.sedute.VerbaleContent;
import it.tavolo.core.sedute.VerbaleLayout;
import it.tavolo.core.sedute.VerbaleText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The verbale of a closed seduta: its content is read from the frozen record, rendered on a
 * worker thread in every format, and stored once with each file's SHA-256. A seduta whose
 * verbale could not be stored at closing (a crash in between) gets it on the next request.
 */
final class Verbali {
  private final Vertx vertx;
  private final Pool pool;
  private final SedutaStore sedute;
  private final RegisterStore register;
  private final List<VerbaleFormat> formats;
  private final VerbaleStore store;
  private final NotesStore notes;
  private final History history;
  private final VerbaleChanges changes;

  Verbali(Vertx vertx, Pool pool, SedutaStore sedute, RegisterStore register, List<VerbaleFormat> formats,
          NotesStore notes, History history) {
    this.vertx = vertx;
    this.pool = pool;
    this.sedute = sedute;
    this.register = register;
    this.formats = List.copyOf(formats);
    this.store = new VerbaleStore(pool);
    this.notes = notes;
    this.history = history;
    this.changes = new VerbaleChanges(vertx, store, history);
  }

  /** The notes' text per agenda item (section id = item id) as it was when the seduta closed. */
  private Future<Map<String, String>> discussion(UUID sedutaId) {
    return notes.find(sedutaId).compose(n -> {
      if (n.isEmpty() || n.get().closedSeq() == null) {
        return Future.succeededFuture(Map.of());
      }
      return history.stateAt(n.get().docId(), n.get().closedSeq()).map(state -> {
        Map<String, String> out = new HashMap<>();
        for (String id : state.ids(Schema.SECTIONS)) {
          out.put(id, state.textView(Schema.SECTIONS, id, "body").toString());
        }
        return out;
      });
    });
  }

  /** What the API says of a stored verbale (the files are fetched one by one). */
  record Meta(Instant generatedAt, List<FileMeta> files) {
    JsonObject toJson() {
      JsonObject o = new JsonObject().put("generatedAt", generatedAt.toString());
      for (FileMeta f : files) {
        o.put(f.format(), new JsonObject().put("sha256", f.sha256()).put("bytes", f.bytes()));
      }
      return o;
    }
  }

  record FileMeta(String format, String sha256, long bytes) {
  }

  record File(VerbaleFormat format, byte[] bytes, String sha256) {
  }

  List<VerbaleFormat> formats() {
    return formats;
  }

  Optional<VerbaleFormat> format(String name) {
    return formats.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  Future<Optional<Meta>> meta(UUID sedutaId) {
    return store.meta(sedutaId, formats);
  }

  /** One stored file of the verbale, generating the verbale first if it is missing. */
  Future<File> file(UUID sedutaId, VerbaleFormat format) {
    return ensure(sedutaId).compose(x -> store.file(sedutaId, format));
  }

  /** Generates and stores the verbale of a closed seduta unless it is already stored. */
  Future<Meta> ensure(UUID sedutaId) {
    return meta(sedutaId).compose(m -> {
      if (m.isPresent()) {
        return Future.succeededFuture(m.get());
      }
      return content(sedutaId)
          .compose(content -> vertx.executeBlocking(() -> render(content)))
          .compose(this::keep)
          .compose(x -> meta(sedutaId).map(Optional::orElseThrow));
    });
  }

  private record Rendered(UUID sedutaId, String text, JsonObject content, List<File> files) {
  }

  private Rendered render(Content c) {
    List<Block> blocks = VerbaleLayout.blocks(c.content());
    List<File> files = new ArrayList<>();
    for (VerbaleFormat f : formats) {
      byte[] bytes = f.render(c.content(), blocks);
      files.add(new File(f, bytes, sha256(bytes)));
    }
    return new Rendered(c.sedutaId(), VerbaleText.of(blocks), c.json(), files);
  }

  private Future<Void> keep(Rendered r) {
    return store.insert(r.sedutaId(), r.content().put("text", r.text()), r.files());
  }

  private record Content(UUID sedutaId, VerbaleContent content, JsonObject json) {
  }

  // ---- the approved verbale (V10) ----

  /** A remark on the bozza, as the approved verbale lists it. */
  record Remark(String name, Instant at, String text) {
  }

  /** The approved verbale's files, rendered (not yet stored). */
  record Approved(JsonObject content, List<File> files) {
    File file(String format) {
      return files.stream().filter(f -> f.format().name().equals(format)).findFirst().orElseThrow();
    }
  }

  /**
   * The approved verbale: the bozza's content, then the remarks of the people present and the
   * approval ({@code statement}), rendered in every format on a worker thread.
   */
  Future<Approved> renderApproved(UUID sedutaId, List<Remark> remarks, String statement) {
    return content(sedutaId).compose(c -> vertx.executeBlocking(() -> {
      List<Block> blocks = new ArrayList<>(VerbaleLayout.blocks(c.content()));
      blocks.addAll(VerbaleLayout.approval(remarks.stream()
          .map(r -> new VerbaleLayout.Remark(r.name(), r.at(), r.text())).toList(), statement));
      List<File> files = new ArrayList<>();
      for (VerbaleFormat f : formats) {
        byte[] bytes = f.render(c.content(), blocks);
        files.add(new File(f, bytes, sha256(bytes)));
      }
      JsonObject json = c.json().put("text", VerbaleText.of(blocks)).put("approval", statement);
      return new Approved(json, files);
    }, false));
  }

  Future<Optional<Meta>> approvedMeta(UUID sedutaId) {
    return store.approvedMeta(sedutaId, formats);
  }

  Future<Optional<File>> approvedFile(UUID sedutaId, VerbaleFormat format) {
    return store.approvedFile(sedutaId, format);
  }

  /** The verbale's content, read from the record of a closed seduta. */
  Future<Content> content(UUID sedutaId) {
    return sedute.header(sedutaId).compose(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      if (s.state() != SedutaState.CLOSED) {
        throw Refusal.conflict("seduta_not_closed", "The verbale is generated when the seduta is closed.");
      }
      Future<Row> tavolo = SedutaStore.tavoloHeading(pool, s.tavoloId());
      Future<String> coordinator = SedutaStore.nameWithOrganisation(pool, s.openedBy());
      // a seduta that lists no documents discussed all of its tavolo's (as its page shows)
      Future<List<SedutaStore.DocumentRef>> docs = sedute.documents(sedutaId).compose(d -> !d.isEmpty() ? Future.succeededFuture(d)
          : SedutaStore.tavoloDocuments(pool, s.tavoloId()));
      Future<List<SedutaStore.AgendaItem>> agenda = sedute.agenda(sedutaId);
      Future<List<RegisterEntry>> people = register.list(sedutaId);
      Future<List<RecordLink>> links = SedutaStore.storedLinks(pool, sedutaId);
      Future<Map<String, String>> discussion = discussion(sedutaId);
      // the entries as the notes' document held them at closing (after the rows recorded before)
      Future<List<NotesStore.Entry>> entries = notes.find(sedutaId).compose(n -> n.isEmpty() || n.get().closedSeq() == null
          ? notes.entries(sedutaId) : NotesEntries.at(history, notes, sedutaId, n.get().docId(), n.get().closedSeq()));
      Future<VerbaleChanges.Result> changed = Future.all(links, docs).compose(x ->
          changes.of(s.tavoloId(), links.result(), docs.result(), s.openedAt(), s.closedAt()));
      return Future.all(List.of(tavolo, coordinator, docs, agenda, people, links, discussion, entries, changed)).map(x -> {
        Map<String, List<String>> words = changed.result().byRef();
        List<VerbaleContent.Item> items = new ArrayList<>();
        for (SedutaStore.AgendaItem i : agenda.result()) {
          List<VerbaleContent.Decision> ds = new ArrayList<>();
          i.decisions().forEach(d -> ds.add(new VerbaleContent.Decision(d.text(), d.recordedByName(), d.recordedAt())));
          List<VerbaleContent.Entry> es = new ArrayList<>();
          entries.result().stream().filter(e -> i.id().equals(e.itemId()))
              .forEach(e -> es.add(new VerbaleContent.Entry(e.kind(), e.speakerName() == null ? "(non indicato)" : e.speakerName(),
                  e.organisation(), e.text())));
          items.add(new VerbaleContent.Item(i.position() + 1, i.title(), i.notes(), ds, discussion.result().get(i.id().toString()), es));
        }
        List<VerbaleContent.Integration> integrations = new ArrayList<>();
        List<VerbaleContent.Version> versions = new ArrayList<>();
        for (RecordLink l : links.result()) {
          if (RecordLink.INTEGRATION.equals(l.kind())) {
            integrations.add(new VerbaleContent.Integration(l.document(), l.title(), l.actor(), l.secondActor(), l.at(),
                words.getOrDefault(l.kind() + ":" + l.refId(), List.of())));
          } else {
            versions.add(new VerbaleContent.Version(l.document(), l.title(), l.seq() == null ? 0 : l.seq(), l.sha256(), l.actor(), l.at(),
                words.getOrDefault(l.kind() + ":" + l.refId(), List.of())));
          }
        }
        VerbaleContent v = new VerbaleContent(tavolo.result().getString("title"), tavolo.result().getString("ente_proponente"),
            s.title(), s.startsAt(), s.openedAt(), s.closedAt(), s.mode(), s.place(), s.callUrl(), coordinator.result(),
            docs.result().stream().map(SedutaStore.DocumentRef::title).toList(), people.result(), items, integrations, versions,
            changed.result().budgets());
        JsonObject json = SedutaJson.full(s, docs.result(), agenda.result(), links.result(), Optional.empty(), Optional.empty())
            .put("register", SedutaJson.register(people.result()));
        json.remove("verbale");
        json.remove("viewerLink");
        return new Content(sedutaId, v, json);
      });
    });
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
