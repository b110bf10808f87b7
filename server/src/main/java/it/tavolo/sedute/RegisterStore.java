package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.sedute.Presence;
import it.tavolo.core.sedute.RegisterEntry;
import it.tavolo.core.sedute.RegisterRules;
import it.tavolo.core.Refusal;
import it.tavolo.core.sedute.SedutaRules;
import it.tavolo.core.sedute.SedutaState;
import it.tavolo.core.sedute.Texts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The attendance register. Live connections are counted per person in the database, so
 * several tabs, devices or server processes add up; the row's {@code left_at} is set when
 * the last connection closes. Coordinators add and correct entries while the seduta is open.
 */
final class RegisterStore {
  private static final String COLUMNS = "a.id, a.user_id, a.name, a.organisation_name, a.side, a.role, a.presence, "
      + "a.source, a.joined_at, a.left_at, a.corrected_at";

  private final Pool pool;

  RegisterStore(Pool pool) {
    this.pool = pool;
  }

  /** Someone connected to the tavolo's documents, with how many connections they have open. */
  record Connected(UUID userId, String name, UUID orgId, String orgName, String side, String role, int connections) {
  }

  Future<List<RegisterEntry>> list(UUID sedutaId) {
    return list(pool, sedutaId);
  }

  static Future<List<RegisterEntry>> list(SqlClient c, UUID sedutaId) {
    return c.preparedQuery("select " + COLUMNS + " from seduta_attendance a where a.seduta_id = $1 order by a.joined_at, a.name, a.id")
        .execute(Tuple.of(sedutaId))
        .map(rows -> {
          List<RegisterEntry> out = new ArrayList<>();
          rows.forEach(r -> out.add(entry(r)));
          return out;
        });
  }

  static RegisterEntry entry(Row r) {
    return new RegisterEntry(r.getUUID("id"), r.getUUID("user_id"), r.getString("name"), r.getString("organisation_name"),
        r.getString("side"), r.getString("role"), Presence.parse(r.getString("presence")).orElseThrow(),
        "manual".equals(r.getString("source")), SedutaHeader.instant(r, "joined_at"), SedutaHeader.instant(r, "left_at"),
        r.getValue("corrected_at") != null);
  }

  // ---- from the live layer ----

  /** The people connected when the seduta opens (inside the opening transaction). */
  static Future<Void> insertConnected(SqlConnection tx, UUID sedutaId, List<Connected> people, Instant at) {
    if (people.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Connected c : people) {
      batch.add(Tuple.from(new Object[] {UUID.randomUUID(), sedutaId, c.userId(), c.name(), c.orgId(), c.orgName(),
          c.side(), c.role(), Sql.at(at), c.connections()}));
    }
    return tx.preparedQuery("""
            insert into seduta_attendance (id, seduta_id, user_id, name, organisation_id, organisation_name, side, role,
                                           presence, source, joined_at, connections)
            values ($1, $2, $3, $4, $5, $6, $7, $8, 'connected', 'live', $9, $10)
            on conflict (seduta_id, user_id) where user_id is not null
            do update set connections = seduta_attendance.connections + excluded.connections, left_at = null""")
        .executeBatch(batch).mapEmpty();
  }

  /**
   * Right after opening: people who connected while the opening committed are added (those
   * already in the register are left as they are).
   */
  Future<Void> addMissing(UUID sedutaId, List<Connected> people, Instant at) {
    if (people.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Connected c : people) {
      batch.add(Tuple.from(new Object[] {UUID.randomUUID(), sedutaId, c.userId(), c.name(), c.orgId(), c.orgName(),
          c.side(), c.role(), Sql.at(at), c.connections()}));
    }
    return pool.preparedQuery("""
            insert into seduta_attendance (id, seduta_id, user_id, name, organisation_id, organisation_name, side, role,
                                           presence, source, joined_at, connections)
            select $1, $2, $3, $4, $5, $6, $7, $8, 'connected', 'live', $9, $10
            from sedute s where s.id = $2 and s.state = 'open'
            on conflict (seduta_id, user_id) where user_id is not null do nothing""")
        .executeBatch(batch).mapEmpty();
  }

