package it.tavolo.live.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import it.tavolo.AppContext;
import it.tavolo.config.DatabaseUrl;
import it.tavolo.db.Database;
import it.tavolo.live.document.DocumentOwners;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * More than one server process on one database, coordinated by PostgreSQL itself. The op
 * log's primary key {@code (doc_id, seq)} decides the order (a process whose insert loses
 * the race catches up and sequences again: see DocumentOwner); this class adds the push:
 * after its commits a process sends {@code NOTIFY tavolo_doc}, every process {@code LISTEN}s
 * (vertx-pg-client's {@link PgSubscriber}), and the owner of a document another process
 * advanced reads the new batches from the log and broadcasts them to its own connections.
 *
 * <p>Payload, space-separated: the sender's process id, then {@code c <doc> <seq>} (committed
 * up to seq), {@code f <doc> <mode> <locked>} (mode or lock changed), {@code m <tavolo> <user>}
 * (a membership changed), {@code r <doc>} (who is connected to it changed: {@link SharedPeople}),
 * {@code x <process>} (that process died or left), {@code b <process>} (a process taken for
 * dead renewed its lease: it had only stalled), {@code u|d <id> <message>} (a server message
 * for a user's or a document's connections) or {@code s <message id>} (one too large for a
 * NOTIFY, stored in cluster_messages) entries. Announcements
 * are coalesced: while one NOTIFY is in flight the next ones wait and go together. A
 * notification can be missed (the LISTEN connection dropped, a process died between its
 * commit and its NOTIFY): on every (re)subscription and every {@link #POLL_MILLIS} each loaded
 * document looks in the log anyway.
 */
public final class PgNotifyBus {
  private static final Logger LOG = LoggerFactory.getLogger(PgNotifyBus.class);
  static final String CHANNEL = "tavolo_doc";
  static final long POLL_MILLIS = 5_000;
  /** NOTIFY payloads must stay under 8000 bytes. */
  private static final int MAX_PAYLOAD = 7_000;

  private final Vertx vertx;
  private final Pool pool;
  private final DocumentOwners owners;
  private final PgSubscriber subscriber;
  private final String origin = UUID.randomUUID().toString().substring(0, 8);
  /** Entries to send, by kind and document: a later commit of a document replaces an earlier one. */
  private final Map<String, String> pending = new LinkedHashMap<>();
  private boolean sending;
  /** How long a message sent by reference is kept for the other processes to read. */
  static final int KEEP_STORED_SECONDS = 300;
  private final ClusterStore store;
  /** The messages being announced, in order (guarded by this object's monitor). */
  private Future<Void> outgoing = Future.succeededFuture();
  /** The other processes' messages being delivered, in order (guarded by this object's monitor). */
  private Future<Void> incoming = Future.succeededFuture();
  private long pollTimer = -1;
  private volatile boolean closed;
  private SharedPeople people;

  private PgNotifyBus(AppContext app, DocumentOwners owners, DatabaseUrl url) {
    this.vertx = app.vertx();
    this.pool = app.pool();
    this.owners = owners;
    this.store = new ClusterStore(pool);
    this.subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(url))
        .reconnectPolicy(attempt -> closed ? -1L : Math.min(5_000L, 100L * (attempt + 1)));
  }

  /**
   * Whether this server shares its database with other processes: {@code TAVOLO_CLUSTER}
   * ({@code on}/{@code off}); by default on exactly when the database is external
   * ({@code DATABASE_URL}), since the embedded one belongs to a single process.
   */
  public static boolean enabled(AppContext app, Map<String, String> env) {
    String v = env.getOrDefault("TAVOLO_CLUSTER", "").trim().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "on", "true", "1", "yes" -> true;
      case "off", "false", "0", "no" -> false;
      case "", "auto" -> !app.config().embeddedDatabase();
      default -> throw new IllegalArgumentException("TAVOLO_CLUSTER must be on, off or auto, not '" + v + "'");
    };
  }

  /** Subscribes and wires the owners' announcements; resolves once LISTEN is in place. */
  public static Future<PgNotifyBus> start(AppContext app, DocumentOwners owners, double leaseSeconds) {
    PgNotifyBus bus = new PgNotifyBus(app, owners, DatabaseUrl.parse(app.config().databaseUrl()));
    bus.people = new SharedPeople(bus.vertx, bus.pool, owners, bus, bus.origin, leaseSeconds);
    bus.people.attach();
    bus.subscriber.channel(PresenceRelay.PRESENCE_CHANNEL).handler(bus.people.relay::presenceNotice);
    bus.subscriber.channel(PresenceRelay.ANNOUNCE_CHANNEL).handler(bus.people.relay::announceNotice);
    owners.clusterHooks().onCommitted(bus::committed);
    owners.clusterHooks().onDocumentChanged((doc, flags) -> bus.announce(doc, "f " + doc + " " + flags[0] + " " + flags[1]));
    owners.clusterHooks().onMembershipChanged((tavolo, user) -> bus.announce("m " + tavolo + " " + user));
    owners.clusterHooks().onMessage(bus::message);
    bus.subscriber.channel(CHANNEL)
        .handler(bus::received)
        .subscribeHandler(v -> {
          bus.lookEverywhere();
          owners.loadedDocuments().forEach(bus.people::refresh); // notices may have been missed meanwhile
        });
    return bus.subscriber.connect().compose(v -> bus.people.start()).map(v -> {
      bus.pollTimer = bus.vertx.setPeriodic(POLL_MILLIS, t -> bus.lookEverywhere());
      LOG.info("cluster: listening on {} as process {} (lease {} s)", CHANNEL, bus.origin, leaseSeconds);
      return bus;
    });
  }

  /**
   * A server message for a user's connections ({@code u}) or a document's ({@code d}) in the
   * other processes: {@code u|d <id> <base64url of the message>}. A message too large for one
   * NOTIFY (a long comment in a {@code thread} message, a long rationale) travels by
   * reference: it is stored (V21 cluster_messages) and {@code s <message id>} is sent; each
   * process reads the row and delivers the same text. Messages are announced in the order
   * they were sent (a stored one holds back the ones after it until its row is written).
   */
  private void message(String target, String message) {
    String b64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    synchronized (this) {
      outgoing = outgoing.transform(previous -> entry(target, message, b64)).map(entry -> {
        if (entry != null) announce(entry, entry);
        return null;
      });
    }
  }

  /** The NOTIFY entry of a message: inline, or a reference to its stored row (null: it stays here). */
  private Future<String> entry(String target, String message, String b64) {
    if (b64.length() <= MAX_PAYLOAD - 100) {
      return Future.succeededFuture(target.charAt(0) + " " + target.substring(1) + " " + b64);
    }
    UUID id = UUID.randomUUID();
    return store.storeMessage(id, target.charAt(0), UUID.fromString(target.substring(1)), message, KEEP_STORED_SECONDS)
        .map(x -> "s " + id)
        .otherwise(e -> {
          LOG.warn("cluster: a message of {} bytes could not be stored for the other processes ({}); it stays in this one",
              message.length(), e.toString());
          return null;
        });
  }

  /** Delivers, in the order the entries arrived, what {@code step} yields (a stored message is read first). */
  private void inOrder(java.util.function.Supplier<Future<?>> step) {
    synchronized (this) {
      incoming = incoming.transform(previous -> {
        Future<?> f;
        try {
          f = step.get();
        } catch (RuntimeException e) {
          f = Future.failedFuture(e);
        }
        return f.<Void>mapEmpty().otherwise(e -> {
          LOG.warn("cluster: a message from another process was not delivered ({})", e.toString());
          return null;
        });
      });
    }
  }

  private void deliver(char target, UUID id, String message) {
    if (target == 'u') {
      owners.toUserHere(id, message);
    } else {
      owners.broadcast(id, message);
    }
  }

  private void committed(UUID doc, long seq) {
    announce(doc, "c " + doc + " " + seq);
  }

  /** Queues an entry (the latest per document wins) and sends unless a NOTIFY is in flight. */
  private void announce(UUID doc, String entry) {
    announce(entry.charAt(0) + doc.toString(), entry);
  }

  private void announce(String entry) {
    announce(entry, entry); // every membership change counts, none replaces another
  }

  void announce(String key, String entry) {
    synchronized (this) {
      pending.put(key, entry);
      if (sending) {
        return;
      }
      sending = true;
    }
    sendPending();
  }

  private void sendPending() {
    StringBuilder payload = new StringBuilder(origin);
    synchronized (this) {
      var it = pending.values().iterator();
      while (it.hasNext() && payload.length() < MAX_PAYLOAD) {
        String next = it.next();
        if (payload.length() > origin.length() && payload.length() + next.length() > MAX_PAYLOAD + 900) {
          break; // a large message entry waits for the next NOTIFY: a payload stays under 8000 bytes
        }
        payload.append(' ').append(next);
        it.remove();
      }
    }
    pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload.toString()))
        .onComplete(ar -> {
          if (ar.failed() && !closed) {
            LOG.warn("cluster: NOTIFY failed ({}); other processes will find the batches by polling", ar.cause().toString());
          }
          boolean more;
          synchronized (this) {
            more = !pending.isEmpty() && !closed;
            sending = more;
          }
          if (more) {
            sendPending();
          }
        });
  }

  private void received(String payload) {
    String[] f = payload.split(" ");
    if (f.length == 0 || f[0].equals(origin)) {
      return; // our own
    }
    try {
      for (int i = 1; i < f.length; ) {
        if (f[i].equals("c") && i + 2 < f.length) {
          owners.clusterHooks().advancedElsewhere(UUID.fromString(f[i + 1]), Long.parseLong(f[i + 2]));
          i += 3;
        } else if ((f[i].equals("u") || f[i].equals("d")) && i + 2 < f.length) {
          String message = new String(java.util.Base64.getUrlDecoder().decode(f[i + 2]), java.nio.charset.StandardCharsets.UTF_8);
          char target = f[i].charAt(0);
          UUID id = UUID.fromString(f[i + 1]);
          inOrder(() -> {
            deliver(target, id, message);
            return Future.succeededFuture();
          });
          i += 3;
        } else if (f[i].equals("s") && i + 1 < f.length) {
          UUID id = UUID.fromString(f[i + 1]);
          inOrder(() -> store.message(id).map(m -> {
            if (m == null) {
              LOG.warn("cluster: message {} from another process was already gone", id);
            } else {
              deliver(m.target(), m.targetId(), m.message());
            }
            return null;
          }));
          i += 2;
        } else if (f[i].equals("m") && i + 2 < f.length) {
          owners.clusterHooks().membershipChangedElsewhere(UUID.fromString(f[i + 1]), UUID.fromString(f[i + 2]));
          i += 3;
        } else if (f[i].equals("r") && i + 1 < f.length) {
          people.refresh(UUID.fromString(f[i + 1]));
          i += 2;
        } else if (f[i].equals("b") && i + 1 < f.length) {
          people.back(f[i + 1]);
          i += 2;
        } else if (f[i].equals("x") && i + 1 < f.length) {
          people.gone(java.util.Set.of(f[i + 1]));
          i += 2;
        } else if (f[i].equals("f") && i + 3 < f.length) {
          owners.clusterHooks().documentChangedElsewhere(UUID.fromString(f[i + 1]), f[i + 2], Boolean.parseBoolean(f[i + 3]));
          i += 4;
        } else {
          LOG.warn("cluster: unreadable notification '{}'", payload);
          return;
        }
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("cluster: unreadable notification '{}'", payload);
    }
  }

  /** Every loaded document looks in the op log for batches it was not told about. */
  private void lookEverywhere() {
    owners.loadedDocuments().forEach(doc -> owners.clusterHooks().advancedElsewhere(doc, -1));
  }

  public Future<Void> close() {
    closed = true;
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    return people.stop().eventually(subscriber::close);
  }
}
