package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Integrations, their supports and comments (SQL only here). */
public final class IntegrationStore {
  private static final String SELECT = """
      select i.id, i.doc_id, i.tavolo_id, i.proposer, pu.display_name as proposer_name, i.proposer_org,
             po.name as proposer_org_name, i.proposer_side, i.status, i.base_seq, i.ops::text as ops,
             i.targets::text as targets, i.rationale, i.revision, i.created_at, i.updated_at, i.decided_by,
             du.display_name as decided_by_name, i.decided_at, i.decision_reason, i.applied_seq,
             i.conflict::text as conflict,
             (select count(*) from integration_supports s where s.integration_id = i.id) as supports,
             (select count(*) from integration_comments c where c.integration_id = i.id) as comments,
             coalesce((select json_agg(o.id::text order by o.id) from organisations o where o.id = any(i.owners)),
                      '[]')::text as owners,
             coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name, o.id)
                         from organisations o
                        where o.id = any(i.owners) and o.id <> i.proposer_org
                          and exists (select 1 from users u join tavolo_members m on m.user_id = u.id
                                       where m.tavolo_id = i.tavolo_id and u.organisation_id = o.id)
                          and not exists (select 1 from integration_confirmations c
                                           where c.integration_id = i.id and c.organisation_id = o.id
                                             and c.revision = i.revision)), '[]')::text as awaiting,
             coalesce((select json_agg(json_build_object(
                                'organisation', json_build_object('id', o.id, 'name', o.name),
                                'by', json_build_object('id', u.id, 'name', u.display_name),
                                'at', to_char(c.confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                'revision', c.revision) order by c.confirmed_at, o.id)
                         from integration_confirmations c join organisations o on o.id = c.organisation_id
                         join users u on u.id = c.confirmed_by
                        where c.integration_id = i.id and c.revision = i.revision), '[]')::text as confirmations
      from integrations i
      join users pu on pu.id = i.proposer
      join organisations po on po.id = i.proposer_org
      left join users du on du.id = i.decided_by
      """;

  private final Pool pool;

  public IntegrationStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public record NewIntegration(UUID id, UUID docId, UUID tavoloId, UUID proposer, long baseSeq, String opsJson,
                               String targetsJson, String rationale, String clientId, Long clientSeq,
                               UUID[] owners) {}

  /** Inserts; the proposer's organisation and side are copied from their account now. */
  public Future<Void> insert(SqlClient tx, NewIntegration n) {
    return tx.preparedQuery("""
            insert into integrations (id, doc_id, tavolo_id, proposer, proposer_org, proposer_side, base_seq, ops,
                                      targets, rationale, client_id, client_seq, owners)
            select $1, $2, $3, u.id, o.id, o.side, $5, $6::text::jsonb, $7::text::jsonb, $8, $9, $10, $11
            from users u join organisations o on o.id = u.organisation_id where u.id = $4""")
        .execute(Tuple.tuple().addValue(n.id()).addValue(n.docId()).addValue(n.tavoloId()).addValue(n.proposer())
            .addValue(n.baseSeq()).addValue(n.opsJson()).addValue(n.targetsJson()).addValue(n.rationale())
            .addValue(n.clientId()).addValue(n.clientSeq()).addValue(n.owners()))
        .mapEmpty();
  }

  /** The integration a live submit became, if that (client, clientSeq) was already proposed. */
  /** An integration a live submit became: its id and who proposed it. */
  public record ByClient(UUID id, UUID proposer) {
  }

