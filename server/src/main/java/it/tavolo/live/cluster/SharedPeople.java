package it.tavolo.live.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import it.tavolo.core.Role;
import it.tavolo.live.LiveListener;
import it.tavolo.live.Attendee;
import it.tavolo.live.document.DocumentOwners;
import it.tavolo.live.document.ClusterHooks;
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
 * ({@code live_processes.seen_at}) every heartbeat and sweeps the processes whose lease ran out
 * ({@link ProcessLease}); reads skip them at once. Whoever sweeps tells its listeners of every
 * lost connection (the seduta register closes their attendance) and the others with
 * {@code x <process>}. The NOTIFY-only traffic (cursor moves, seduta announcements on
 * {@code tavolo_announce}) is {@link PresenceRelay}'s.
 *
 * <p>Threading: told from the document owners' contexts, the bus's handler and the lease's
 * beat, replies on event loops; the pending changes are guarded by this object's monitor, the rest
 * is immutable or concurrent.
 */
final class SharedPeople implements LiveListener {
  private static final Logger LOG = LoggerFactory.getLogger(SharedPeople.class);

  private final ClusterStore store;
  private final DocumentOwners owners;
  private final ClusterHooks hooks;
  private final PgNotifyBus bus;
  private final String process;
  private final double leaseSeconds;
  private final ProcessLease lease;
  /** Cursor moves and announcements to and from the other processes, on NOTIFY alone. */
  final PresenceRelay relay;

  /** This process's listed connections, by id (written again if this process's lease lapsed). */
  private final Map<String, Connection> mine = new ConcurrentHashMap<>();
  private final Map<String, Connection> joining = new LinkedHashMap<>();
  private final Set<String> leaving = new LinkedHashSet<>();
  private final Map<ClusterStore.ClientAt, String> moved = new LinkedHashMap<>();
  private final Set<UUID> touched = new LinkedHashSet<>();
  private boolean writing;
  private final Set<UUID> reading = new HashSet<>();
  private final Set<UUID> readAgain = new HashSet<>();
  private volatile boolean closed;

  SharedPeople(Vertx vertx, Pool pool, DocumentOwners owners, PgNotifyBus bus, String process, double leaseSeconds) {
    this.store = new ClusterStore(pool);
    this.owners = owners;
    this.hooks = owners.clusterHooks();
    this.bus = bus;
    this.process = process;
    this.leaseSeconds = leaseSeconds;
    this.lease = new ProcessLease(vertx, store, process, leaseSeconds, () -> write(true), this::relist, this::swept);
    this.relay = new PresenceRelay(store, hooks, process);
  }

  /** Wires the owners' hooks; call before connections come. */
  void attach() {
    owners.listen(this);
    hooks.onLoaded(this::refresh);
    hooks.onPresence(this::presence);
    hooks.lookElsewhereWith(this::connectedElsewhere);
    hooks.onAnnounce(relay::announce);
  }

  /** Takes the lease and starts the heartbeat. */
  Future<Void> start() {
    return lease.start();
  }

  /** Leaves the cluster (a graceful stop): this process's rows go, the others are told at once. */
  Future<Void> stop() {
    closed = true;
    relay.close();
    return lease.stop();
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
    synchronized (this) {
      moved.put(at, p.message());
    }
    relay.push(at, p.message());
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

  /** The others had taken this process for dead (it stalled longer than the lease) and it is back: list its people again. */
  private void relist() {
    LOG.warn("cluster: this process's lease had run out; listing its {} connections again", mine.size());
    bus.announce("b" + process, "b " + process); // the others took it for dead: it is back
    synchronized (this) {
      mine.values().forEach(c -> {
        joining.put(c.id(), c);
        touched.add(c.docId());
      });
    }
    write();
  }

  /** This process swept dead ones: the listeners hear of their connections, the others of them. */
  private void swept(ClusterStore.Swept s) {
    LOG.warn("cluster: process(es) {} stopped renewing their lease; {} connections taken off", s.processes(),
        s.connections().size());
    s.connections().forEach(owners::lost);
    s.processes().forEach(p -> bus.announce("x" + p, "x " + p));
    gone(Set.copyOf(s.processes()));
  }

  // ---- the other processes' people ----

  /** Another process said these processes are gone (or this one swept them). */
  void gone(Set<String> processes) {
    LOG.info("cluster: process(es) {} gone", processes);
    hooks.processesGone(processes);
    owners.loadedDocuments().forEach(this::refresh);
  }

  /** A process the others had swept renewed its lease again (it had only stalled). */
  void back(String other) {
    LOG.info("cluster: process {} is back", other);
    hooks.processBack(other);
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
        hooks.membersElsewhere(doc, members, presence);
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

  private Future<List<Connection>> connectedElsewhere(UUID tavolo) {
    return store.atTavolo(tavolo, process, leaseSeconds).map(list -> {
      List<Connection> out = new ArrayList<>(list.size());
      list.forEach(l -> out.add(l.connection()));
      return out;
    });
  }
}
