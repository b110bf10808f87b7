package it.tavolo.live.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.live.LiveListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shared tables of the processes on one database (V9: live_processes, live_connections):
 * each process's lease, and who is connected to which document through which process.
 * Stateless; safe from any thread.
 */
final class ClusterStore {
  /** A connection as another process listed it, with its client's latest stored presence (or null). */
  record Listed(String processId, LiveListener.Connection connection, String presence) {
  }

  /** A client in a document. */
  record ClientAt(UUID doc, String clientId) {
  }

  private static final String COLUMNS = "c.process_id, c.id, c.doc_id, c.tavolo_id, c.user_id, c.client_id, c.name, "
      + "c.org_id, c.org_name, c.side, c.role, c.presence";
  /** Only processes whose lease runs: a dead one's rows wait for the sweep but are not shown. */
  private static final String ALIVE = "join live_processes p on p.id = c.process_id "
      + "and p.seen_at > now() - make_interval(secs => $3)";

  private final Pool pool;

  ClusterStore(Pool pool) {
    this.pool = pool;
  }

  /** A message sent by reference: to a user's ({@code u}) or a document's ({@code d}) connections. */
  record Stored(char target, UUID targetId, String message) {
  }

  /**
   * Stores a message too large for a NOTIFY under {@code id} (V21 cluster_messages), after
   * deleting those older than {@code keepSeconds}: the others read it within a NOTIFY's time.
   */
  Future<Void> storeMessage(UUID id, char target, UUID targetId, String message, int keepSeconds) {
    return pool.preparedQuery("delete from cluster_messages where created_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of(keepSeconds))
        .compose(x -> pool.preparedQuery("insert into cluster_messages (id, target, target_id, message) values ($1, $2, $3, $4)")
            .execute(Tuple.of(id, String.valueOf(target), targetId, message)))
        .mapEmpty();
  }

  /** A stored message, or null once it is gone (deleted as too old). */
  Future<Stored> message(UUID id) {
    return pool.preparedQuery("select target, target_id, message from cluster_messages where id = $1")
        .execute(Tuple.of(id)).map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Stored(r.getString("target").charAt(0), r.getUUID("target_id"), r.getString("message"));
        });
  }

  Future<Void> register(String process) {
    return pool.preparedQuery("insert into live_processes (id) values ($1) on conflict (id) do update set seen_at = now()")
        .execute(Tuple.of(process)).mapEmpty();
  }

  /** Renews the lease; false when the row is gone (the others took this process for dead). */
  Future<Boolean> renew(String process) {
    return pool.preparedQuery("update live_processes set seen_at = now() where id = $1")
        .execute(Tuple.of(process)).map(r -> r.rowCount() == 1);
  }

  /** A dead process's lease and connections: what the sweep took, for the register. */
  record Swept(List<String> processes, List<LiveListener.Connection> connections) {
  }

  /**
   * Deletes the other processes whose lease ran out more than {@code leaseSeconds} ago, and
   * their connections, in one transaction; row locks make sure only one sweeper gets each.
   */
  Future<Swept> sweep(double leaseSeconds, String self) {
    return pool.withTransaction(tx -> tx.preparedQuery(
            "delete from live_processes where seen_at < now() - make_interval(secs => $1) and id <> $2 returning id")
        .execute(Tuple.of(leaseSeconds, self))
        .compose(rows -> {
          List<String> gone = new ArrayList<>();
          rows.forEach(r -> gone.add(r.getString("id")));
          if (gone.isEmpty()) {
            return Future.succeededFuture(new Swept(List.of(), List.of()));
          }
          return tx.preparedQuery("delete from live_connections c where c.process_id = any($1) returning " + COLUMNS)
              .execute(Tuple.tuple().addArrayOfString(gone.toArray(new String[0])))
              .map(conns -> {
                List<LiveListener.Connection> out = new ArrayList<>();
                conns.forEach(r -> out.add(connection(r)));
                return new Swept(gone, out);
              });
        }));
  }

  /** A NOTIFY on one of the cluster's channels (bound parameters; the payload fits NOTIFY's limit). */
  Future<Void> notify(String channel, String payload) {
    return pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(channel, payload)).mapEmpty();
  }

  /** Leaving the cluster on a graceful stop. */
  Future<Void> deregister(String process) {
    return pool.withTransaction(tx -> tx.preparedQuery("delete from live_connections where process_id = $1")
        .execute(Tuple.of(process))
        .compose(x -> tx.preparedQuery("delete from live_processes where id = $1").execute(Tuple.of(process)))
        .mapEmpty());
  }

  /**
   * One round of this process's changes, in one transaction: connections that left, connections
   * that joined, and the latest presence of clients (→ their presence message).
   */
  Future<Void> write(String process, List<String> left, List<LiveListener.Connection> joined,
                     Map<ClientAt, String> presence) {
    return pool.withTransaction(tx -> {
      Future<?> f = Future.succeededFuture();
      if (!left.isEmpty()) {
        f = f.compose(x -> tx.preparedQuery("delete from live_connections where process_id = $1 and id = any($2)")
            .execute(Tuple.tuple().addString(process).addArrayOfString(left.toArray(new String[0]))));
      }
      if (!joined.isEmpty()) {
        List<Tuple> rows = new ArrayList<>(joined.size());
        for (LiveListener.Connection c : joined) {
          rows.add(Tuple.from(new Object[] {process, c.id(), c.docId(), c.tavoloId(), c.userId(), c.clientId(),
              c.name(), c.orgId(), c.orgName(), c.side(), c.role()}));
        }
        f = f.compose(x -> tx.preparedQuery("""
                insert into live_connections (process_id, id, doc_id, tavolo_id, user_id, client_id, name, org_id,
                                              org_name, side, role)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                on conflict (process_id, id) do nothing""")
            .executeBatch(rows));
      }
      if (!presence.isEmpty()) {
        List<Tuple> rows = new ArrayList<>(presence.size());
        presence.forEach((k, msg) -> rows.add(Tuple.of(process, k.doc(), k.clientId(), msg)));
        f = f.compose(x -> tx.preparedQuery(
                "update live_connections set presence = $4 where process_id = $1 and doc_id = $2 and client_id = $3")
            .executeBatch(rows));
      }
      return f.mapEmpty();
    });
  }

  /** The connections of the other live processes to a document. */
  Future<List<Listed>> atDocument(UUID docId, String process, double leaseSeconds) {
    return listed("where c.doc_id = $1 and c.process_id <> $2", docId, process, leaseSeconds);
  }

  /** The connections of the other live processes to a tavolo's documents. */
  Future<List<Listed>> atTavolo(UUID tavoloId, String process, double leaseSeconds) {
    return listed("where c.tavolo_id = $1 and c.process_id <> $2", tavoloId, process, leaseSeconds);
  }

  private Future<List<Listed>> listed(String where, UUID id, String process, double leaseSeconds) {
    return pool.preparedQuery("select " + COLUMNS + " from live_connections c " + ALIVE + " " + where
            + " order by c.joined_at, c.id")
        .execute(Tuple.of(id, process, leaseSeconds))
        .map(rows -> {
          List<Listed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Listed(r.getString("process_id"), connection(r), r.getString("presence"))));
          return out;
        });
  }

  private static LiveListener.Connection connection(Row r) {
    return new LiveListener.Connection(r.getString("id"), r.getUUID("doc_id"), r.getUUID("tavolo_id"),
        r.getUUID("user_id"), r.getString("name"), r.getUUID("org_id"), r.getString("org_name"), r.getString("side"),
        r.getString("role"), null, r.getString("client_id"));
  }
}
