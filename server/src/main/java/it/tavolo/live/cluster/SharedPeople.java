package it.tavolo.live.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import it.tavolo.core.Role;
import it.tavolo.live.LiveListener;
import it.tavolo.live.Attendee;
import it.tavolo.live.Wire;
import it.tavolo.live.document.DocumentOwners;
import it.tavolo.live.document.PresenceOut;
import it.tavolo.live.document.SeenElsewhere;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is connected, the same whichever process a person reached (docs/architecture.md,
 * "Scaling out"). Joins and leaves go into the shared table {@code live_connections}, written
 * in rounds (one transaction for whatever changed while the previous round ran), then a
 * {@code NOTIFY tavolo_doc} {@code r <doc>} has the other processes read that document's people
 * again. Cursor moves never wait for the database: they travel at once on
 * {@code NOTIFY tavolo_presence} (coalesced the same way), and only the latest of each client
 * is written to the table with the heartbeat, for processes that load the document later.
 *
 * <p>A process that dies leaves its rows behind: each process renews its lease
 * ({@code live_processes.seen_at}) every heartbeat and sweeps the processes whose lease ran out;
 * reads skip them at once. Whoever sweeps tells its listeners of every lost connection (the
 * seduta register closes their attendance) and the others with {@code x <process>}. Seduta
 * announcements to a tavolo's people reach the other processes on {@code tavolo_announce}.
 *
 * <p>Threading: told from the document owners' contexts and the bus's handler, timers and
 * replies on event loops; the pending changes are guarded by this object's monitor, the rest
 * is immutable or concurrent.
 */
final class SharedPeople implements LiveListener {
  private static final Logger LOG = LoggerFactory.getLogger(SharedPeople.class);
  static final String PRESENCE_CHANNEL = "tavolo_presence";
  /** Server messages to a tavolo's connections (seduta announcements): {@code {"o", "t", "m"}}. */
  static final String ANNOUNCE_CHANNEL = "tavolo_announce";
  /** NOTIFY payloads must stay under 8000 bytes; a larger presence is not pushed (the table has it). */
  private static final int MAX_PAYLOAD = 7_000;

  private final Vertx vertx;
  private final ClusterStore store;
  private final DocumentOwners owners;
  private final PgNotifyBus bus;
  private final String process;
  private final double leaseSeconds;
  private final long heartbeatMillis;

  /** This process's listed connections, by id (written again if this process's lease lapsed). */
  private final Map<String, Connection> mine = new ConcurrentHashMap<>();
  private final Map<String, Connection> joining = new LinkedHashMap<>();
  private final Set<String> leaving = new LinkedHashSet<>();
  private final Map<ClusterStore.ClientAt, String> moved = new LinkedHashMap<>();
  private final Set<UUID> touched = new LinkedHashSet<>();
  private boolean writing;
  private final Map<ClusterStore.ClientAt, String> toPush = new LinkedHashMap<>();
  private boolean pushing;
  private final Set<UUID> reading = new HashSet<>();
  private final Set<UUID> readAgain = new HashSet<>();
  private long timer = -1;
  /** Since when every renewal succeeded (System.nanoTime), or -1 after a failed one. Beat replies only. */
  private volatile long renewedSince = -1;
  private volatile boolean closed;

  SharedPeople(Vertx vertx, Pool pool, DocumentOwners owners, PgNotifyBus bus, String process, double leaseSeconds) {
    this.vertx = vertx;
    this.store = new ClusterStore(pool);
    this.owners = owners;
    this.bus = bus;
    this.process = process;
    this.leaseSeconds = leaseSeconds;
    this.heartbeatMillis = heartbeatMillis(leaseSeconds);
  }

  /** A quarter of the lease (at least 250 ms): three beats may be missed before the others sweep. */
  static long heartbeatMillis(double leaseSeconds) {
    return Math.max(250L, (long) (leaseSeconds * 1000 / 4));
  }

  /** Wires the owners' hooks; call before connections come. */
  void attach() {
    owners.listen(this);
    owners.onLoaded(this::refresh);
    owners.onPresence(this::presence);
    owners.lookElsewhereWith(this::connectedElsewhere);
    owners.onAnnounce(this::announce);
  }

  /** Takes the lease and starts the heartbeat. */
  Future<Void> start() {
    return store.register(process).onSuccess(v -> {
      renewedSince = System.nanoTime();
      timer = vertx.setPeriodic(heartbeatMillis, t -> beat());
    });
  }

