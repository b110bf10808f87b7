package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The record layer's integrations and versions (issue 6's tables), linked to a seduta by
 * tavolo and time window: accepted ({@code decided_at}) or consolidated
 * ({@code consolidated_at}) between the seduta's opening and its closing. When those tables
 * are not there (a database migrated before them) there is nothing to link.
 */
final class RecordTableStore implements RecordLinks {
  private static final int MAX_TITLE = 300;

  @Override
  public Future<List<RecordLink>> during(SqlClient c, UUID tavoloId, Instant from, Instant to) {
    return c.query("select to_regclass('public.integrations') is not null and to_regclass('public.versions') is not null as ok")
        .execute()
        .compose(rows -> rows.iterator().next().getBoolean("ok") ? read(c, tavoloId, from, to) : Future.succeededFuture(List.of()));
  }

  private static Future<List<RecordLink>> read(SqlClient c, UUID tavoloId, Instant from, Instant to) {
    Tuple args = Tuple.of(tavoloId, Sql.at(from), Sql.at(to));
    Future<List<Row>> integrations = SedutaStore.rows(c, """
        select i.id::text as ref, i.doc_id, d.title as document, i.rationale as title, pu.display_name as actor,
               du.display_name as second_actor, i.applied_seq as seq, i.decided_at as at
        from integrations i join documents d on d.id = i.doc_id
        left join users pu on pu.id = i.proposer left join users du on du.id = i.decided_by
        where d.tavolo_id = $1 and i.status = 'accepted' and i.decided_at >= $2 and i.decided_at <= $3
        order by i.decided_at, i.id""", args);
    Future<List<Row>> versions = SedutaStore.rows(c, """
        select v.doc_id::text || ':' || v.number as ref, v.doc_id, d.title as document, v.name as title,
               cu.display_name as actor, v.seq, v.sha256, v.consolidated_at as at
        from versions v join documents d on d.id = v.doc_id left join users cu on cu.id = v.consolidated_by
        where d.tavolo_id = $1 and v.consolidated_at >= $2 and v.consolidated_at <= $3
        order by v.consolidated_at, v.doc_id, v.number""", args);
    return Future.all(integrations, versions).map(x -> {
      List<RecordLink> out = new ArrayList<>();
      for (Row r : integrations.result()) {
        out.add(new RecordLink(RecordLink.INTEGRATION, r.getString("ref"), r.getUUID("doc_id"), r.getString("document"),
            shorten(r.getString("title")), r.getString("actor"), r.getString("second_actor"), r.getLong("seq"), null,
            SedutaHeader.instant(r, "at")));
      }
      for (Row r : versions.result()) {
        out.add(new RecordLink(RecordLink.VERSION, r.getString("ref"), r.getUUID("doc_id"), r.getString("document"),
            shorten(r.getString("title")), r.getString("actor"), null, r.getLong("seq"), r.getString("sha256"),
            SedutaHeader.instant(r, "at")));
      }
      return out;
    });
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String one = s.strip().replaceAll("\\s+", " ");
    return one.length() <= MAX_TITLE ? one : one.substring(0, MAX_TITLE - 1) + "…";
  }
}
