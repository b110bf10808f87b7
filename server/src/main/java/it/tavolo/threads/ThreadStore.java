package it.tavolo.threads;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import it.tavolo.core.anchor.Anchor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Threads, their comments and mentions (SQL only here). Stateless: safe from any thread. */
final class ThreadStore {
  private static final String SELECT = """
      select t.id, t.doc_id, t.coll, t.entity_id, t.field, t.start_pos, t.end_pos, t.quote, t.live, t.anchor_seq,
             t.status, t.created_by, cu.display_name as created_by_name, t.created_at, t.resolved_by,
             ru.display_name as resolved_by_name, t.resolved_at,
             (select count(*) from thread_comments c where c.thread_id = t.id) as comments
      from threads t
      join users cu on cu.id = t.created_by
      left join users ru on ru.id = t.resolved_by
      """;

  private final Pool pool;

  ThreadStore(Pool pool) {
    this.pool = pool;
  }

  record Person(UUID id, String name) {}

  record ThreadRow(UUID id, UUID doc, Anchor anchor, long anchorSeq, String status, Person createdBy,
                   OffsetDateTime createdAt, Person resolvedBy, OffsetDateTime resolvedAt, long comments) {}

  record CommentRow(UUID id, UUID threadId, Person author, String body, OffsetDateTime createdAt,
                    List<Person> mentions) {}

  /** Serialises the creation of threads in one document (their count is limited). */
  Future<Long> lockDocumentAndCount(SqlClient tx, UUID doc) {
    return tx.preparedQuery("select id from documents where id = $1 for update").execute(Tuple.of(doc))
        .compose(x -> tx.preparedQuery("select count(*) as n from threads where doc_id = $1").execute(Tuple.of(doc)))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  Future<Void> insertThread(SqlClient tx, UUID id, UUID doc, Anchor a, long seq, UUID author) {
    return tx.preparedQuery("""
            insert into threads (id, doc_id, coll, entity_id, field, start_pos, end_pos, quote, live, anchor_seq, created_by)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""")
        .execute(Tuple.tuple().addValue(id).addValue(doc).addValue(a.coll()).addValue(a.id()).addValue(a.field())
            .addValue(a.start()).addValue(a.end()).addValue(a.quote()).addValue(a.live()).addValue(seq).addValue(author))
        .mapEmpty();
  }

  Future<Void> insertComment(SqlClient tx, UUID id, UUID thread, UUID author, String body, List<UUID> mentions) {
    Future<Void> comment = tx.preparedQuery("insert into thread_comments (id, thread_id, author, body) values ($1, $2, $3, $4)")
        .execute(Tuple.of(id, thread, author, body)).mapEmpty();
    if (mentions.isEmpty()) {
      return comment;
    }
    return comment.compose(x -> tx.preparedQuery(
            "insert into thread_mentions (comment_id, user_id) select $1, m from unnest($2::uuid[]) as m")
        .execute(Tuple.tuple().addValue(id).addValue(mentions.toArray(new UUID[0]))).mapEmpty());
  }

  /** The tavolo's members (any role), by email: who may be mentioned and may read threads. */
  Future<Map<String, UUID>> membersByEmail(SqlClient tx, UUID tavolo) {
    return tx.preparedQuery("select u.email, u.id from tavolo_members m join users u on u.id = m.user_id where m.tavolo_id = $1")
        .execute(Tuple.of(tavolo))
        .map(rows -> {
          Map<String, UUID> out = new HashMap<>();
          for (Row r : rows) out.put(r.getString("email"), r.getUUID("id"));
          return out;
        });
  }

  /** Everyone in a thread: who started it, who commented in it, who was mentioned in it. */
  Future<Set<UUID>> participants(SqlClient tx, UUID thread) {
    return tx.preparedQuery("""
            select created_by as u from threads where id = $1
            union select author from thread_comments where thread_id = $1
            union select m.user_id from thread_mentions m join thread_comments c on c.id = m.comment_id
                  where c.thread_id = $1""")
        .execute(Tuple.of(thread))
        .map(rows -> {
          Set<UUID> out = new LinkedHashSet<>();
          for (Row r : rows) out.add(r.getUUID("u"));
          return out;
        });
  }

  /** One thread of a document, locked for the rest of the transaction. */
  Future<Optional<ThreadRow>> lock(SqlClient tx, UUID doc, UUID thread) {
    return tx.preparedQuery("select id from threads where id = $1 and doc_id = $2 for update").execute(Tuple.of(thread, doc))
        .compose(x -> get(tx, doc, thread));
  }

  Future<Optional<ThreadRow>> get(SqlClient c, UUID doc, UUID thread) {
    return c.preparedQuery(SELECT + "where t.id = $1 and t.doc_id = $2").execute(Tuple.of(thread, doc))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(thread(rows.iterator().next())));
  }

