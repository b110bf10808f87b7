package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import it.tavolo.auth.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The review of a verbale in the database (V10): the remarks period, the remarks and the
 * approval. The triggers enforce every rule again (closed seduta, period, presence, frozen
 * once approved); this class checks first so callers get a clear answer. Stateless.
 */
final class ReviewStore {
  private final Pool pool;

  ReviewStore(Pool pool) {
    this.pool = pool;
  }

  record Review(Instant remarksUntil, Approval approval) {
  }

  record Approval(UUID by, String byName, Instant at, UUID approvedIn, UUID approvedItem) {
  }

  record RemarkRow(UUID id, UUID userId, String name, String text, Instant at) {
  }

  Future<Review> review(UUID sedutaId) {
    Future<List<Row>> period = SedutaStore.rows(pool, "select remarks_until from seduta_verbale_reviews where seduta_id = $1",
        Tuple.of(sedutaId));
    Future<List<Row>> approval = SedutaStore.rows(pool, """
        select a.approved_by, u.display_name, a.approved_at, a.approved_in, a.approved_item
        from seduta_verbale_approvals a join users u on u.id = a.approved_by where a.seduta_id = $1""", Tuple.of(sedutaId));
    return Future.all(period, approval).map(x -> {
      Instant until = period.result().isEmpty() ? null : SedutaHeader.instant(period.result().get(0), "remarks_until");
      Approval a = null;
      if (!approval.result().isEmpty()) {
        Row r = approval.result().get(0);
        a = new Approval(r.getUUID("approved_by"), r.getString("display_name"), SedutaHeader.instant(r, "approved_at"),
            r.getUUID("approved_in"), r.getUUID("approved_item"));
      }
      return new Review(until, a);
    });
  }

  Future<Void> setPeriod(UUID sedutaId, Instant until, UUID by, SedutaStore.InTx then) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            insert into seduta_verbale_reviews (seduta_id, remarks_until, set_by) values ($1, $2, $3)
            on conflict (seduta_id) do update set remarks_until = excluded.remarks_until, set_by = excluded.set_by, set_at = now()""")
        .execute(Tuple.of(sedutaId, Sql.at(until), by)).compose(x -> then.run(tx, sedutaId)).mapEmpty());
  }

  /** True when the register records this account as present (they took part with it). */
  Future<Boolean> wasPresent(UUID sedutaId, UUID userId) {
    return pool.preparedQuery("select exists (select 1 from seduta_attendance where seduta_id = $1 and user_id = $2) as ok")
        .execute(Tuple.of(sedutaId, userId)).map(rows -> rows.iterator().next().getBoolean("ok"));
  }

  Future<RemarkRow> addRemark(UUID sedutaId, UUID userId, String text) {
    return pool.preparedQuery("""
            insert into seduta_verbale_remarks (id, seduta_id, user_id, name, text)
            select $1, $2, u.id, u.display_name, $4 from users u where u.id = $3
            returning id, user_id, name, text, created_at""")
        .execute(Tuple.of(UUID.randomUUID(), sedutaId, userId, text))
        .map(rows -> remark(rows.iterator().next()));
  }

  Future<List<RemarkRow>> remarks(UUID sedutaId) {
    return SedutaStore.rows(pool, "select id, user_id, name, text, created_at from seduta_verbale_remarks where seduta_id = $1 "
        + "order by created_at, id", Tuple.of(sedutaId)).map(rows -> rows.stream().map(ReviewStore::remark).toList());
  }

  private static RemarkRow remark(Row r) {
    return new RemarkRow(r.getUUID("id"), r.getUUID("user_id"), r.getString("name"), r.getString("text"),
        SedutaHeader.instant(r, "created_at"));
  }

  /**
   * Stores the approved verbale once, in one transaction with its audit event and, when a later
   * seduta approves it, the decision recorded on that seduta's item. The period's row is locked
   * first, so a remark racing with the approval either lands before it or is refused.
   */
  Future<Void> approve(UUID tavoloId, UUID sedutaId, UUID by, UUID approvedIn, UUID approvedItem, Verbali.Approved v,
                       String decision, AuditTrail audit, SedutaStore.InTx then) {
    return pool.withTransaction(tx -> tx.preparedQuery("select 1 from seduta_verbale_reviews where seduta_id = $1 for update")
        .execute(Tuple.of(sedutaId))
        .compose(x -> tx.preparedQuery("select 1 from seduta_verbale_approvals where seduta_id = $1").execute(Tuple.of(sedutaId)))
        .compose(rows -> {
          if (rows.size() > 0) {
            throw Refusal.conflict("verbale_approved", "This verbale is already approved: it cannot change.");
          }
          List<Object> args = new ArrayList<>(List.of(sedutaId, by));
          args.add(approvedIn);
          args.add(approvedItem);
          args.add(v.content());
          args.add(Buffer.buffer(v.file("pdf").bytes()));
          args.add(v.file("pdf").sha256());
          args.add(Buffer.buffer(v.file("odt").bytes()));
          args.add(v.file("odt").sha256());
          return tx.preparedQuery("""
                  insert into seduta_verbale_approvals
                    (seduta_id, approved_by, approved_in, approved_item, content, pdf, pdf_sha256, odt, odt_sha256)
                  values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""").execute(Tuple.from(args));
        })
        .compose(x -> approvedIn == null ? Future.succeededFuture()
            : tx.preparedQuery("insert into seduta_decisions (id, seduta_id, item_id, text, recorded_by) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(UUID.randomUUID(), approvedIn, approvedItem, decision, by)).mapEmpty())
        .compose(x -> audit.append(tx, new AuditTrail.Event(tavoloId, by, "verbale_approved", null, sedutaId.toString(),
            approvedIn == null
                ? Map.of("pdfSha256", v.file("pdf").sha256(), "odtSha256", v.file("odt").sha256())
                : Map.of("pdfSha256", v.file("pdf").sha256(), "odtSha256", v.file("odt").sha256(),
                    "approvedIn", approvedIn.toString(), "item", approvedItem.toString()))))
        .compose(x -> then.run(tx, sedutaId)).mapEmpty());
  }

  /** The approving seduta's item: an open seduta of the same tavolo; its title, for the statement. */
  Future<Optional<String[]>> approvingItem(UUID tavoloId, UUID approvedIn, UUID item) {
    return SedutaStore.rows(pool, """
        select s.title, s.opened_at, i.title as item from sedute s join seduta_agenda_items i on i.seduta_id = s.id
        where s.id = $1 and i.id = $2 and s.tavolo_id = $3 and s.state = 'open'""", Tuple.of(approvedIn, item, tavoloId))
        .map(rows -> rows.isEmpty() ? Optional.empty()
            : Optional.of(new String[] {rows.get(0).getString("title"), rows.get(0).getString("item")}));
  }

  Future<String> name(UUID userId) {
    return pool.preparedQuery("select u.display_name, o.name from users u join organisations o on o.id = u.organisation_id where u.id = $1")
        .execute(Tuple.of(userId)).map(rows -> {
          Row r = rows.iterator().next();
          return r.getString(0) + " (" + r.getString(1) + ")";
        });
  }
}
