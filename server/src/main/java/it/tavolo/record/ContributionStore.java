package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organisations' confirmations of their contributions to consolidated versions (V9; SQL only here). */
public final class ContributionStore {
  private final Pool pool;

  public ContributionStore(Pool pool) {
    this.pool = pool;
  }

  /** One stored confirmation, with the names of the organisation and of who confirmed. */
  public record Stored(UUID organisation, String organisationName, String side, int version, UUID by, String byName,
                     java.time.OffsetDateTime at, long monetary, long inKind, String versionSha256, String linesSha256,
                     UUID viaGrouping) {
    JsonObject toJson() {
      return new JsonObject().put("version", version)
          .put("by", new JsonObject().put("id", by.toString()).put("name", byName))
          .put("at", at.toInstant().toString())
          .put("monetary", monetary).put("inKind", inKind).put("total", monetary + inKind)
          .put("versionSha256", versionSha256).put("linesSha256", linesSha256)
          .put("viaGrouping", viaGrouping == null ? null : viaGrouping.toString());
    }
  }

  /** Records a confirmation; false when that organisation had already confirmed that version. */
  public Future<Boolean> insert(SqlClient tx, UUID doc, int version, UUID organisation, UUID by, long monetary,
                                long inKind, String versionSha256, String linesSha256, UUID viaGrouping) {
    return tx.preparedQuery("""
            insert into contribution_confirmations (doc_id, version_number, organisation_id, confirmed_by,
                                                    monetary_cents, in_kind_cents, version_sha256, lines_sha256,
                                                    via_grouping)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict do nothing""")
        .execute(Tuple.tuple().addValue(doc).addValue(version).addValue(organisation).addValue(by).addValue(monetary)
            .addValue(inKind).addValue(versionSha256).addValue(linesSha256).addValue(viaGrouping))
        .map(r -> r.rowCount() == 1);
  }

  /** Every confirmation of the document's versions up to {@code version}, by organisation, oldest version first. */
  public Future<Map<UUID, List<Stored>>> upTo(UUID doc, int version) {
    return pool.preparedQuery("""
            select c.organisation_id, o.name as org_name, o.side, c.version_number, c.confirmed_by,
                   u.display_name, c.confirmed_at, c.monetary_cents, c.in_kind_cents, c.version_sha256, c.lines_sha256,
                   c.via_grouping
            from contribution_confirmations c
            join organisations o on o.id = c.organisation_id
            join users u on u.id = c.confirmed_by
            where c.doc_id = $1 and c.version_number <= $2
            order by c.version_number, c.organisation_id""")
        .execute(Tuple.of(doc, version))
        .map(rows -> {
          Map<UUID, List<Stored>> out = new HashMap<>();
          for (Row r : rows) {
            out.computeIfAbsent(r.getUUID("organisation_id"), k -> new ArrayList<>()).add(new Stored(
                r.getUUID("organisation_id"), r.getString("org_name"), r.getString("side"), r.getInteger("version_number"),
                r.getUUID("confirmed_by"), r.getString("display_name"), r.getOffsetDateTime("confirmed_at"),
                r.getLong("monetary_cents"), r.getLong("in_kind_cents"), r.getString("version_sha256"),
                r.getString("lines_sha256"), r.getUUID("via_grouping")));
          }
          return out;
        });
  }

  /** Names and sides of organisations, by id. */
  public Future<Map<UUID, String[]>> organisations(List<UUID> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery("select id, name, side from organisations where id = any($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> {
          Map<UUID, String[]> out = new HashMap<>();
          for (Row r : rows) out.put(r.getUUID("id"), new String[] {r.getString("name"), r.getString("side")});
          return out;
        });
  }
}