  Future<Boolean> setStatus(SqlClient tx, UUID thread, String status, UUID by) {
    boolean resolved = "resolved".equals(status);
    return tx.preparedQuery("""
            update threads set status = $2, resolved_by = $3, resolved_at = case when $4 then now() end
            where id = $1 and status <> $2""")
        .execute(Tuple.of(thread, status, resolved ? by : null, resolved))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * A document's threads, oldest first: {@code status} open/resolved or null for both; {@code
   * mine} only those {@code user} started or commented in; {@code mentioning} only those with
   * a comment that mentions {@code user}.
   */
  Future<List<ThreadRow>> list(UUID doc, String status, UUID user, boolean mine, boolean mentioning) {
    return pool.preparedQuery(SELECT + """
            where t.doc_id = $1 and ($2::text is null or t.status = $2)
              and (not $4 or t.created_by = $3
                   or exists (select 1 from thread_comments c where c.thread_id = t.id and c.author = $3))
              and (not $5 or exists (select 1 from thread_mentions m join thread_comments c on c.id = m.comment_id
                                     where c.thread_id = t.id and m.user_id = $3))
            order by t.created_at, t.id""")
        .execute(Tuple.of(doc, status, user, mine, mentioning))
        .map(rows -> {
          List<ThreadRow> out = new ArrayList<>();
          for (Row r : rows) out.add(thread(r));
          return out;
        });
  }

  /** A thread's comments, oldest first, with who each mentions. */
  Future<List<CommentRow>> comments(SqlClient c, UUID thread) {
    return commentsOf(c, "c.thread_id = $1", Tuple.of(thread));
  }

  /** The first and the last comment of each of these threads. */
  Future<List<CommentRow>> firstAndLast(List<UUID> threads) {
    if (threads.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return commentsOf(pool, """
        c.id in (select (array_agg(x.id order by x.created_at, x.id))[1] from thread_comments x
                 where x.thread_id = any($1) group by x.thread_id
                 union
                 select (array_agg(x.id order by x.created_at desc, x.id desc))[1] from thread_comments x
                 where x.thread_id = any($1) group by x.thread_id)""", Tuple.tuple().addValue(threads.toArray(new UUID[0])));
  }

  private Future<List<CommentRow>> commentsOf(SqlClient c, String where, Tuple args) {
    return c.preparedQuery("""
            select c.id, c.thread_id, c.author, u.display_name, c.body, c.created_at,
                   coalesce((select json_agg(json_build_object('id', m.user_id, 'name', mu.display_name)
                                             order by mu.display_name)::text
                             from thread_mentions m join users mu on mu.id = m.user_id
                             where m.comment_id = c.id), '[]') as mentions
            from thread_comments c join users u on u.id = c.author
            where""" + " " + where + " order by c.created_at, c.id")
        .execute(args)
        .map(rows -> {
          List<CommentRow> out = new ArrayList<>();
          for (Row r : rows) {
            List<Person> mentions = new ArrayList<>();
            for (Object o : new io.vertx.core.json.JsonArray(r.getString("mentions"))) {
              io.vertx.core.json.JsonObject m = (io.vertx.core.json.JsonObject) o;
              mentions.add(new Person(UUID.fromString(m.getString("id")), m.getString("name")));
            }
            out.add(new CommentRow(r.getUUID("id"), r.getUUID("thread_id"),
                new Person(r.getUUID("author"), r.getString("display_name")), r.getString("body"),
                r.getOffsetDateTime("created_at"), mentions));
          }
          return out;
        });
  }

  /**
   * Stores an anchor carried to {@code seq}, unless another reader stored one meanwhile (it is
   * the same one: the carrying is deterministic).
   */
  Future<Void> moveAnchor(UUID thread, long fromSeq, Anchor a, long seq) {
    return pool.preparedQuery("""
            update threads set start_pos = $3, end_pos = $4, quote = $5, live = $6, anchor_seq = $7
            where id = $1 and anchor_seq = $2""")
        .execute(Tuple.tuple().addValue(thread).addValue(fromSeq).addValue(a.start()).addValue(a.end())
            .addValue(a.quote()).addValue(a.live()).addValue(seq))
        .mapEmpty();
  }

  /** The counts of comments per thread are small; a thread's own count, in a transaction. */
  Future<Long> commentCount(SqlClient tx, UUID thread) {
    return tx.preparedQuery("select count(*) as n from thread_comments where thread_id = $1").execute(Tuple.of(thread))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  private static ThreadRow thread(Row r) {
    String field = r.getString("field");
    Anchor a = new Anchor(r.getString("coll"), r.getString("entity_id"), field, r.getInteger("start_pos"),
        r.getInteger("end_pos"), r.getString("quote"), r.getBoolean("live"));
    UUID resolvedBy = r.getUUID("resolved_by");
    return new ThreadRow(r.getUUID("id"), r.getUUID("doc_id"), a, r.getLong("anchor_seq"), r.getString("status"),
        new Person(r.getUUID("created_by"), r.getString("created_by_name")), r.getOffsetDateTime("created_at"),
        resolvedBy == null ? null : new Person(resolvedBy, r.getString("resolved_by_name")), r.getOffsetDateTime("resolved_at"),
        r.getLong("comments"));
  }

  static Map<UUID, List<CommentRow>> byThread(List<CommentRow> comments) {
    Map<UUID, List<CommentRow>> out = new LinkedHashMap<>();
    for (CommentRow c : comments) out.computeIfAbsent(c.threadId(), k -> new ArrayList<>()).add(c);
    return out;
  }
}
