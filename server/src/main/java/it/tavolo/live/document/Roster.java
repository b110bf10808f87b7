package it.tavolo.live.document;

import it.tavolo.core.Role;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import it.tavolo.live.LiveUser;
import it.tavolo.live.Attendee;
import it.tavolo.live.Wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A document's members list, kept up to date join by join and leave by leave (O(1) each): one
 * entry per person (guests of viewer links are not listed) with their clients here. Its changes
 * go out at most every {@link #INTERVAL_MILLIS}, together: a join storm costs each connection a
 * few members messages per second, not one per join. Touched only on its owner's context.
 */
final class Roster {
  /** Members changes go out at most once per this interval. */
  static final long INTERVAL_MILLIS = 100;

  /** A person in the list: who they are (as their latest connection said) and their clients. */
  private static final class Listed {
    LiveUser user;
    Role role;
    final LinkedHashSet<String> clients = new LinkedHashSet<>();

    Attendee member() {
      return new Attendee(user.userId(), user.name(), user.orgId(), user.orgName(), user.side(), role, List.copyOf(clients));
    }
  }

  private final Context ctx;
  private final Vertx vertx;
  private final Connections connections;
  private final Map<UUID, Listed> listed = new LinkedHashMap<>();
  /** The people connected to this document in other server processes, by user (Elsewhere). */
  private Map<UUID, Attendee> elsewhere = Map.of();
  /** Bumped by every change of the list; each connection knows the version it has. */
  private long version;
  /** The version the last members fan-out carried. */
  private long sentVersion;
  /** People whose entry changed (or who left) since the last members fan-out. */
  private final Set<UUID> changed = new LinkedHashSet<>();
  private long timer = -1;
  private long lastFanOut;

  Roster(Context ctx, Vertx vertx, Connections connections) {
    this.ctx = ctx;
    this.vertx = vertx;
    this.connections = connections;
  }

  long version() {
    return version;
  }

  /** Adds a welcomed connection's client (guests of a read-only link watch unseen). */
  void list(Participant p) {
    LiveUser u = p.user();
    if (u.isViewer()) {
      return;
    }
    Listed l = listed.computeIfAbsent(u.userId(), k -> new Listed());
    Role role = p.admission().role();
    boolean change = l.clients.add(p.clientId()) || role != l.role || l.user == null
        || !Objects.equals(l.user.name(), u.name());
    l.user = u;
    l.role = role;
    if (change) {
      changed(u.userId());
    }
  }

  /** Takes a connection's client off the list (the person too, with their last client). */
  void unlist(Participant p) {
    LiveUser u = p.user();
    if (u == null || u.isViewer()) {
      return;
    }
    Listed l = listed.get(u.userId());
    if (l != null && l.clients.remove(p.clientId())) {
      if (l.clients.isEmpty()) {
        listed.remove(u.userId());
      }
      changed(u.userId());
    }
  }

  /**
   * The people connected elsewhere now (replacing what was known): whoever changed there is
   * sent with the next members fan-out, like a join or a leave here.
   */
  void elsewhere(List<Attendee> members) {
    Map<UUID, Attendee> next = new LinkedHashMap<>();
    for (Attendee m : members) {
      Attendee before = next.get(m.userId());
      next.put(m.userId(), before == null ? m : withClients(m, before.clients(), m.clients()));
    }
    Set<UUID> touched = new LinkedHashSet<>();
    for (UUID u : elsewhere.keySet()) {
      if (!Objects.equals(elsewhere.get(u), next.get(u))) {
        touched.add(u);
      }
    }
    for (UUID u : next.keySet()) {
      if (!Objects.equals(elsewhere.get(u), next.get(u))) {
        touched.add(u);
      }
    }
    elsewhere = next;
    touched.forEach(this::changed);
  }

  /** Everyone: the people here in the order they came, then those only elsewhere. */
  List<Attendee> members() {
    List<Attendee> out = new ArrayList<>(listed.size() + elsewhere.size());
    listed.keySet().forEach(u -> out.add(memberOf(u)));
    elsewhere.forEach((u, m) -> {
      if (!listed.containsKey(u)) {
        out.add(m);
      }
    });
    return out;
  }

  /** A person's entry with their clients here and elsewhere, or null when they are connected nowhere. */
  private Attendee memberOf(UUID user) {
    Listed l = listed.get(user);
    Attendee there = elsewhere.get(user);
    if (l == null) {
      return there;
    }
    Attendee here = l.member();
    return there == null ? here : withClients(here, here.clients(), there.clients());
  }

  private static Attendee withClients(Attendee m, List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new Attendee(m.userId(), m.name(), m.orgId(), m.orgName(), m.side(), m.role(), List.copyOf(all));
  }

  private void changed(UUID user) {
    version++;
    changed.add(user);
    long now = System.nanoTime();
    if (timer >= 0) {
      return;
    }
    long wait = INTERVAL_MILLIS - (now - lastFanOut) / 1_000_000;
    if (wait <= 0) {
      // at once after a quiet spell, but after the join's own welcome (queued on the joiner's context)
      timer = 0;
      ctx.runOnContext(v -> {
        timer = -1;
        fanOut();
      });
    } else {
      timer = vertx.setTimer(wait, t -> ctx.runOnContext(v -> {
        timer = -1;
        fanOut();
      }));
    }
  }

  /**
   * One members message per connection for all the changes since the last one: the whole list,
   * or (to clients that announced {@code members_diff} and had the previous version) the entries
   * that changed and the people who left. Rendered once; one task per event loop.
   */
  private void fanOut() {
    if (version == sentVersion) {
      return;
    }
    lastFanOut = System.nanoTime();
    long from = sentVersion;
    long to = version;
    sentVersion = to;
    String full = Wire.membersMessage(members());
    List<Attendee> set = new ArrayList<>();
    List<UUID> gone = new ArrayList<>();
    for (UUID u : changed) {
      Attendee m = memberOf(u);
      if (m == null) {
        gone.add(u);
      } else {
        set.add(m);
      }
    }
    changed.clear();
    String diff = Wire.membersDiff(set, gone);
    connections.runPerContext(p -> p.delivery().members(from, to, full, diff));
  }
}