  public Future<Optional<ByClient>> byClient(UUID docId, String clientId, long clientSeq) {
    return pool.preparedQuery("select id, proposer from integrations where doc_id = $1 and client_id = $2 and client_seq = $3")
        .execute(Tuple.of(docId, clientId, clientSeq))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new ByClient(rows.iterator().next().getUUID("id"), rows.iterator().next().getUUID("proposer"))));
  }

  public Future<Optional<Integration>> get(SqlClient c, UUID docId, UUID id, boolean forUpdate) {
    Future<?> lock = forUpdate
        ? c.preparedQuery("select 1 from integrations where id = $1 for update").execute(Tuple.of(id))
        : Future.succeededFuture();
    return lock.compose(x -> c.preparedQuery(SELECT + "where i.id = $1 and i.doc_id = $2").execute(Tuple.of(id, docId)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
  }

  public Future<List<Integration>> list(UUID docId, String status) {
    String where = status == null ? "where i.doc_id = $1 " : "where i.doc_id = $1 and i.status = $2 ";
    Tuple args = status == null ? Tuple.of(docId) : Tuple.of(docId, status);
    return pool.preparedQuery(SELECT + where + "order by i.created_at, i.id").execute(args).map(IntegrationStore::all);
  }

  /** Accepted integrations applied at or before {@code seq}, in seq order (for an export's annex). */
  public Future<List<Integration>> acceptedUpTo(UUID docId, long seq) {
    return pool.preparedQuery(SELECT + "where i.doc_id = $1 and i.status = 'accepted' and i.applied_seq <= $2 "
            + "order by i.applied_seq").execute(Tuple.of(docId, seq)).map(IntegrationStore::all);
  }

  public Future<Void> amend(SqlClient tx, UUID id, long baseSeq, String opsJson, String targetsJson, String rationale,
                            UUID[] owners) {
    return tx.preparedQuery("update integrations set base_seq = $2, ops = $3::text::jsonb, targets = $4::text::jsonb, "
            + "rationale = $5, revision = revision + 1, conflict = null, updated_at = now(), owners = $6 where id = $1")
        .execute(Tuple.of(id, baseSeq, opsJson, targetsJson, rationale, owners)).mapEmpty();
  }

  /**
   * Records that a member ({@code user}) of {@code organisation} confirmed revision {@code
   * revision}; false when that organisation had already confirmed it.
   */
  public Future<Boolean> confirm(SqlClient tx, UUID id, UUID organisation, int revision, UUID user) {
    return tx.preparedQuery("insert into integration_confirmations (integration_id, organisation_id, revision, confirmed_by) "
            + "values ($1, $2, $3, $4) on conflict do nothing")
        .execute(Tuple.of(id, organisation, revision, user)).map(r -> r.rowCount() == 1);
  }

  /** The organisation of an account (null for none). */
  public Future<UUID> organisationOf(UUID user) {
    return pool.preparedQuery("select organisation_id from users where id = $1").execute(Tuple.of(user))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
  }

  /**
   * The members of {@code tavolo} whose organisation is one of {@code owners} but not the
   * proposer's own (the proposer's organisation needs no confirmation): who must confirm.
   */
  public Future<List<UUID>> ownerMembers(SqlClient tx, UUID tavolo, UUID[] owners, UUID proposer) {
    if (owners == null || owners.length == 0) return Future.succeededFuture(List.of());
    return tx.preparedQuery("""
            select u.id from users u join tavolo_members m on m.user_id = u.id
             where m.tavolo_id = $1 and u.organisation_id = any($2) and u.id <> $3
               and u.organisation_id is distinct from (select p.organisation_id from users p where p.id = $3)
             order by u.id""")
        .execute(Tuple.of(tavolo, owners, proposer)).map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID(0)));
          return ids;
        });
  }

  /**
   * Of {@code owners}, the organisations other than {@code ownOrg} (null: none) with people at
   * {@code tavolo}, as {@code {id,name}} by name: exactly those an integration's {@code awaiting}
   * would ask to confirm (a partner with no one at the tavolo needs no confirmation).
   */
  public Future<List<java.util.Map<String, Object>>> confirmingOwners(UUID tavolo, UUID[] owners, UUID ownOrg) {
    if (owners.length == 0) return Future.succeededFuture(List.of());
    return pool.preparedQuery("""
            select o.id, o.name from organisations o
             where o.id = any($2) and o.id is distinct from $3
               and exists (select 1 from users u join tavolo_members m on m.user_id = u.id
                            where m.tavolo_id = $1 and u.organisation_id = o.id)
             order by o.name, o.id""")
        .execute(Tuple.of(tavolo, owners, ownOrg)).map(rows -> {
          List<java.util.Map<String, Object>> out = new ArrayList<>();
          rows.forEach(row -> out.add(java.util.Map.of("id", row.getUUID("id").toString(), "name", row.getString("name"))));
          return out;
        });
  }

  /** Moves to a final or intermediate status; {@code fromStatus} guards against a concurrent decision. */
  public Future<Boolean> decide(SqlClient tx, UUID id, List<String> fromStatus, String status, UUID decider,
                                String reason, Long appliedSeq) {
    return tx.preparedQuery("update integrations set status = $2, decided_by = $3, decided_at = $4, decision_reason = $5, "
            + "applied_seq = $6, updated_at = now(), conflict = case when $2 = 'accepted' then null else conflict end "
            + "where id = $1 and status = any($7)")
        .execute(Tuple.tuple().addValue(id).addValue(status).addValue(decider).addValue(OffsetDateTime.now())
            .addValue(reason).addValue(appliedSeq).addValue(fromStatus.toArray(new String[0])))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Back to open after a failed acceptance, with the reason it could not be applied. */
  public Future<Void> reopen(UUID id, JsonObject conflict) {
    return pool.preparedQuery("update integrations set status = 'open', decided_by = null, decided_at = null, "
            + "conflict = $2::text::jsonb, updated_at = now() where id = $1 and status = 'applying'")
        .execute(Tuple.of(id, conflict == null ? null : conflict.encode())).mapEmpty();
  }

  public Future<Boolean> support(UUID id, UUID user, boolean on) {
    String sql = on
        ? "insert into integration_supports (integration_id, user_id) values ($1, $2) on conflict do nothing"
        : "delete from integration_supports where integration_id = $1 and user_id = $2";
    return pool.preparedQuery(sql).execute(Tuple.of(id, user)).map(r -> r.rowCount() == 1);
  }

  public Future<JsonArray> supporters(UUID id) {
    return pool.preparedQuery("""
            select s.user_id, u.display_name, o.id as org_id, o.name as org_name, o.side, s.created_at
            from integration_supports s join users u on u.id = s.user_id join organisations o on o.id = u.organisation_id
            where s.integration_id = $1 order by s.created_at, s.user_id""")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray a = new JsonArray();
          for (Row r : rows) {
            a.add(new JsonObject().put("user", r.getUUID("user_id").toString()).put("name", r.getString("display_name"))
                .put("organisation", new JsonObject().put("id", r.getUUID("org_id").toString())
                    .put("name", r.getString("org_name")))
                .put("side", r.getString("side")).put("at", r.getOffsetDateTime("created_at").toInstant().toString()));
          }
          return a;
        });
  }

  public Future<JsonObject> comment(UUID id, UUID author, String body) {
    return pool.withTransaction(tx -> comment(tx, id, author, body, (t, c) -> Future.succeededFuture()));
  }

  /** Adds a comment in {@code tx}, then runs {@code also} in it (the proposer's notification). */
  public Future<JsonObject> comment(io.vertx.sqlclient.SqlConnection tx, UUID id, UUID author, String body,
                                    java.util.function.BiFunction<io.vertx.sqlclient.SqlConnection, UUID, Future<?>> also) {
    UUID commentId = UUID.randomUUID();
    return tx.preparedQuery("insert into integration_comments (id, integration_id, author, body) values ($1, $2, $3, $4) "
            + "returning created_at")
        .execute(Tuple.of(commentId, id, author, body))
        .compose(x -> also.apply(tx, commentId))
        .compose(x -> comments(tx, id))
        .map(all -> {
          for (Object o : all) {
            JsonObject c = (JsonObject) o;
            if (commentId.toString().equals(c.getString("id"))) return c;
          }
          throw new IllegalStateException("comment not found after insert");
        });
  }

  public Future<JsonArray> comments(UUID id) {
    return comments(pool, id);
  }

  Future<JsonArray> comments(io.vertx.sqlclient.SqlClient c, UUID id) {
    return c.preparedQuery("""
            select c.id, c.author, u.display_name, o.name as org_name, c.body, c.created_at
            from integration_comments c join users u on u.id = c.author join organisations o on o.id = u.organisation_id
            where c.integration_id = $1 order by c.created_at, c.id""")
        .execute(Tuple.of(id))
        .map(rows -> {
          JsonArray a = new JsonArray();
          for (Row r : rows) {
            a.add(new JsonObject().put("id", r.getUUID("id").toString())
                .put("author", new JsonObject().put("id", r.getUUID("author").toString())
                    .put("name", r.getString("display_name")).put("organisation", r.getString("org_name")))
                .put("body", r.getString("body")).put("at", r.getOffsetDateTime("created_at").toInstant().toString()));
          }
          return a;
        });
  }

  /** Per organisation of the proposers: how many integrations were proposed, and how each ended. */
  public Future<JsonArray> report(UUID docId) {
    return pool.preparedQuery("""
            select i.proposer_org, o.name, i.proposer_side,
                   count(*) as proposed,
                   count(*) filter (where i.status = 'accepted') as accepted,
                   count(*) filter (where i.status = 'rejected') as rejected,
                   count(*) filter (where i.status = 'withdrawn') as withdrawn,
                   count(*) filter (where i.status in ('open', 'applying')) as open
            from integrations i join organisations o on o.id = i.proposer_org
            where i.doc_id = $1
            group by i.proposer_org, o.name, i.proposer_side
            order by o.name, i.proposer_org""")
        .execute(Tuple.of(docId))
        .map(rows -> {
          JsonArray a = new JsonArray();
          for (Row r : rows) {
            a.add(new JsonObject().put("organisation", new JsonObject().put("id", r.getUUID("proposer_org").toString())
                    .put("name", r.getString("name")))
                .put("side", r.getString("proposer_side"))
                .put("proposed", r.getLong("proposed")).put("accepted", r.getLong("accepted"))
                .put("rejected", r.getLong("rejected")).put("withdrawn", r.getLong("withdrawn"))
                .put("open", r.getLong("open")));
          }
          return a;
        });
  }

  /** seq → integration id, for every batch of the document that applied an integration. */
  public Future<java.util.Map<Long, UUID>> seqMap(UUID docId) {
    return pool.preparedQuery("select applied_seq, id from integrations where doc_id = $1 and applied_seq is not null")
        .execute(Tuple.of(docId))
        .map(rows -> {
          java.util.Map<Long, UUID> m = new java.util.TreeMap<>();
          for (Row r : rows) m.put(r.getLong("applied_seq"), r.getUUID("id"));
          return m;
        });
  }

  private static List<Integration> all(RowSet<Row> rows) {
    List<Integration> out = new ArrayList<>(rows.size());
    for (Row r : rows) out.add(from(r));
    return out;
  }

  private static Integration from(Row r) {
    String conflict = r.getString("conflict");
    return new Integration(r.getUUID("id"), r.getUUID("doc_id"), r.getUUID("tavolo_id"), r.getUUID("proposer"),
        r.getString("proposer_name"), r.getUUID("proposer_org"), r.getString("proposer_org_name"),
        r.getString("proposer_side"), r.getString("status"), r.getLong("base_seq"), new JsonArray(r.getString("ops")),
        new JsonArray(r.getString("targets")), r.getString("rationale"), r.getInteger("revision"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getUUID("decided_by"),
        r.getString("decided_by_name"), r.getOffsetDateTime("decided_at"), r.getString("decision_reason"),
        r.getLong("applied_seq"), conflict == null ? null : new JsonObject(conflict),
        r.getLong("supports").intValue(), r.getLong("comments").intValue(),
        new JsonObject().put("owners", new JsonArray(r.getString("owners")))
            .put("awaiting", new JsonArray(r.getString("awaiting")))
            .put("confirmations", new JsonArray(r.getString("confirmations"))));
  }
}
