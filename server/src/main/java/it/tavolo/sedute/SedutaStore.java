package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.sedute.SedutaDraft;
import it.tavolo.core.Refusal;
import it.tavolo.core.sedute.SedutaRules;
import it.tavolo.core.sedute.SedutaState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sedute, their documents, agenda and decisions. Every change to a seduta checks its state
 * in the same statement (or under the seduta's row lock), and the database's triggers refuse
 * changes to a closed seduta whatever the code does.
 */
final class SedutaStore {
  private final Pool pool;

  SedutaStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  // ---- reading ----

  Future<Optional<SedutaHeader>> header(UUID sedutaId) {
    return header(pool, sedutaId, false);
  }

  static Future<Optional<SedutaHeader>> header(SqlClient c, UUID sedutaId, boolean lock) {
    return c.preparedQuery("select " + SedutaHeader.COLUMNS + " from sedute s where s.id = $1" + (lock ? " for update" : ""))
        .execute(Tuple.of(sedutaId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(SedutaHeader.from(rows.iterator().next())));
  }

  Future<List<SedutaHeader>> list(UUID tavoloId) {
    return pool.preparedQuery("select " + SedutaHeader.COLUMNS + " from sedute s where s.tavolo_id = $1 order by s.starts_at desc, s.id")
        .execute(Tuple.of(tavoloId))
        .map(rows -> {
          List<SedutaHeader> out = new ArrayList<>();
          rows.forEach(r -> out.add(SedutaHeader.from(r)));
          return out;
        });
  }

  /** The open seduta of a tavolo, if any. */
  Future<Optional<SedutaHeader>> openIn(UUID tavoloId) {
    return pool.preparedQuery("select " + SedutaHeader.COLUMNS + " from sedute s where s.tavolo_id = $1 and s.state = 'open'")
        .execute(Tuple.of(tavoloId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(SedutaHeader.from(rows.iterator().next())));
  }

  record DocumentRef(UUID id, String title) {
  }

  Future<List<DocumentRef>> documents(UUID sedutaId) {
    return pool.preparedQuery("""
            select d.id, d.title from seduta_documents sd join documents d on d.id = sd.doc_id
            where sd.seduta_id = $1 order by sd.position""")
        .execute(Tuple.of(sedutaId))
        .map(rows -> {
          List<DocumentRef> out = new ArrayList<>();
          rows.forEach(r -> out.add(new DocumentRef(r.getUUID("id"), r.getString("title"))));
          return out;
        });
  }

  record Decision(UUID id, UUID itemId, String text, UUID recordedBy, String recordedByName, Instant recordedAt) {
  }

  record AgendaItem(UUID id, int position, String title, String notes, List<Decision> decisions) {
  }

  Future<List<AgendaItem>> agenda(UUID sedutaId) {
    Future<List<Row>> items = rows(pool, "select id, position, title, notes from seduta_agenda_items where seduta_id = $1 order by position, id",
        Tuple.of(sedutaId));
    Future<List<Row>> decisions = rows(pool, """
            select d.id, d.item_id, d.text, d.recorded_by, u.display_name, d.recorded_at
            from seduta_decisions d left join users u on u.id = d.recorded_by
            where d.seduta_id = $1 order by d.recorded_at, d.id""", Tuple.of(sedutaId));
    return Future.all(items, decisions).map(x -> {
      List<AgendaItem> out = new ArrayList<>();
      for (Row r : items.result()) {
        UUID id = r.getUUID("id");
        List<Decision> ds = new ArrayList<>();
        for (Row d : decisions.result()) {
          if (d.getUUID("item_id").equals(id)) {
            ds.add(new Decision(d.getUUID("id"), id, d.getString("text"), d.getUUID("recorded_by"),
                d.getString("display_name"), SedutaHeader.instant(d, "recorded_at")));
          }
        }
        out.add(new AgendaItem(id, r.getInteger("position"), r.getString("title"), r.getString("notes"), ds));
      }
      return out;
    });
  }

  static Future<List<Row>> rows(SqlClient c, String sql, Tuple args) {
    return c.preparedQuery(sql).execute(args).map(rs -> {
      List<Row> out = new ArrayList<>();
      rs.forEach(out::add);
      return out;
    });
  }

  // ---- planning ----

  /** Work another layer does in a seduta change's own transaction (its notifications). */
  interface InTx {
    Future<?> run(io.vertx.sqlclient.SqlConnection tx, UUID sedutaId);

    InTx NOTHING = (tx, id) -> Future.succeededFuture();
  }

  Future<UUID> create(UUID tavoloId, UUID creator, SedutaDraft d) {
    return create(tavoloId, creator, d, InTx.NOTHING);
  }

  Future<UUID> create(UUID tavoloId, UUID creator, SedutaDraft d, InTx also) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery("""
                insert into sedute (id, tavolo_id, title, starts_at, mode, place, call_url, created_by)
                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
            .execute(Tuple.from(new Object[] {id, tavoloId, d.title(), Sql.at(d.startsAt()), d.mode().wire(),
                d.place(), d.callUrl(), creator}))
            .compose(x -> setDocuments(tx, id, tavoloId, d.documents()))
            .compose(x -> insertItems(tx, id, 0, d.agenda()))
            .compose(x -> also.run(tx, id)))
        .map(id);
  }

  /** Changes when, how, where and which documents; allowed until the seduta is closed. */
  Future<Void> update(UUID sedutaId, SedutaDraft d) {
    return update(sedutaId, d, InTx.NOTHING);
  }

  Future<Void> update(UUID sedutaId, SedutaDraft d, InTx also) {
    return pool.withTransaction(tx -> header(tx, sedutaId, true).compose(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      if (s.state() == SedutaState.CLOSED) {
        throw SedutaRules.closed();
      }
      return tx.preparedQuery("update sedute set title = $2, starts_at = $3, mode = $4, place = $5, call_url = $6 where id = $1")
          .execute(Tuple.of(sedutaId, d.title(), Sql.at(d.startsAt()), d.mode().wire(), d.place(), d.callUrl()))
          .compose(x -> tx.preparedQuery("delete from seduta_documents where seduta_id = $1").execute(Tuple.of(sedutaId)))
          .compose(x -> setDocuments(tx, sedutaId, s.tavoloId(), d.documents()))
          .compose(x -> also.run(tx, sedutaId)).mapEmpty();
    }));
  }

  private static Future<Void> setDocuments(SqlConnection tx, UUID sedutaId, UUID tavoloId, List<UUID> docs) {
    if (docs.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("select id from documents where tavolo_id = $1 and purpose = 'draft' and id = any($2)")
        .execute(Tuple.of(tavoloId, (Object) docs.toArray(new UUID[0])))
        .compose(rows -> {
          if (rows.size() != docs.size()) {
            throw Refusal.invalid("invalid_input", "'documents' must be documents of this tavolo.");
          }
          List<Tuple> batch = new ArrayList<>();
          for (int i = 0; i < docs.size(); i++) {
            batch.add(Tuple.of(sedutaId, docs.get(i), i));
          }
          return tx.preparedQuery("insert into seduta_documents (seduta_id, doc_id, position) values ($1, $2, $3)")
              .executeBatch(batch).mapEmpty();
        });
  }

  private static Future<Void> insertItems(SqlConnection tx, UUID sedutaId, int from, List<SedutaDraft.AgendaItemDraft> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      batch.add(Tuple.of(UUID.randomUUID(), sedutaId, from + i, items.get(i).title(), items.get(i).notes()));
    }
    return tx.preparedQuery("insert into seduta_agenda_items (id, seduta_id, position, title, notes) values ($1, $2, $3, $4, $5)")
        .executeBatch(batch).mapEmpty();
  }

  /** Appends an item to the agenda (or puts it at {@code position}); returns its id. */
  Future<UUID> addItem(UUID sedutaId, SedutaDraft.AgendaItemDraft item, Integer position) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> lockedUnclosed(tx, sedutaId)
        .compose(s -> rows(tx, "select id from seduta_agenda_items where seduta_id = $1 order by position, id", Tuple.of(sedutaId)))
        .compose(existing -> {
          if (existing.size() >= SedutaRules.MAX_AGENDA_ITEMS) {
            throw Refusal.invalid("invalid_input", "At most " + SedutaRules.MAX_AGENDA_ITEMS + " agenda items.");
          }
          List<UUID> order = new ArrayList<>();
          existing.forEach(r -> order.add(r.getUUID("id")));
          int at = position == null ? order.size() : Math.max(0, Math.min(position, order.size()));
          order.add(at, id);
          return tx.preparedQuery("insert into seduta_agenda_items (id, seduta_id, position, title, notes) values ($1, $2, $3, $4, $5)")
              .execute(Tuple.of(id, sedutaId, at, item.title(), item.notes()))
              .compose(x -> renumber(tx, order));
        }))
        .map(id);
  }

  /** Changes an item's title, notes or place in the agenda. */
  Future<Void> updateItem(UUID sedutaId, UUID itemId, SedutaDraft.AgendaItemDraft item, Integer position) {
    return pool.withTransaction(tx -> lockedUnclosed(tx, sedutaId)
        .compose(s -> rows(tx, "select id from seduta_agenda_items where seduta_id = $1 order by position, id", Tuple.of(sedutaId)))
        .compose(existing -> {
          List<UUID> order = new ArrayList<>();
          existing.forEach(r -> order.add(r.getUUID("id")));
          if (!order.contains(itemId)) {
            throw noItem();
          }
          Future<Void> moved = Future.succeededFuture();
          if (position != null) {
            order.remove(itemId);
            order.add(Math.max(0, Math.min(position, order.size())), itemId);
            moved = renumber(tx, order);
          }
          return moved.compose(x -> tx.preparedQuery("update seduta_agenda_items set title = $3, notes = $4 where seduta_id = $1 and id = $2")
              .execute(Tuple.of(sedutaId, itemId, item.title(), item.notes()))).mapEmpty();
        }));
  }

  /** Removes an item that has no decisions yet. */
  Future<Void> deleteItem(UUID sedutaId, UUID itemId) {
    return pool.withTransaction(tx -> lockedUnclosed(tx, sedutaId)
        .compose(s -> rows(tx, "select count(*) as n from seduta_decisions where item_id = $1 and seduta_id = $2", Tuple.of(itemId, sedutaId))
            .compose(n -> {
              if (n.get(0).getLong("n") > 0) {
                throw Refusal.conflict("item_has_decisions", "This agenda item has decisions recorded: it stays in the agenda.");
              }
              Future<?> clear = itemId.equals(s.currentItem())
                  ? tx.preparedQuery("update sedute set current_item = null where id = $1").execute(Tuple.of(sedutaId))
                  : Future.succeededFuture();
              return clear.compose(x -> tx.preparedQuery("delete from seduta_agenda_items where seduta_id = $1 and id = $2")
                  .execute(Tuple.of(sedutaId, itemId)));
            })
            .compose(r -> {
              if (r.rowCount() == 0) {
                throw noItem();
              }
              return rows(tx, "select id from seduta_agenda_items where seduta_id = $1 order by position, id", Tuple.of(sedutaId));
            })
            .compose(rest -> {
              List<UUID> order = new ArrayList<>();
              rest.forEach(r -> order.add(r.getUUID("id")));
              return renumber(tx, order);
            })));
  }

  private static Future<Void> renumber(SqlConnection tx, List<UUID> order) {
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      batch.add(Tuple.of(order.get(i), i));
    }
    return batch.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery("update seduta_agenda_items set position = $2 where id = $1").executeBatch(batch).mapEmpty();
  }

  private static Future<SedutaHeader> lockedUnclosed(SqlConnection tx, UUID sedutaId) {
    return header(tx, sedutaId, true).map(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      if (s.state() == SedutaState.CLOSED) {
        throw SedutaRules.closed();
      }
      return s;
    });
  }

  private static Future<SedutaHeader> lockedOpen(SqlConnection tx, UUID sedutaId) {
    return header(tx, sedutaId, true).map(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      if (s.state() != SedutaState.OPEN) {
        throw s.state() == SedutaState.CLOSED ? SedutaRules.closed()
            : Refusal.conflict("seduta_not_open", "The seduta is not open yet: open it first.");
      }
      return s;
    });
  }

  // ---- running the meeting ----

  /**
   * Opens the seduta and writes the people already connected into the register, under the
   * seduta's row lock.
   */
  Future<SedutaHeader> open(UUID sedutaId, UUID by, Instant at, List<RegisterStore.Connected> connected) {
    return open(sedutaId, by, at, connected, InTx.NOTHING);
  }

  Future<SedutaHeader> open(UUID sedutaId, UUID by, Instant at, List<RegisterStore.Connected> connected, InTx also) {
    return pool.withTransaction(tx -> header(tx, sedutaId, true).compose(h -> {
          SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
          SedutaRules.transition(s.state(), SedutaState.OPEN);
          return tx.preparedQuery("update sedute set state = 'open', opened_at = $2, opened_by = $3 where id = $1")
              .execute(Tuple.of(sedutaId, Sql.at(at), by))
              .recover(e -> Future.failedFuture(Sql.unique(e, "sedute_one_open_per_tavolo")
                  ? Refusal.conflict("another_seduta_open", "Another seduta of this tavolo is open: close it first.") : e))
              .compose(x -> RegisterStore.insertConnected(tx, sedutaId, connected, at))
              .compose(x -> also.run(tx, sedutaId))
              .compose(x -> header(tx, sedutaId, false).map(Optional::orElseThrow));
        }));
  }

  /** Moves the meeting to an agenda item (null: none). */
  Future<SedutaHeader> setCurrent(UUID sedutaId, UUID itemId) {
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> itemId == null ? Future.succeededFuture(1)
            : rows(tx, "select 1 from seduta_agenda_items where seduta_id = $1 and id = $2", Tuple.of(sedutaId, itemId)).map(List::size))
        .compose(n -> {
          if (n == 0) {
            throw noItem();
          }
          return tx.preparedQuery("update sedute set current_item = $2 where id = $1").execute(Tuple.of(sedutaId, itemId));
        })
        .compose(x -> header(tx, sedutaId, false).map(Optional::orElseThrow)));
  }

  Future<UUID> addDecision(UUID sedutaId, UUID itemId, String text, UUID by, Instant at) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> rows(tx, "select 1 from seduta_agenda_items where seduta_id = $1 and id = $2", Tuple.of(sedutaId, itemId)))
        .compose(found -> {
          if (found.isEmpty()) {
            throw noItem();
          }
          return tx.preparedQuery("insert into seduta_decisions (id, seduta_id, item_id, text, recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $6)")
              .execute(Tuple.of(id, sedutaId, itemId, text, by, Sql.at(at)));
        }))
        .map(id);
  }

  Future<Void> deleteDecision(UUID sedutaId, UUID decisionId) {
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> tx.preparedQuery("delete from seduta_decisions where seduta_id = $1 and id = $2").execute(Tuple.of(sedutaId, decisionId)))
        .map(r -> {
          if (r.rowCount() == 0) {
            throw Refusal.notFound("No such decision in this seduta.");
          }
          return null;
        }));
  }

  static Refusal noSeduta() {
    return Refusal.notFound("No such seduta among your tavoli.");
  }

  static Refusal noItem() {
    return Refusal.notFound("No such agenda item in this seduta.");
  }

  // ---- closing, the record links, what the views and the verbale read of the tavolo ----

  static Future<Void> markClosed(SqlClient tx, UUID sedutaId, Instant at, UUID by) {
    return tx.preparedQuery("update sedute set state = 'closed', closed_at = $2, closed_by = $3 where id = $1")
        .execute(Tuple.of(sedutaId, Sql.at(at), by)).mapEmpty();
  }

  static Future<Void> insertRecordLinks(SqlClient tx, UUID sedutaId, List<RecordLink> links) {
    if (links.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (RecordLink l : links) {
      batch.add(Tuple.from(new Object[] {sedutaId, l.kind(), l.refId(), l.docId(), l.document(), l.title(), l.actor(),
          l.secondActor(), l.seq(), l.sha256(), Sql.at(l.at())}));
    }
    return tx.preparedQuery("""
            insert into seduta_record_links (seduta_id, kind, ref_id, doc_id, document, title, actor, second_actor, seq, sha256, at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""").executeBatch(batch).mapEmpty();
  }

  /** The record links kept when the seduta closed. */
  static Future<List<RecordLink>> storedLinks(SqlClient c, UUID sedutaId) {
    return rows(c, """
            select kind, ref_id, doc_id, document, title, actor, second_actor, seq, sha256, at
            from seduta_record_links where seduta_id = $1 order by at, kind, ref_id""", Tuple.of(sedutaId))
        .map(rows -> {
          List<RecordLink> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new RecordLink(r.getString("kind"), r.getString("ref_id"), r.getUUID("doc_id"), r.getString("document"),
                r.getString("title"), r.getString("actor"), r.getString("second_actor"), r.getLong("seq"),
                r.getString("sha256"), SedutaHeader.instant(r, "at")));
          }
          return out;
        });
  }

  /** Every document of the tavolo (a seduta that lists none discusses them all). */
  static Future<List<DocumentRef>> tavoloDocuments(SqlClient c, UUID tavoloId) {
    return rows(c, "select id, title from documents where tavolo_id = $1 and purpose = 'draft' order by created_at, id", Tuple.of(tavoloId))
        .map(rows -> rows.stream().map(r -> new DocumentRef(r.getUUID("id"), r.getString("title"))).toList());
  }

  static Future<String> tavoloTitle(SqlClient c, UUID tavoloId) {
    return c.preparedQuery("select title from tavoli where id = $1").execute(Tuple.of(tavoloId))
        .map(rows -> rows.iterator().next().getString("title"));
  }

  /** The tavolo's title and ente proponente (columns {@code title}, {@code ente_proponente}). */
  static Future<Row> tavoloHeading(SqlClient c, UUID tavoloId) {
    return c.preparedQuery("select title, ente_proponente from tavoli where id = $1")
        .execute(Tuple.of(tavoloId)).map(rows -> rows.iterator().next());
  }

  /** "Name (Organisation)" of a user, or null. */
  static Future<String> nameWithOrganisation(SqlClient c, UUID userId) {
    return c.preparedQuery("""
              select u.display_name, o.name from users u join organisations o on o.id = u.organisation_id where u.id = $1""")
          .execute(Tuple.of(userId))
          .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0) + " (" + rows.iterator().next().getString(1) + ")");
  }
}
