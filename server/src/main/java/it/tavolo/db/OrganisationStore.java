package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class OrganisationStore {
  private final Pool pool;

  public OrganisationStore(Pool pool) { this.pool = pool; }

  public Future<Organisation> insert(SqlClient tx, String name, String side, String etsKind) {
    Organisation org = new Organisation(UUID.randomUUID(), name, side, etsKind);
    return tx.preparedQuery("insert into organisations (id, name, side, ets_kind) values ($1, $2, $3, $4)")
        .execute(Tuple.of(org.id(), name, side, etsKind)).map(org);
  }

  public Future<Optional<Organisation>> findById(SqlClient c, UUID id) {
    return c.preparedQuery("select id, name, side, ets_kind from organisations where id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Organisation.from(rows.iterator().next())));
  }

  /**
   * The caller's own organisation, those of everyone sharing a tavolo with them, and the
   * partner organisations of their tavoli (which may have no account yet but still
   * contribute to a budget).
   */
  public Future<List<Organisation>> visibleTo(UUID userId) {
    return pool.preparedQuery("""
            select o.id, o.name, o.side, o.ets_kind from organisations o
            where o.id in (select organisation_id from users where id = $1)
               or o.id in (select u.organisation_id from tavolo_members mine
                           join tavolo_members other on other.tavolo_id = mine.tavolo_id
                           join users u on u.id = other.user_id
                           where mine.user_id = $1)
               or o.id in (select p.organisation_id from tavolo_members mine
                           join tavolo_partners p on p.tavolo_id = mine.tavolo_id
                           where mine.user_id = $1)
            order by o.name, o.id""")
        .execute(Tuple.of(userId)).map(OrganisationStore::list);
  }

  /**
   * Organisations at the tavolo, with a member or as partners (the register-through-invitation
   * picker: a person of a partner organisation joins it rather than creating a duplicate).
   */
  public Future<List<Organisation>> ofTavolo(SqlClient c, UUID tavoloId) {
    return c.preparedQuery("""
            select o.id, o.name, o.side, o.ets_kind from organisations o
            where o.id in (select u.organisation_id from users u
                           join tavolo_members m on m.user_id = u.id where m.tavolo_id = $1)
               or o.id in (select organisation_id from tavolo_partners where tavolo_id = $1)
            order by o.name, o.id""")
        .execute(Tuple.of(tavoloId)).map(OrganisationStore::list);
  }

  /**
   * The ids of the organisations at a document's tavolo, as {@link #ofTavolo} lists them:
   * those a budget contributor or an activity lead may name.
   */
  public Future<java.util.Set<String>> idsAtDocument(UUID docId) {
    return pool.preparedQuery("""
            select u.organisation_id from users u
              join tavolo_members m on m.user_id = u.id
              join documents d on d.tavolo_id = m.tavolo_id
             where d.id = $1
            union
            select p.organisation_id from tavolo_partners p
              join documents d on d.tavolo_id = p.tavolo_id
             where d.id = $1""")
        .execute(Tuple.of(docId)).map(rows -> {
          java.util.Set<String> ids = new java.util.HashSet<>();
          for (Row r : rows) ids.add(r.getUUID(0).toString());
          return ids;
        });
  }

  /** Names {@code organisationId} a partner of the tavolo; true when it was not one already. */
  public Future<Boolean> addPartner(SqlClient c, UUID tavoloId, UUID organisationId) {
    return c.preparedQuery("insert into tavolo_partners (tavolo_id, organisation_id) values ($1, $2) on conflict do nothing")
        .execute(Tuple.of(tavoloId, organisationId)).map(r -> r.rowCount() == 1);
  }

  private static List<Organisation> list(RowSet<Row> rows) {
    List<Organisation> out = new ArrayList<>();
    for (Row r : rows) out.add(Organisation.from(r));
    return out;
  }
}
