package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Groupings of partners (RTI/ATI/consortium) and their members' delegations (V10; SQL only here). */
public final class GroupingStore {
  private final Pool pool;

  public GroupingStore(Pool pool) {
    this.pool = pool;
  }

  /** One member organisation of a grouping, and whether it delegated the capofila. */
  public record Member(UUID organisation, String name, String side, UUID delegatedBy, String delegatedByName,
                       java.time.OffsetDateTime delegatedAt) {
    JsonObject toJson(UUID capofila) {
      return new JsonObject().put("organisation", new JsonObject().put("id", organisation.toString()).put("name", name))
          .put("side", side).put("capofila", organisation.equals(capofila))
          .put("delegation", delegatedAt == null ? null : new JsonObject()
              .put("by", new JsonObject().put("id", delegatedBy.toString()).put("name", delegatedByName))
              .put("at", delegatedAt.toInstant().toString()));
    }
  }

  /** A grouping with its members (capofila first, then by name). */
  public record Grouping(UUID id, UUID tavoloId, String kind, String name, UUID capofila, List<Member> members) {
    JsonObject toJson() {
      JsonArray m = new JsonArray();
      members.forEach(x -> m.add(x.toJson(capofila)));
      return new JsonObject().put("id", id.toString()).put("kind", kind).put("name", name)
          .put("capofila", capofila.toString()).put("members", m);
    }

    public boolean delegated(UUID organisation) {
      return members.stream().anyMatch(x -> x.organisation().equals(organisation) && x.delegatedAt() != null);
    }
  }

  public Future<List<Grouping>> ofTavolo(SqlClient c, UUID tavoloId) {
    return c.preparedQuery("""
            select g.id, g.tavolo_id, g.kind, g.name, g.capofila, m.organisation_id, o.name as org_name, o.side,
                   m.delegated_by, u.display_name as delegated_by_name, m.delegated_at
            from groupings g
            join grouping_members m on m.grouping_id = g.id
            join organisations o on o.id = m.organisation_id
            left join users u on u.id = m.delegated_by
            where g.tavolo_id = $1
            order by g.created_at, g.id, (m.organisation_id = g.capofila) desc, o.name, o.id""")
        .execute(Tuple.of(tavoloId))
        .map(rows -> {
          Map<UUID, Grouping> out = new LinkedHashMap<>();
          for (Row r : rows) {
            Grouping g = out.computeIfAbsent(r.getUUID("id"), id -> new Grouping(id, r.getUUID("tavolo_id"),
                r.getString("kind"), r.getString("name"), r.getUUID("capofila"), new ArrayList<>()));
            g.members().add(new Member(r.getUUID("organisation_id"), r.getString("org_name"), r.getString("side"),
                r.getUUID("delegated_by"), r.getString("delegated_by_name"), r.getOffsetDateTime("delegated_at")));
          }
          return new ArrayList<>(out.values());
        });
  }

  public Future<Void> insert(SqlClient tx, UUID id, UUID tavoloId, String kind, String name, UUID capofila, UUID by) {
    return tx.preparedQuery("insert into groupings (id, tavolo_id, kind, name, capofila, created_by) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(id, tavoloId, kind, name, capofila, by)).mapEmpty();
  }

  public Future<Void> update(SqlClient tx, UUID id, String kind, String name, UUID capofila) {
    return tx.preparedQuery("update groupings set kind = $2, name = $3, capofila = $4 where id = $1")
        .execute(Tuple.of(id, kind, name, capofila)).mapEmpty();
  }

  /**
   * Makes the members exactly {@code members}: those who stay keep their delegation (unless the
   * capofila changed: a delegation is to one capofila), the others are removed or added.
   */
  public Future<Void> setMembers(SqlClient tx, UUID id, UUID tavoloId, List<UUID> members, boolean keepDelegations) {
    UUID[] ids = members.toArray(UUID[]::new);
    Future<?> clear = keepDelegations ? Future.succeededFuture()
        : tx.preparedQuery("update grouping_members set delegated_by = null, delegated_at = null where grouping_id = $1")
            .execute(Tuple.of(id));
    return clear.compose(x -> tx.preparedQuery("delete from grouping_members where grouping_id = $1 and organisation_id <> all($2)")
            .execute(Tuple.tuple().addValue(id).addValue(ids)))
        .compose(x -> tx.preparedQuery("""
                insert into grouping_members (grouping_id, tavolo_id, organisation_id)
                select $1, $2, unnest($3::uuid[]) on conflict (grouping_id, organisation_id) do nothing""")
            .execute(Tuple.tuple().addValue(id).addValue(tavoloId).addValue(ids)))
        .mapEmpty();
  }

  /** Records (or, with {@code by} null, takes back) a member's delegation to the capofila; false if not a member. */
  public Future<Boolean> delegate(SqlClient tx, UUID id, UUID organisation, UUID by) {
    return tx.preparedQuery("update grouping_members set delegated_by = $3, delegated_at = case when $3::uuid is null "
            + "then null else now() end where grouping_id = $1 and organisation_id = $2")
        .execute(Tuple.of(id, organisation, by)).map(r -> r.rowCount() == 1);
  }
}