  /** Leaves the cluster (a graceful stop): this process's rows go, the others are told at once. */
  Future<Void> stop() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return store.deregister(process)
        .compose(v -> store.notify(PgNotifyBus.CHANNEL, process + " x " + process))
        .otherwise(e -> {
          LOG.warn("cluster: leaving failed ({}); the others sweep this process when its lease runs out", e.toString());
          return null;
        });
  }

  // ---- this process's people ----

  @Override
  public void joined(Connection c) {
    if (c.viewerLink() != null || closed) {
      return; // guests of read-only links are not listed
    }
    mine.put(c.id(), c);
    synchronized (this) {
      joining.put(c.id(), c);
      touched.add(c.docId());
    }
    write();
  }

  @Override
  public void left(Connection c) {
    if (c.viewerLink() != null || closed) {
      return;
    }
    mine.remove(c.id());
    synchronized (this) {
      if (joining.remove(c.id()) == null) {
        leaving.add(c.id());
      }
      touched.add(c.docId());
    }
    write();
  }

  /** A client of this process moved: pushed to the others now, written to the table with the next beat. */
  private void presence(UUID doc, PresenceOut p) {
    if (closed) {
      return;
    }
    ClusterStore.ClientAt at = new ClusterStore.ClientAt(doc, p.clientId());
    boolean send;
    synchronized (this) {
      moved.put(at, p.message());
      toPush.put(at, p.message());
      send = !pushing;
      pushing = true;
    }
    if (send) {
      push();
    }
  }

  /** One NOTIFY with every presence waiting (the latest of each client); the next waits for it. */
  private void push() {
    ObjectNode n = Wire.JSON.createObjectNode();
    n.put("o", process);
    ArrayNode list = n.putArray("p");
    int size = 40;
    synchronized (this) {
      var it = toPush.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        int bytes = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + e.getKey().clientId().length() + 48;
        if (bytes > MAX_PAYLOAD - 40) {
          it.remove(); // too large to push: the others get it from the table
          continue;
        }
        if (size + bytes > MAX_PAYLOAD) {
          break;
        }
        size += bytes;
        list.addArray().add(e.getKey().doc().toString()).add(e.getKey().clientId()).add(e.getValue());
        it.remove();
      }
    }
    Future<?> sent = list.isEmpty() ? Future.succeededFuture()
        : store.notify(PRESENCE_CHANNEL, Wire.text(n));
    sent.onComplete(ar -> {
      if (ar.failed() && !closed) {
        LOG.warn("cluster: presence NOTIFY failed ({})", ar.cause().toString());
      }
      boolean more;
      synchronized (this) {
        more = !toPush.isEmpty() && !closed;
        pushing = more;
      }
      if (more) {
        push();
      }
    });
  }

  /** Writes what changed since the last round, unless a round is running (it calls again). */
  private void write() {
    write(false);
  }

  private void write(boolean withPresence) {
    List<String> left;
    List<Connection> joined;
    Map<ClusterStore.ClientAt, String> presence;
    Set<UUID> docs;
    synchronized (this) {
      if (writing || closed || (joining.isEmpty() && leaving.isEmpty() && (!withPresence || moved.isEmpty()))) {
        return;
      }
      writing = true;
      left = List.copyOf(leaving);
      joined = List.copyOf(joining.values());
      presence = withPresence ? Map.copyOf(moved) : Map.of();
      docs = Set.copyOf(touched);
      leaving.clear();
      joining.clear();
      if (withPresence) {
        moved.clear();
      }
      touched.clear();
    }
    store.write(process, left, joined, presence).onComplete(ar -> {
      boolean again;
      synchronized (this) {
        writing = false;
        if (ar.failed()) {
          // put back what no later change replaced; tried again with the next change or beat
          left.forEach(id -> {
            if (!joining.containsKey(id)) {
              leaving.add(id);
            }
          });
          joined.forEach(c -> {
            if (mine.containsKey(c.id()) && !leaving.contains(c.id())) {
              joining.putIfAbsent(c.id(), c);
            }
          });
          presence.forEach(moved::putIfAbsent);
          touched.addAll(docs);
        }
        again = !ar.failed() && (!joining.isEmpty() || !leaving.isEmpty());
      }
      if (ar.failed()) {
        if (!closed) {
          LOG.warn("cluster: writing who is connected failed ({}); the next beat tries again", ar.cause().toString());
        }
        return;
      }
      docs.forEach(d -> bus.announce("r" + d, "r " + d));
      if (again) {
        write();
      }
    });
  }

  /**
   * Every beat: renew the lease (or take it again), write the latest presence, and sweep the
   * dead once this process has itself renewed for a whole lease without a gap.
   */
  private void beat() {
    if (closed) {
      return;
    }
    store.renew(process).onComplete(ar -> {
      long now = System.nanoTime();
      if (ar.failed()) {
        renewedSince = -1;
      } else if (renewedSince < 0) {
        renewedSince = now;
      }
      // Sweep only after renewing without a gap for a whole lease: after a database outage
      // every process gets that long to renew before anyone takes it for dead.
      if (ar.succeeded() && ar.result() && now - renewedSince >= (long) (leaseSeconds * 1e9)) {
        sweep();
      }
      if (ar.succeeded() && !ar.result() && !closed) {
        // the others took this process for dead (it stalled for longer than the lease): list it again
        LOG.warn("cluster: this process's lease had run out; listing its {} connections again", mine.size());
        store.register(process).onSuccess(v -> {
          bus.announce("b" + process, "b " + process); // the others took it for dead: it is back
          synchronized (this) {
            mine.values().forEach(c -> {
              joining.put(c.id(), c);
              touched.add(c.docId());
            });
          }
          write();
        });
      }
    });
    write(true);
  }

  private void sweep() {
    store.sweep(leaseSeconds, process).onComplete(ar -> {
      if (ar.failed()) {
        if (!closed) {
          LOG.warn("cluster: sweep failed ({})", ar.cause().toString());
        }
        return;
      }
      ClusterStore.Swept s = ar.result();
      if (s.processes().isEmpty()) {
        return;
      }
      LOG.warn("cluster: process(es) {} stopped renewing their lease; {} connections taken off", s.processes(),
          s.connections().size());
      s.connections().forEach(owners::lost);
      s.processes().forEach(p -> bus.announce("x" + p, "x " + p));
      gone(Set.copyOf(s.processes()));
    });
  }

  // ---- the other processes' people ----

  /** Another process said these processes are gone (or this one swept them). */
  void gone(Set<String> processes) {
    LOG.info("cluster: process(es) {} gone", processes);
    owners.processesGone(processes);
    owners.loadedDocuments().forEach(this::refresh);
  }

  /** A process the others had swept renewed its lease again (it had only stalled). */
  void back(String other) {
    LOG.info("cluster: process {} is back", other);
    owners.processBack(other);
    owners.loadedDocuments().forEach(this::refresh);
  }

  /** Reads a document's people elsewhere again (one read per document at a time; a change meanwhile reads again). */
  void refresh(UUID doc) {
    synchronized (this) {
      if (!reading.add(doc)) {
        readAgain.add(doc);
        return;
      }
    }
    store.atDocument(doc, process, leaseSeconds).onComplete(ar -> {
      if (ar.succeeded()) {
        Map<UUID, List<String>> clients = new LinkedHashMap<>();
        Map<UUID, Connection> who = new LinkedHashMap<>();
        Map<String, SeenElsewhere> presence = new LinkedHashMap<>();
        for (ClusterStore.Listed l : ar.result()) {
          Connection c = l.connection();
          who.putIfAbsent(c.userId(), c);
          clients.computeIfAbsent(c.userId(), k -> new ArrayList<>()).add(c.clientId());
          if (l.presence() != null) {
            presence.put(c.clientId(), new SeenElsewhere(l.processId(), l.presence()));
          }
        }
        List<Attendee> members = new ArrayList<>(who.size());
        who.forEach((u, c) -> members.add(new Attendee(u, c.name(), c.orgId(), c.orgName(), c.side(),
            Role.parse(c.role()).orElse(Role.OBSERVER), List.copyOf(new LinkedHashSet<>(clients.get(u))))));
        owners.membersElsewhere(doc, members, presence);
      } else if (!closed) {
        LOG.warn("cluster: reading who is connected to {} failed ({})", doc, ar.cause().toString());
      }
      boolean again;
      synchronized (this) {
        reading.remove(doc);
        again = readAgain.remove(doc);
      }
      if (again) {
        refresh(doc);
      }
    });
  }

  /** A seduta announcement for the tavolo's people on the other processes (one NOTIFY: they are rare). */
  private void announce(UUID tavolo, String message) {
    if (closed) {
      return;
    }
    ObjectNode n = Wire.JSON.createObjectNode();
    n.put("o", process);
    n.put("t", tavolo.toString());
    n.put("m", message);
    String payload = Wire.text(n);
    int bytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_PAYLOAD) {
      LOG.warn("cluster: a {}-byte announcement to tavolo {} is too large for NOTIFY; only this process's people get it",
          bytes, tavolo);
      return;
    }
    store.notify(ANNOUNCE_CHANNEL, payload)
        .onFailure(e -> LOG.warn("cluster: announcement NOTIFY failed ({})", e.toString()));
  }

  /** An announcement NOTIFY of another process. */
  void announceNotice(String payload) {
    try {
      JsonNode n = Wire.JSON.readTree(payload);
      if (!n.path("o").asText().equals(process)) {
        owners.announcedElsewhere(UUID.fromString(n.path("t").asText()), n.path("m").asText());
      }
    } catch (Exception e) {
      LOG.warn("cluster: unreadable announcement notification ({})", e.toString());
    }
  }

  /** A presence NOTIFY of another process. */
  void presenceNotice(String payload) {
    try {
      JsonNode n = Wire.JSON.readTree(payload);
      String origin = n.path("o").asText();
      if (origin.equals(process)) {
        return; // our own
      }
      for (JsonNode e : n.path("p")) {
        owners.presenceElsewhere(UUID.fromString(e.path(0).asText()), origin, e.path(1).asText(), e.path(2).asText());
      }
    } catch (Exception e) {
      LOG.warn("cluster: unreadable presence notification ({})", e.toString());
    }
  }

  private Future<List<Connection>> connectedElsewhere(UUID tavolo) {
    return store.atTavolo(tavolo, process, leaseSeconds).map(list -> {
      List<Connection> out = new ArrayList<>(list.size());
      list.forEach(l -> out.add(l.connection()));
      return out;
    });
  }
}
