package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Refusal;
import java.util.Optional;
import java.util.UUID;

/** Users (accounts) and the organisation each belongs to. Emails are stored lower-case. */
public final class UserStore {
  private static final String SELECT =
      "select " + Account.COLUMNS + " from users u join organisations o on o.id = u.organisation_id ";

  private final Pool pool;

  public UserStore(Pool pool) { this.pool = pool; }

  /** The display names of {@code ids}, by id as text (ids that are not users are left out). */
  public Future<java.util.Map<String, String>> displayNames(java.util.List<UUID> ids) {
    return pool.preparedQuery("select id, display_name from users where id = any($1)")
        .execute(io.vertx.sqlclient.Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> {
          java.util.Map<String, String> out = new java.util.HashMap<>();
          rows.forEach(row -> out.put(row.getUUID("id").toString(), row.getString("display_name")));
          return out;
        });
  }

  public Future<Optional<Account>> findByEmail(String email) {
    return pool.preparedQuery(SELECT + "where u.email = $1").execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Account.from(rows.iterator().next())));
  }

  public Future<Optional<Account>> findById(UUID userId) {
    return pool.preparedQuery(SELECT + "where u.id = $1").execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Account.from(rows.iterator().next())));
  }

  /** Inside the caller's transaction; an email already used fails with {@code email_taken}. */
  public Future<Void> insert(SqlClient tx, UUID id, String email, String name, UUID orgId, String passwordHash) {
    return tx.preparedQuery(
            "insert into users (id, email, display_name, organisation_id, password_hash) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(id, email, name, orgId, passwordHash))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(isUniqueViolation(e)
            ? Refusal.conflict("email_taken", "An account with this email already exists: log in and accept the invitation.")
            : e));
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && "23505".equals(pg.getSqlState());
  }
}
