package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveListener;
import it.tavolo.live.layer.LiveServices;
import it.tavolo.live.ViewerGate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sedute layer's link to the live layer: it hears every connection join and leave the
 * documents of this process (and writes the register of the tavolo's open seduta), sends
 * the {@code seduta} announcements to the connections of a tavolo, and admits the guests of
 * read-only links.
 *
 * <p>Register writes of one person are chained, so a quick leave and rejoin reach the
 * database in the order they happened; across people at most {@value #WRITES_IN_FLIGHT} run
 * at once, the others waiting their turn, so a crowd joining at once (a seduta starting, a
 * join storm) never takes the pool from the document commits and the revocation polls. The
 * waiting writes are bounded by the open connections (each join and leave is one).
 *
 * <p>Threading: called from the document owners' contexts (any event loop): the maps are
 * concurrent, the write queue is guarded by this object's monitor.
 */
final class LiveLink implements LiveBridge, LiveListener, ViewerGate {
  private static final Logger LOG = LoggerFactory.getLogger(LiveLink.class);

  private final Pool pool;
  private final RegisterStore register;
  private final ViewerLinkStore viewers;
  private final LiveServices live;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final Map<String, Future<Void>> chains = new ConcurrentHashMap<>();
  static final int WRITES_IN_FLIGHT = 2;
  private final java.util.ArrayDeque<Runnable> waitingWrites = new java.util.ArrayDeque<>();
  private int writing;

  private LiveLink(Pool pool, RegisterStore register, ViewerLinkStore viewers, LiveServices live) {
    this.pool = pool;
    this.register = register;
    this.viewers = viewers;
    this.live = live;
  }

  static LiveLink attach(AppContext app, RegisterStore register, ViewerLinkStore viewers, LiveServices live) {
    LiveLink link = new LiveLink(app.pool(), register, viewers, live);
    live.owners().listen(link);
    live.viewers(link);
    return link;
  }

  // ---- connections ----

  @Override
  public void joined(Connection c) {
    connections.put(c.id(), c);
    if (c.viewerLink() == null) {
      Instant at = Instant.now();
      chain(c, () -> register.joined(c.tavoloId(), connected(c, 1), at));
    }
  }

  @Override
  public void left(Connection c) {
    if (connections.remove(c.id()) != null && c.viewerLink() == null) {
      Instant at = Instant.now();
      chain(c, () -> register.left(c.tavoloId(), c.userId(), at));
    }
  }

  private void chain(Connection c, java.util.function.Supplier<Future<Void>> write) {
    String key = c.tavoloId() + "/" + c.userId();
    Future<Void>[] mine = new Future[1];
    chains.compute(key, (k, previous) -> {
      Future<Void> before = previous == null ? Future.succeededFuture() : previous;
      mine[0] = before.transform(x -> inTurn(write))
          .recover(e -> {
            if (!Sql.frozen(e)) { // closed meanwhile: nothing to record
              LOG.warn("attendance of {} in tavolo {} not recorded: {}", c.userId(), c.tavoloId(), e.toString());
            }
            return Future.succeededFuture();
          });
      return mine[0];
    });
    mine[0].onComplete(x -> chains.remove(key, mine[0]));
  }

  /** Runs a register write when fewer than {@link #WRITES_IN_FLIGHT} are running. */
  private Future<Void> inTurn(java.util.function.Supplier<Future<Void>> write) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    Runnable start = () -> {
      Future<Void> f;
      try {
        f = write.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        Runnable next;
        synchronized (this) {
          next = waitingWrites.poll();
          if (next == null) {
            writing--;
          }
        }
        done.handle(ar);
        if (next != null) {
          next.run();
        }
      });
    };
    synchronized (this) {
      if (writing >= WRITES_IN_FLIGHT) {
        waitingWrites.add(start);
        return done.future();
      }
      writing++;
    }
    start.run();
    return done.future();
  }

  private static RegisterStore.Connected connected(Connection c, int n) {
    return new RegisterStore.Connected(c.userId(), c.name(), c.orgId(), c.orgName(), c.side(), c.role(), n);
  }

  /**
   * A connection of a process that died (the cluster layer swept it): it left when its process
   * stopped answering, and its attendance closes like any leave.
   */
  @Override
  public void lost(Connection c) {
    if (c.viewerLink() == null) {
      Instant at = Instant.now();
      chain(c, () -> register.left(c.tavoloId(), c.userId(), at));
    }
  }

  @Override
  public Future<List<RegisterStore.Connected>> connectedTo(UUID tavoloId) {
    List<Connection> here = new ArrayList<>(connections.values());
    return live.owners().connectedElsewhere(tavoloId).map(elsewhere -> {
      Map<UUID, RegisterStore.Connected> byUser = new LinkedHashMap<>();
      List<Connection> all = new ArrayList<>(here);
      all.addAll(elsewhere);
      for (Connection c : all) {
        if (!c.tavoloId().equals(tavoloId) || c.viewerLink() != null) {
          continue;
        }
        RegisterStore.Connected before = byUser.get(c.userId());
        byUser.put(c.userId(), connected(c, before == null ? 1 : before.connections() + 1));
      }
      return new ArrayList<>(byUser.values());
    });
  }

  // ---- the notes' document ----

  @Override
  public Future<Long> commit(UUID docId, it.tavolo.live.ServerBatch batch) {
    return live.owners().commit(docId, batch, "live", false);
  }

  @Override
  public void rightsChanged(UUID tavoloId, UUID userId) {
    live.owners().membershipChanged(tavoloId, userId);
  }

  @Override
  public void lockChanged(UUID docId, boolean locked) {
    live.owners().documentChanged(docId, "live", locked);
  }

  // ---- announcements ----

  @Override
  public void announce(UUID tavoloId, String message) {
    Set<UUID> docs = ConcurrentHashMap.newKeySet();
    for (Connection c : connections.values()) {
      if (c.tavoloId().equals(tavoloId)) {
        docs.add(c.docId());
      }
    }
    docs.forEach(d -> live.owners().broadcast(d, message));
    live.owners().announceElsewhere(tavoloId, message); // people of this tavolo on the other processes
  }

  @Override
  public void closeViewers(Collection<UUID> linkIds) {
    live.owners().closeViewers(linkIds);
  }

  // ---- read-only links ----

  @Override
  public Future<Pass> admit(String secret, UUID docId) {
    return pass(viewers.find(secret), docId);
  }

  @Override
  public Future<Pass> readmit(UUID linkId, UUID docId) {
    return pass(viewers.byId(linkId), docId);
  }

  private Future<Pass> pass(Future<ViewerLinkStore.Link> found, UUID docId) {
    return found
        .recover(e -> Future.failedFuture(e instanceof Refusal r
            ? ErrorCode.UNAUTHORIZED.refusal(r.getMessage()) : e))
        .compose(link -> {
          if ("closed".equals(link.state())) {
            return Future.failedFuture(ErrorCode.UNAUTHORIZED.refusal("The seduta is closed: this link no longer works."));
          }
          return viewers.covers(link, docId).compose(ok -> {
            if (!ok) {
              return Future.failedFuture(ErrorCode.NOT_FOUND.refusal("This link does not show that document."));
            }
            return viewers.documentState(docId).map(d -> new Pass(link.id(), link.tavoloId(), d.mode(), d.locked()));
          });
        });
  }

  @Override
  public boolean revoked(UUID linkId) {
    return viewers.isRevoked(linkId);
  }
}
