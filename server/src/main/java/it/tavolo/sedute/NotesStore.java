package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import it.tavolo.core.sedute.SedutaState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The verbale's notes in the database (V9): which document holds a seduta's notes, its
 * segretario verbalizzante and writers, and the interventi, riserve and dichiarazioni recorded
 * as rows before they lived in the document (new ones are the document's, NotesEntries). The
 * freeze triggers refuse every change once the seduta is closed. Stateless: safe from any thread.
 */
final class NotesStore {
  private final Pool pool;

  NotesStore(Pool pool) {
    this.pool = pool;
  }

  record Person(UUID id, String name) {
  }

  record Notes(UUID docId, Person secretary, List<Person> writers, Long closedSeq) {
  }

  /**
   * An intervento, riserva or dichiarazione: {@code id} is the entity's id in the notes'
   * document (a UUID for the rows recorded before); {@code itemId} null when its section is gone.
   */
  record Entry(String id, UUID itemId, String kind, UUID speakerUser, String speakerName, String organisation, String text,
               UUID recordedBy, Instant recordedAt) {
  }

  Future<Optional<Notes>> find(UUID sedutaId) {
    Future<List<Row>> head = SedutaStore.rows(pool, """
        select n.doc_id, n.secretary, u.display_name, n.closed_seq from seduta_notes n join users u on u.id = n.secretary
        where n.seduta_id = $1""", Tuple.of(sedutaId));
    Future<List<Row>> writers = SedutaStore.rows(pool, """
        select w.user_id, u.display_name from seduta_note_writers w join users u on u.id = w.user_id
        where w.seduta_id = $1 order by u.display_name, w.user_id""", Tuple.of(sedutaId));
    return Future.all(head, writers).map(x -> {
      if (head.result().isEmpty()) {
        return Optional.empty();
      }
      Row r = head.result().get(0);
      List<Person> ws = new ArrayList<>();
      writers.result().forEach(w -> ws.add(new Person(w.getUUID("user_id"), w.getString("display_name"))));
      return Optional.of(new Notes(r.getUUID("doc_id"), new Person(r.getUUID("secretary"), r.getString("display_name")), ws,
          r.getLong("closed_seq")));
    });
  }

  /** True when the user may write the seduta's notes: its secretary or an allowed writer. */
  Future<Boolean> canWrite(UUID sedutaId, UUID userId) {
    return pool.preparedQuery("""
            select exists (select 1 from seduta_notes where seduta_id = $1 and secretary = $2)
                or exists (select 1 from seduta_note_writers where seduta_id = $1 and user_id = $2) as ok""")
        .execute(Tuple.of(sedutaId, userId)).map(rows -> rows.iterator().next().getBoolean("ok"));
  }

  /**
   * Names the secretary and the writers (replacing the writers), creating the notes' document
   * the first time; under the seduta's row lock, refused once it is closed. Everyone named must
   * be a member of the tavolo who may change things (a coordinator or a member).
   */
  Future<UUID> setUp(UUID sedutaId, UUID by, UUID secretary, List<UUID> writers) {
    return pool.withTransaction(tx -> SedutaStore.header(tx, sedutaId, true).compose(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      if (s.state() == SedutaState.CLOSED) {
        throw Refusal.conflict("seduta_closed", "The seduta is closed: its notes are part of the record.");
      }
      List<UUID> named = new ArrayList<>(writers);
      named.add(secretary);
      return tx.preparedQuery("select count(distinct user_id) as n from tavolo_members where tavolo_id = $1 "
              + "and role in ('coordinator', 'member') and user_id = any($2)")
          .execute(Tuple.of(s.tavoloId(), (Object) named.toArray(new UUID[0])))
          .compose(rows -> {
            long distinct = named.stream().distinct().count();
            if (rows.iterator().next().getLong("n") != distinct) {
              throw Refusal.invalid("invalid_input", "The secretary and the writers must be members of this tavolo who can write.");
            }
            return tx.preparedQuery("select doc_id from seduta_notes where seduta_id = $1").execute(Tuple.of(sedutaId));
          })
          .compose(rows -> {
            if (rows.size() > 0) {
              UUID doc = rows.iterator().next().getUUID("doc_id");
              return tx.preparedQuery("update seduta_notes set secretary = $2 where seduta_id = $1")
                  .execute(Tuple.of(sedutaId, secretary)).map(doc);
            }
            UUID doc = UUID.randomUUID();
            return tx.preparedQuery("insert into documents (id, tavolo_id, title, purpose) values ($1, $2, $3, 'verbale_notes')")
                .execute(Tuple.of(doc, s.tavoloId(), "Note del verbale: " + s.title()))
                .compose(x -> tx.preparedQuery("insert into seduta_notes (seduta_id, doc_id, secretary, created_by) values ($1, $2, $3, $4)")
                    .execute(Tuple.of(sedutaId, doc, secretary, by)))
                .map(doc);
          })
          .compose(doc -> tx.preparedQuery("delete from seduta_note_writers where seduta_id = $1").execute(Tuple.of(sedutaId))
              .compose(x -> {
                List<Tuple> batch = new ArrayList<>();
                writers.stream().distinct().forEach(w -> batch.add(Tuple.of(sedutaId, w, by)));
                return batch.isEmpty() ? Future.succeededFuture()
                    : tx.preparedQuery("insert into seduta_note_writers (seduta_id, user_id, granted_by) values ($1, $2, $3)")
                        .executeBatch(batch).mapEmpty();
              })
              .map(doc));
    }));
  }

  /** The head of the notes' document (0 when nothing was written yet). */
  Future<Long> head(UUID docId) {
    return pool.preparedQuery("select coalesce(max(seq), 0) as head from op_log where doc_id = $1").execute(Tuple.of(docId))
        .map(rows -> rows.iterator().next().getLong("head"));
  }

  /**
   * Inside the closing's transaction, before the seduta turns closed: remembers the notes'
   * head (what the verbale reads) and locks their document. Empty when the seduta has no notes.
   */
  static Future<Optional<UUID>> closeOut(SqlClient tx, UUID sedutaId) {
    return tx.preparedQuery("""
            update seduta_notes n set closed_seq = (select coalesce(max(seq), 0) from op_log where doc_id = n.doc_id)
            where seduta_id = $1 returning doc_id""").execute(Tuple.of(sedutaId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          UUID doc = rows.iterator().next().getUUID("doc_id");
          return tx.preparedQuery("update documents set locked = true where id = $1").execute(Tuple.of(doc)).map(Optional.of(doc));
        });
  }

  record Speaker(String name, String organisation) {
  }

  /** A member of the tavolo as the verbale names them: display name and organisation. */
  Future<Optional<Speaker>> member(UUID tavoloId, UUID userId) {
    return SedutaStore.rows(pool, """
        select u.display_name, o.name from tavolo_members m join users u on u.id = m.user_id
        left join organisations o on o.id = u.organisation_id where m.tavolo_id = $1 and m.user_id = $2""", Tuple.of(tavoloId, userId))
        .map(rows -> rows.isEmpty() ? Optional.empty()
            : Optional.of(new Speaker(rows.get(0).getString("display_name"), rows.get(0).getString("name"))));
  }

  /** When each of these batches of a document was committed. */
  Future<java.util.Map<Long, Instant>> committedAt(UUID docId, java.util.Collection<Long> seqs) {
    if (seqs.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return SedutaStore.rows(pool, "select seq, committed_at from op_log where doc_id = $1 and seq = any($2)",
        Tuple.of(docId, (Object) seqs.toArray(new Long[0]))).map(rows -> {
          java.util.Map<Long, Instant> out = new java.util.HashMap<>();
          rows.forEach(r -> out.put(r.getLong("seq"), SedutaHeader.instant(r, "committed_at")));
          return out;
        });
  }

  /** Removes an entry recorded before entries lived in the notes' document (refused once closed). */
  Future<Void> deleteEntry(UUID sedutaId, UUID entryId) {
    return pool.preparedQuery("delete from seduta_note_entries where id = $1 and seduta_id = $2").execute(Tuple.of(entryId, sedutaId))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw Refusal.notFound("No such entry in this seduta.");
          }
          return null;
        });
  }

  /** The entries recorded as rows, before they lived in the notes' document (V17). */
  Future<List<Entry>> entries(UUID sedutaId) {
    return SedutaStore.rows(pool, """
        select e.id, e.item_id, e.kind, e.speaker_user, e.speaker_name, e.organisation_name, e.text, e.recorded_by, e.recorded_at
        from seduta_note_entries e where e.seduta_id = $1 order by e.recorded_at, e.id""", Tuple.of(sedutaId))
        .map(rows -> rows.stream().map(NotesStore::entry).toList());
  }

  private static Entry entry(Row r) {
    return new Entry(r.getUUID("id").toString(), r.getUUID("item_id"), r.getString("kind"), r.getUUID("speaker_user"),
        r.getString("speaker_name"), r.getString("organisation_name"), r.getString("text"), r.getUUID("recorded_by"),
        SedutaHeader.instant(r, "recorded_at"));
  }
}
