package it.tavolo.live.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open WebSocket connections per remote address, with a ceiling: one address cannot hold
 * more than {@code max} connections (including those still waiting for their hello), so a
 * flood of connections from one place cannot exhaust the server for everyone else. Behind a
 * reverse proxy every client shares the proxy's address: raise the limit there. The same
 * counting keys connections by account and by viewer link too (DocumentOwners): the key is
 * any string. Threading: any thread (a concurrent map, updated atomically per key).
 */
final class ConnectionsPerAddress {
  private final int max;
  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

  ConnectionsPerAddress(int max) {
    this.max = max;
  }

  /** Counts one more connection from {@code address}; false (and nothing counted) when at the limit. */
  boolean tryAcquire(String address) {
    boolean[] ok = {false};
    open.compute(address, (k, n) -> {
      AtomicInteger c = n == null ? new AtomicInteger() : n;
      if (c.get() < max) {
        c.incrementAndGet();
        ok[0] = true;
      }
      return c.get() == 0 ? null : c;
    });
    return ok[0];
  }

  void release(String address) {
    open.computeIfPresent(address, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  int open(String address) {
    AtomicInteger n = open.get(address);
    return n == null ? 0 : n.get();
  }
}
