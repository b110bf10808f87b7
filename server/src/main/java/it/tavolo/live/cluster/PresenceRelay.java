package it.tavolo.live.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import it.tavolo.live.Wire;
import it.tavolo.live.document.ClusterHooks;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What travels between processes on NOTIFY alone, never waiting for the table: cursor moves
 * ({@code tavolo_presence}, coalesced: one NOTIFY with the latest of each client while the
 * previous one is sent) and seduta announcements to a tavolo's people ({@code tavolo_announce}),
 * both ways. It exists apart from {@link SharedPeople}, which keeps the shared table of who is
 * connected, because these messages skip the table (it only gets the latest presence with the beat).
 *
 * <p>Threading: told from the document owners' contexts and the bus's handler, replies on event
 * loops; the presences waiting to be pushed are guarded by this object's monitor, the rest is
 * immutable or volatile.
 */
final class PresenceRelay {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceRelay.class);
  static final String PRESENCE_CHANNEL = "tavolo_presence";
  /** Server messages to a tavolo's connections (seduta announcements): {@code {"o", "t", "m"}}. */
  static final String ANNOUNCE_CHANNEL = "tavolo_announce";
  /** NOTIFY payloads must stay under 8000 bytes; a larger presence is not pushed (the table has it). */
  private static final int MAX_PAYLOAD = 7_000;

  private final ClusterStore store;
  private final ClusterHooks hooks;
  private final String process;

  private final Map<ClusterStore.ClientAt, String> toPush = new LinkedHashMap<>();
  private boolean pushing;
  private volatile boolean closed;

  PresenceRelay(ClusterStore store, ClusterHooks hooks, String process) {
    this.store = store;
    this.hooks = hooks;
    this.process = process;
  }

  /** Nothing more is pushed or announced (a graceful stop). */
  void close() {
    closed = true;
  }

  /** A client of this process moved: pushed to the others now (or with the NOTIFY after the one in flight). */
  void push(ClusterStore.ClientAt at, String message) {
    if (closed) {
      return;
    }
    boolean send;
    synchronized (this) {
      toPush.put(at, message);
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
        int bytes = e.getValue().getBytes(StandardCharsets.UTF_8).length
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

  /** A seduta announcement for the tavolo's people on the other processes (one NOTIFY: they are rare). */
  void announce(UUID tavolo, String message) {
    if (closed) {
      return;
    }
    ObjectNode n = Wire.JSON.createObjectNode();
    n.put("o", process);
    n.put("t", tavolo.toString());
    n.put("m", message);
    String payload = Wire.text(n);
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
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
        hooks.announcedElsewhere(UUID.fromString(n.path("t").asText()), n.path("m").asText());
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
        hooks.presenceElsewhere(UUID.fromString(e.path(0).asText()), origin, e.path(1).asText(), e.path(2).asText());
      }
    } catch (Exception e) {
      LOG.warn("cluster: unreadable presence notification ({})", e.toString());
    }
  }
}
