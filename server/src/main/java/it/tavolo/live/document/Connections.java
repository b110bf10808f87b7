package it.tavolo.live.document;

import io.vertx.core.Context;
import it.tavolo.live.PresenceState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Who is in a document in this process: the welcomed connections, which one holds each client
 * id, and each client's latest presence. Touched only on its owner's context.
 */
final class Connections {
  private final Set<Participant> all = new HashSet<>();
  private final Map<String, Participant> byClient = new LinkedHashMap<>();
  private final Map<String, PresenceState> presence = new LinkedHashMap<>();

  boolean contains(Participant p) {
    return all.contains(p);
  }

  boolean isEmpty() {
    return all.isEmpty();
  }

  /** Adds a welcomed connection; returns the connection that held its client id before (or null). */
  Participant add(Participant p) {
    Participant previous = byClient.put(p.clientId(), p);
    all.add(p);
    return previous == p ? null : previous;
  }

  boolean remove(Participant p) {
    return all.remove(p);
  }

  /** The connection that holds {@code clientId} now, or null. */
  Participant holder(String clientId) {
    return byClient.get(clientId);
  }

  /** Forgets that {@code p} holds its client id (when it still does); true if it did. */
  boolean release(Participant p) {
    if (byClient.get(p.clientId()) == p) {
      byClient.remove(p.clientId());
      return true;
    }
    return false;
  }

  void presence(String clientId, PresenceState p) {
    presence.put(clientId, p);
  }

  /** Forgets a client's presence; true if it had one (the others are told it is gone). */
  boolean forgetPresence(String clientId) {
    return presence.remove(clientId) != null;
  }

  Collection<PresenceState> presences() {
    return presence.values();
  }

  /** A copy, to walk while connections may leave. */
  List<Participant> snapshot() {
    return new ArrayList<>(all);
  }

  void forEach(Consumer<Participant> c) {
    all.forEach(c);
  }

  /** Runs {@code r} on every connection, on its own context. */
  void runOnEach(Consumer<Participant> c) {
    all.forEach(p -> p.run(() -> c.accept(p)));
  }

  /**
   * Runs {@code c} on every connection, one task per event loop (connections that share a
   * context are handled in one task, not one each).
   */
  void runPerContext(Consumer<Participant> c) {
    Map<Context, List<Participant>> byContext = new HashMap<>();
    for (Participant p : all) {
      byContext.computeIfAbsent(p.context(), k -> new ArrayList<>()).add(p);
    }
    byContext.forEach((ctx, list) -> ctx.runOnContext(v -> list.forEach(c)));
  }

  /** Empties the set and returns who was in it (the teardown). */
  List<Participant> clear() {
    List<Participant> out = new ArrayList<>(all);
    all.clear();
    return out;
  }
}
