package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is in which tavolo with which role. Changes that could remove the last coordinator
 * lock the tavolo's row first, so two coordinators demoting each other at the same time
 * cannot both succeed.
 */
public final class MembershipStore {
  private final Pool pool;

  /** Told (tavolo, user) after a member's role changed or they were removed. */
  private final List<java.util.function.BiConsumer<UUID, UUID>> changed =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public MembershipStore(Pool pool) { this.pool = pool; }

  /**
   * Hears every role change and removal, once its transaction committed: open WebSocket
   * connections of that member must not keep the rights they had.
   */
  public void onChanged(java.util.function.BiConsumer<UUID, UUID> listener) {
    changed.add(listener);
  }

  /**
   * To call when the transaction of a {@link #changeRole} or {@link #remove} has committed
   * (they run inside the caller's transaction, so they cannot know).
   */
  public void changeCommitted(UUID tavoloId, UUID userId) {
    changed.forEach(l -> l.accept(tavoloId, userId));
  }

  /** Empty when the user is not a member (or the tavolo does not exist). */
  public Future<Optional<Role>> roleOf(UUID userId, UUID tavoloId) {
    return pool.preparedQuery("select role from tavolo_members where user_id = $1 and tavolo_id = $2")
        .execute(Tuple.of(userId, tavoloId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Role.parse(rows.iterator().next().getString("role")));
  }

  /**
   * Empty when the document does not exist or the user is not a member of its tavolo. On a
   * seduta's notes (V9) only the segretario verbalizzante and the writers a coordinator allowed
   * keep their role: every other member reads them, as an observer.
   */
  public Future<Optional<DocumentAccess>> roleForDocument(UUID userId, UUID docId) {
    return pool.preparedQuery("""
            select d.id, d.tavolo_id, d.mode, d.locked, d.purpose = 'verbale_notes' as notes,
              case when d.purpose = 'verbale_notes' and not exists (
                  select 1 from seduta_notes n where n.doc_id = d.id and (n.secretary = $1 or exists (
                    select 1 from seduta_note_writers w where w.seduta_id = n.seduta_id and w.user_id = $1)))
                then 'observer' else m.role end as role
            from documents d
            join tavolo_members m on m.tavolo_id = d.tavolo_id and m.user_id = $1
            where d.id = $2""")
        .execute(Tuple.of(userId, docId))
        .map(rows -> {
          if (rows.size() == 0) return Optional.empty();
          Row r = rows.iterator().next();
          return Optional.of(new DocumentAccess(r.getUUID("id"), r.getUUID("tavolo_id"),
              Role.parse(r.getString("role")).orElseThrow(), r.getString("mode"), r.getBoolean("locked"), r.getBoolean("notes")));
        });
  }

  public Future<List<Member>> members(UUID tavoloId) {
    return pool.preparedQuery("""
            select m.user_id, m.role, m.joined_at, u.display_name, o.id, o.name, o.side, o.ets_kind
            from tavolo_members m join users u on u.id = m.user_id join organisations o on o.id = u.organisation_id
            where m.tavolo_id = $1
            order by case m.role when 'coordinator' then 0 when 'member' then 1 else 2 end, u.display_name, m.user_id""")
        .execute(Tuple.of(tavoloId))
        .map(rows -> {
          List<Member> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Member(r.getUUID("user_id"), r.getString("display_name"), Organisation.from(r),
                Role.parse(r.getString("role")).orElseThrow(), r.getOffsetDateTime("joined_at")));
          }
          return out;
        });
  }

  /** Inside the caller's transaction; an existing member fails with {@code already_member}. */
  public Future<Void> add(SqlClient tx, UUID tavoloId, UUID userId, Role role) {
    return tx.preparedQuery("insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, $3) on conflict do nothing")
        .execute(Tuple.of(tavoloId, userId, role.wire()))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(Refusal.conflict("already_member", "You are already a member of this tavolo.")));
  }

  /**
   * Changes a member's role inside the caller's transaction (so its audit row commits with it)
   * and returns the role they had; demoting the last coordinator fails with
   * {@code last_coordinator}.
   */
  public Future<Role> changeRole(SqlConnection tx, UUID tavoloId, UUID userId, Role role) {
    return lockedRole(tx, tavoloId, userId)
        .compose(current -> (current == Role.COORDINATOR && role != Role.COORDINATOR
            ? requireAnotherCoordinator(tx, tavoloId, "demoted") : Future.<Void>succeededFuture())
            .compose(x -> tx.preparedQuery("update tavolo_members set role = $3 where tavolo_id = $1 and user_id = $2")
                .execute(Tuple.of(tavoloId, userId, role.wire())))
            .map(current));
  }

  /**
   * Removes a member inside the caller's transaction and returns the role they had; removing
   * the last coordinator fails with {@code last_coordinator}.
   */
  public Future<Role> remove(SqlConnection tx, UUID tavoloId, UUID userId) {
    return lockedRole(tx, tavoloId, userId)
        .compose(current -> (current == Role.COORDINATOR
            ? requireAnotherCoordinator(tx, tavoloId, "removed") : Future.<Void>succeededFuture())
            .compose(x -> tx.preparedQuery("delete from tavolo_members where tavolo_id = $1 and user_id = $2")
                .execute(Tuple.of(tavoloId, userId)))
            .map(current));
  }

  private Future<Role> lockedRole(SqlConnection tx, UUID tavoloId, UUID userId) {
    return tx.preparedQuery("select id from tavoli where id = $1 for update").execute(Tuple.of(tavoloId))
        .compose(x -> tx.preparedQuery("select role from tavolo_members where tavolo_id = $1 and user_id = $2")
            .execute(Tuple.of(tavoloId, userId)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Refusal.notFound("No such member in this tavolo."))
            : Future.succeededFuture(Role.parse(rows.iterator().next().getString("role")).orElseThrow()));
  }

  private Future<Void> requireAnotherCoordinator(SqlConnection tx, UUID tavoloId, String verb) {
    return tx.preparedQuery("select count(*) as n from tavolo_members where tavolo_id = $1 and role = 'coordinator'")
        .execute(Tuple.of(tavoloId))
        .compose(rows -> rows.iterator().next().getLong("n") > 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(Refusal.conflict("last_coordinator",
                "The last coordinator cannot be " + verb + ": make someone else coordinator first.")));
  }
}
