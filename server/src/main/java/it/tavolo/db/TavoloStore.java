package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tavoli and their documents' headers. Every read is from one member's point of view. */
public final class TavoloStore {
  private static final String SELECT_FOR_MEMBER = """
      select t.id, t.title, t.avviso, t.ente_proponente, t.ambito, t.phase, t.created_at, m.role
      from tavoli t join tavolo_members m on m.tavolo_id = t.id and m.user_id = $1
      """;

  private final Pool pool;

  public TavoloStore(Pool pool) { this.pool = pool; }

  public record NewTavolo(String title, String avviso, String enteProponente, String ambito, String phase) {}

  /** Creates the tavolo, its first (empty) document and the creator's coordinator membership, atomically. */
  /** What else must commit with a new tavolo or document (its audit row), given their ids. */
  @FunctionalInterface
  public interface AlsoInTransaction {
    Future<?> run(io.vertx.sqlclient.SqlConnection tx, UUID tavoloId, UUID documentId);
  }

  /**
   * Creates the tavolo unless {@code creator} already opened {@code maxOpened}: then
   * {@code 403 quota_exceeded}. The creator's row is locked for the count, so concurrent
   * requests of one user cannot overshoot.
   */
  public Future<TavoloView> create(UUID creator, NewTavolo t, String firstDocumentTitle, int maxOpened,
                                   AlsoInTransaction also) {
    UUID id = UUID.randomUUID();
    UUID docId = UUID.randomUUID();
    return pool.withTransaction(tx -> quota(tx, creator, maxOpened).compose(ok -> tx.preparedQuery("""
                insert into tavoli (id, title, avviso, ente_proponente, ambito, phase, created_by)
                values ($1, $2, $3, $4, $5, $6, $7)""")
            .execute(Tuple.of(id, t.title(), t.avviso(), t.enteProponente(), t.ambito(), t.phase(), creator))
            .compose(x -> tx.preparedQuery("insert into tavolo_members (tavolo_id, user_id, role) values ($1, $2, 'coordinator')")
                .execute(Tuple.of(id, creator)))
            .compose(x -> tx.preparedQuery("insert into documents (id, tavolo_id, title) values ($1, $2, $3)")
                .execute(Tuple.of(docId, id, firstDocumentTitle)))
            .compose(x -> also.run(tx, id, docId))))
        .compose(x -> getFor(creator, id))
        .map(Optional::orElseThrow);
  }

  private static Future<Void> quota(io.vertx.sqlclient.SqlConnection tx, UUID creator, int maxOpened) {
    return tx.preparedQuery("select 1 from users where id = $1 for update").execute(Tuple.of(creator))
        .compose(x -> tx.preparedQuery("select count(*) as n from tavoli where created_by = $1").execute(Tuple.of(creator)))
        .compose(rows -> rows.iterator().next().getLong("n") < maxOpened ? Future.<Void>succeededFuture()
            : Future.failedFuture(new it.tavolo.core.Refusal(403, "quota_exceeded",
                "You have opened " + maxOpened + " tavoli, the most this server allows one person.")));
  }

  public Future<List<TavoloView>> listFor(UUID userId) {
    return listFor(userId, Integer.MAX_VALUE, null);
  }

  /**
   * Up to {@code limit} of the user's tavoli, oldest first, after the tavolo {@code afterId}
   * (exclusive; null: from the first). A cursor naming a tavolo the user is not in starts
   * nowhere (an empty page), so cursors leak nothing.
   */
  public Future<List<TavoloView>> listFor(UUID userId, int limit, UUID afterId) {
    String page = afterId == null ? "" : "where (t.created_at, t.id) > (select c.created_at, c.id from tavoli c"
        + " join tavolo_members cm on cm.tavolo_id = c.id and cm.user_id = $1 where c.id = $3) ";
    Tuple args = afterId == null ? Tuple.of(userId, limit) : Tuple.of(userId, limit, afterId);
    return pool.preparedQuery(SELECT_FOR_MEMBER + page + "order by t.created_at, t.id limit $2").execute(args)
        .compose(this::withDocuments);
  }

  /** Empty when the tavolo does not exist or the user is not a member: callers cannot tell which. */
  public Future<Optional<TavoloView>> getFor(UUID userId, UUID tavoloId) {
    return pool.preparedQuery(SELECT_FOR_MEMBER + "where t.id = $2").execute(Tuple.of(userId, tavoloId))
        .compose(this::withDocuments)
        .map(list -> list.stream().findFirst());
  }

  public Future<DocumentInfo> addDocument(UUID tavoloId, String title, AlsoInTransaction also) {
    UUID docId = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery(
            "insert into documents (id, tavolo_id, title) values ($1, $2, $3) returning id, tavolo_id, title, mode, locked")
        .execute(Tuple.of(docId, tavoloId, title))
        .compose(rows -> also.run(tx, tavoloId, docId).map(x -> DocumentInfo.from(rows.iterator().next()))));
  }

  private Future<List<TavoloView>> withDocuments(RowSet<Row> tavoli) {
    Map<UUID, Row> byId = new LinkedHashMap<>();
    for (Row r : tavoli) byId.put(r.getUUID("id"), r);
    if (byId.isEmpty()) return Future.succeededFuture(List.of());
    return pool.preparedQuery("select id, tavolo_id, title, mode, locked from documents where tavolo_id = any($1) and purpose = 'draft' order by created_at, id")
        .execute(Tuple.of(byId.keySet().toArray(new UUID[0])))
        .map(docRows -> {
          Map<UUID, List<DocumentInfo>> docs = new LinkedHashMap<>();
          for (Row d : docRows) docs.computeIfAbsent(d.getUUID("tavolo_id"), k -> new ArrayList<>()).add(DocumentInfo.from(d));
          List<TavoloView> out = new ArrayList<>();
          for (Row r : byId.values()) {
            out.add(new TavoloView(r.getUUID("id"), r.getString("title"), r.getString("avviso"),
                r.getString("ente_proponente"), r.getString("ambito"), r.getString("phase"),
                Role.parse(r.getString("role")).orElseThrow(), r.getOffsetDateTime("created_at"),
                List.copyOf(docs.getOrDefault(r.getUUID("id"), List.of()))));
          }
          return out;
        });
  }
}
