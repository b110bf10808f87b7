package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The table {@code seduta_verbali}: a closed seduta's verbale, one column pair (file, sha256)
 * per format. Column names come from the formats' own names, never from a request. Stateless.
 */
final class VerbaleStore {
  private final Pool pool;

  VerbaleStore(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Verbali.Meta>> meta(UUID sedutaId, List<VerbaleFormat> formats) {
    StringBuilder cols = new StringBuilder("generated_at");
    for (VerbaleFormat f : formats) {
      cols.append(", ").append(f.name()).append("_sha256, length(").append(f.name()).append(") as ").append(f.name()).append("_bytes");
    }
    return pool.preparedQuery("select " + cols + " from seduta_verbali where seduta_id = $1").execute(Tuple.of(sedutaId))
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

  Future<Verbali.File> file(UUID sedutaId, VerbaleFormat format) {
    return pool.preparedQuery("select " + format.name() + ", " + format.name()
            + "_sha256 from seduta_verbali where seduta_id = $1").execute(Tuple.of(sedutaId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Verbali.File(format, r.getBuffer(format.name()).getBytes(), r.getString(format.name() + "_sha256"));
        });
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
    return pool.preparedQuery("insert into seduta_verbali (" + cols + ") values (" + vals + ") on conflict (seduta_id) do nothing")
        .execute(Tuple.from(args)).mapEmpty();
  }
}
