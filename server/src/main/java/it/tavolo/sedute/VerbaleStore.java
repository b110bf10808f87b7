package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tables {@code seduta_verbali} and {@code seduta_verbale_approvals}: a closed seduta's
 * verbale and its approved copy, one column pair (file, sha256) per format. Column names come
 * from the formats' own names, never from a request. Also the few history reads the verbale's
 * "what changed" needs (op log and version seqs, the organisations a tavolo may name). Stateless.
 */
final class VerbaleStore {
  private static final String GENERATED = "seduta_verbali";
  private static final String APPROVED = "seduta_verbale_approvals";

  private final Pool pool;

  VerbaleStore(Pool pool) {
    this.pool = pool;
  }

  /** The generated verbale's files: their digests and sizes, without their bytes (empty before it is generated). */
  Future<Optional<Verbali.Meta>> meta(UUID sedutaId, List<VerbaleFormat> formats) {
    return metaOf(GENERATED, "generated_at", sedutaId, formats);
  }

  /** One generated file with its digest; the verbale must have been generated. */
  Future<Verbali.File> file(UUID sedutaId, VerbaleFormat format) {
    return fileOf(GENERATED, sedutaId, format).map(Optional::orElseThrow);
  }

  /** Two requests racing to generate: the first one's files stay. */
  Future<Void> insert(UUID sedutaId, JsonObject content, List<Verbali.File> files) {
    StringBuilder cols = new StringBuilder("seduta_id, content");
    StringBuilder vals = new StringBuilder("$1, $2");
    List<Object> args = new ArrayList<>(List.of(sedutaId, content));
    for (Verbali.File f : files) {
      cols.append(", ").append(f.format().name()).append(", ").append(f.format().name()).append("_sha256");
      vals.append(", $").append(args.size() + 1).append(", $").append(args.size() + 2);
      args.add(Buffer.buffer(f.bytes()));
      args.add(f.sha256());
    }
    return pool.preparedQuery("insert into " + GENERATED + " (" + cols + ") values (" + vals + ") on conflict (seduta_id) do nothing")
        .execute(Tuple.from(args)).mapEmpty();
  }

  /** The approved copy's files, as {@link #meta} describes the generated ones. */
  Future<Optional<Verbali.Meta>> approvedMeta(UUID sedutaId, List<VerbaleFormat> formats) {
    return metaOf(APPROVED, "approved_at", sedutaId, formats);
  }

  Future<Optional<Verbali.File>> approvedFile(UUID sedutaId, VerbaleFormat format) {
    return fileOf(APPROVED, sedutaId, format);
  }

  /**
   * Both tables have one (file, sha256) column pair per format and one row per seduta; they
   * differ in the table and in the name of their instant. {@code table} and {@code at} are the
   * constants above, never a request's.
   */
  private Future<Optional<Verbali.Meta>> metaOf(String table, String at, UUID sedutaId, List<VerbaleFormat> formats) {
    StringBuilder cols = new StringBuilder(at).append(" as generated_at");
    for (VerbaleFormat f : formats) {
      cols.append(", ").append(f.name()).append("_sha256, length(").append(f.name()).append(") as ").append(f.name()).append("_bytes");
    }
    return pool.preparedQuery("select " + cols + " from " + table + " where seduta_id = $1").execute(Tuple.of(sedutaId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          List<Verbali.FileMeta> files = new ArrayList<>();
          for (VerbaleFormat f : formats) {
            files.add(new Verbali.FileMeta(f.name(), r.getString(f.name() + "_sha256"), r.getLong(f.name() + "_bytes")));
          }
          return Optional.of(new Verbali.Meta(SedutaHeader.instant(r, "generated_at"), files));
        });
  }

  private Future<Optional<Verbali.File>> fileOf(String table, UUID sedutaId, VerbaleFormat format) {
    return pool.preparedQuery("select " + format.name() + ", " + format.name() + "_sha256 from " + table + " where seduta_id = $1")
        .execute(Tuple.of(sedutaId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Verbali.File(format, r.getBuffer(format.name()).getBytes(), r.getString(format.name() + "_sha256")));
        });
  }

  /** The seq of the document's last consolidated version before {@code seq} (0 when none). */
  Future<Long> consolidatedBefore(UUID docId, long seq) {
    return pool.preparedQuery("select coalesce(max(seq), 0) as s from versions where doc_id = $1 and consolidated_at is not null and seq < $2")
        .execute(Tuple.of(docId, seq)).map(rows -> rows.iterator().next().getLong("s"));
  }

  /** The op log's seq of a document at an instant (0 before its first op). */
  Future<Long> seqAt(UUID doc, Instant at) {
    return pool.preparedQuery("select coalesce(max(seq), 0) as s from op_log where doc_id = $1 and committed_at <= $2")
        .execute(Tuple.of(doc, Sql.at(at))).map(rows -> rows.iterator().next().getLong("s"));
  }

  /** The organisations a tavolo's documents may name: its members' and its partners' (bounded by the tavolo). */
  Future<List<Row>> organisations(UUID tavoloId) {
    return SedutaStore.rows(pool, """
        select o.id::text as id, o.name, o.side from organisations o
        where o.id in (select u.organisation_id from tavolo_members m join users u on u.id = m.user_id where m.tavolo_id = $1)
           or o.id in (select organisation_id from tavolo_partners where tavolo_id = $1)""", Tuple.of(tavoloId));
  }
}