  /** A connection to one of the tavolo's documents opened: recorded in the tavolo's open seduta, if any. */
  Future<Void> joined(UUID tavoloId, Connected c, Instant at) {
    return pool.preparedQuery("""
            insert into seduta_attendance (id, seduta_id, user_id, name, organisation_id, organisation_name, side, role,
                                           presence, source, joined_at, connections)
            select $1, s.id, $3, $4, $5, $6, $7, $8, 'connected', 'live', $9, 1
            from sedute s where s.tavolo_id = $2 and s.state = 'open'
            on conflict (seduta_id, user_id) where user_id is not null
            do update set connections = seduta_attendance.connections + 1, left_at = null""")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), tavoloId, c.userId(), c.name(), c.orgId(), c.orgName(),
            c.side(), c.role(), Sql.at(at)}))
        .mapEmpty();
  }

  /**
   * Someone of the tavolo opened the seduta's own page while it is open (the coordinator
   * running it from there never opens a draft): recorded as present from now, unless already
   * in the register. No connection is counted; closing sets the leave time.
   */
  Future<Void> present(UUID sedutaId, UUID userId, Instant at) {
    return pool.preparedQuery("""
            insert into seduta_attendance (id, seduta_id, user_id, name, organisation_id, organisation_name, side, role,
                                           presence, source, joined_at, connections)
            select $1, s.id, u.id, u.display_name, o.id, o.name, o.side, m.role, 'connected', 'live', $4, 0
            from sedute s
            join tavolo_members m on m.tavolo_id = s.tavolo_id and m.user_id = $3
            join users u on u.id = m.user_id
            join organisations o on o.id = u.organisation_id
            where s.id = $2 and s.state = 'open'
            on conflict (seduta_id, user_id) where user_id is not null do nothing""")
        .execute(Tuple.from(new Object[] {UUID.randomUUID(), sedutaId, userId, Sql.at(at)}))
        .mapEmpty();
  }

  /** A connection closed: when it was the person's last, their leave time is now. */
  Future<Void> left(UUID tavoloId, UUID userId, Instant at) {
    return pool.preparedQuery("""
            update seduta_attendance a
            set connections = greatest(a.connections - 1, 0),
                left_at = case when a.connections <= 1 then greatest($3, a.joined_at) else a.left_at end
            from sedute s
            where s.id = a.seduta_id and s.tavolo_id = $1 and s.state = 'open' and a.user_id = $2""")
        .execute(Tuple.of(tavoloId, userId, Sql.at(at)))
        .mapEmpty();
  }

  /** At closing: everyone still present leaves at the closing time; counters end at zero. */
  static Future<Void> closeOut(SqlConnection tx, UUID sedutaId, Instant at) {
    return tx.preparedQuery("""
            update seduta_attendance set connections = 0, left_at = greatest($2, joined_at)
            where seduta_id = $1 and (left_at is null or connections > 0)""")
        .execute(Tuple.of(sedutaId, Sql.at(at)))
        .mapEmpty();
  }

  // ---- by a coordinator ----

  Future<RegisterEntry> addManual(UUID sedutaId, RegisterRules.ManualEntry e, UUID by) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> tx.preparedQuery("""
                insert into seduta_attendance (id, seduta_id, user_id, name, organisation_name, role, presence, source,
                                               joined_at, left_at, corrected_by, corrected_at)
                values ($1, $2, null, $3, $4, $5, $6, 'manual', $7, $8, $9, now())""")
            .execute(Tuple.from(new Object[] {id, sedutaId, e.name(), e.organisation(), e.role(), e.presence().wire(),
                Sql.at(e.joinedAt()), Sql.at(e.leftAt()), by})))
        .compose(x -> one(tx, sedutaId, id)));
  }

  /**
   * A coordinator marks a member of the tavolo as present in the room, with one tap: their
   * account's row (source {@code live}: linked to the account, {@code corrected} by the
   * coordinator), joined now; a member already recorded (connected) keeps their row, now also
   * marked in the room. Empty when the user is not a member of the seduta's tavolo.
   */
  Future<java.util.Optional<RegisterEntry>> markMember(UUID sedutaId, UUID userId, UUID by) {
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> tx.preparedQuery("""
                insert into seduta_attendance (id, seduta_id, user_id, name, organisation_id, organisation_name, side, role,
                                               presence, source, joined_at, connections, corrected_by, corrected_at)
                select $1, s.id, u.id, u.display_name, o.id, o.name, o.side, m.role, 'in_room', 'live', now(), 0, $4, now()
                from sedute s
                join tavolo_members m on m.tavolo_id = s.tavolo_id and m.user_id = $3
                join users u on u.id = m.user_id
                join organisations o on o.id = u.organisation_id
                where s.id = $2
                on conflict (seduta_id, user_id) where user_id is not null
                do update set presence = 'in_room', left_at = null, corrected_by = $4, corrected_at = now()
                returning id""")
            .execute(Tuple.of(UUID.randomUUID(), sedutaId, userId, by)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(java.util.Optional.<RegisterEntry>empty())
            : one(tx, sedutaId, rows.iterator().next().getUUID("id")).map(java.util.Optional::of)));
  }

  /** A coordinator's correction: only the fields given change. */
  record Correction(String name, boolean hasName, String organisation, boolean hasOrganisation, String role, boolean hasRole,
                    String presence, Instant joinedAt, Instant leftAt, boolean hasLeftAt) {
  }

  Future<RegisterEntry> correct(UUID sedutaId, UUID entryId, Correction c, UUID by) {
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> one(tx, sedutaId, entryId))
        .compose(old -> {
          String name = c.hasName() ? Texts.required("name", c.name(), RegisterRules.MAX_NAME) : old.name();
          String org = c.hasOrganisation() ? Texts.optional("organisation", c.organisation(), RegisterRules.MAX_ORGANISATION) : old.organisation();
          String role = c.hasRole() ? Texts.optional("role", c.role(), RegisterRules.MAX_ROLE) : old.role();
          Presence presence = old.presence();
          if (c.presence() != null) {
            presence = Presence.parse(c.presence()).orElseThrow(() ->
                Refusal.invalid("invalid_input", "'presence' is connected, in_room or on_call."));
            if (presence == Presence.CONNECTED && old.manual()) {
              throw Refusal.invalid("invalid_input", "Only Tavolo records people as connected.");
            }
          }
          Instant joined = c.joinedAt() != null ? c.joinedAt() : old.joinedAt();
          Instant leftAt = c.hasLeftAt() ? c.leftAt() : old.leftAt();
          RegisterRules.times(joined, leftAt);
          return tx.preparedQuery("""
                  update seduta_attendance set name = $3, organisation_name = $4, role = $5, presence = $6,
                         joined_at = $7, left_at = $8, corrected_by = $9, corrected_at = now()
                  where seduta_id = $1 and id = $2""")
              .execute(Tuple.from(new Object[] {sedutaId, entryId, name, org, role, presence.wire(), Sql.at(joined),
                  Sql.at(leftAt), by}));
        })
        .compose(x -> one(tx, sedutaId, entryId)));
  }

  Future<Void> remove(UUID sedutaId, UUID entryId) {
    return pool.withTransaction(tx -> lockedOpen(tx, sedutaId)
        .compose(s -> tx.preparedQuery("delete from seduta_attendance where seduta_id = $1 and id = $2").execute(Tuple.of(sedutaId, entryId)))
        .map(r -> {
          if (r.rowCount() == 0) {
            throw noEntry();
          }
          return null;
        }));
  }

  private static Future<RegisterEntry> one(SqlClient c, UUID sedutaId, UUID entryId) {
    return c.preparedQuery("select " + COLUMNS + " from seduta_attendance a where a.seduta_id = $1 and a.id = $2")
        .execute(Tuple.of(sedutaId, entryId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw noEntry();
          }
          return entry(rows.iterator().next());
        });
  }

  private static Future<SedutaHeader> lockedOpen(SqlConnection tx, UUID sedutaId) {
    return SedutaStore.header(tx, sedutaId, true).map(h -> {
      SedutaHeader s = h.orElseThrow(SedutaStore::noSeduta);
      if (s.state() == SedutaState.CLOSED) {
        throw SedutaRules.closed();
      }
      if (s.state() != SedutaState.OPEN) {
        throw Refusal.conflict("seduta_not_open", "The register is kept while the seduta is open: open it first.");
      }
      return s;
    });
  }

  static Refusal noEntry() {
    return Refusal.notFound("No such entry in this seduta's register.");
  }
}
