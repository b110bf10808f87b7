package it.tavolo.live.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.live.Attendee;
import it.tavolo.live.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A document's people in the other server processes (docs/architecture.md, "Scaling out"):
 * their members, as the shared table lists them, go into the {@link Roster}; their clients'
 * presence, heard through NOTIFY, goes out with this document's own fan-out and into the
 * welcome. Entry points hop onto the owner's context; everything else is touched only there.
 */
final class Elsewhere {
  private static final Logger LOG = LoggerFactory.getLogger(Elsewhere.class);

  private record Remote(String origin, String message, ObjectNode wire) {
  }

  private final DocumentOwner owner;
  /** By client id, the latest presence of other processes' clients (never this process's own). */
  private final Map<String, Remote> presence = new LinkedHashMap<>();
  /**
   * Processes known to be dead: a read of the table that started before their sweep, or a
   * late notification, must not bring their clients' cursors back. The latest few hundred.
   */
  private final Set<String> dead = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 256;
    }
  });

  Elsewhere(DocumentOwner owner) {
    this.owner = owner;
  }

  /** The members elsewhere as the table holds them now, and their stored presence (any context). */
  void members(List<Attendee> members, Map<String, SeenElsewhere> stored) {
    owner.ctx.runOnContext(v -> {
      owner.roster.elsewhere(members);
      // a cursor whose client the table no longer lists has left: its end may have come
      // before this read, begun earlier, brought it back (viewers share no focus: all are listed)
      Set<String> listed = new java.util.HashSet<>();
      members.forEach(m -> listed.addAll(m.clients()));
      Map<String, Remote> unlisted = new LinkedHashMap<>();
      presence.entrySet().removeIf(e -> {
        if (!listed.contains(e.getKey())) {
          unlisted.put(e.getKey(), e.getValue());
          return true;
        }
        return false;
      });
      ended(unlisted);
      // what the table holds is older than what NOTIFY brought: it only fills gaps (a document
      // loaded here after its people elsewhere last moved)
      stored.forEach((client, seen) -> {
        if (!presence.containsKey(client) && owner.connections.holder(client) == null && !dead.contains(seen.origin())) {
          LOG.debug("cluster: document {}: cursor of {} from the table ({})", owner.docId, client, seen.origin());
          remember(client, seen.origin(), seen.message(), false);
        }
      });
    });
  }

  /** A client of process {@code origin} moved, typed or left (any context). */
  void presence(String origin, String clientId, String message) {
    owner.ctx.runOnContext(v -> {
      if (owner.connections.holder(clientId) != null || dead.contains(origin)) {
        return; // the client is here now (it moved over after a failover): its own presence counts
      }
      remember(clientId, origin, message, true);
    });
  }

  private void remember(String clientId, String origin, String message, boolean fanOut) {
    ObjectNode wire;
    try {
      JsonNode n = Wire.JSON.readTree(message);
      if (!(n instanceof ObjectNode o)) {
        return;
      }
      wire = o;
    } catch (Exception e) {
      LOG.warn("cluster: unreadable presence of client {} from process {}", clientId, origin);
      return;
    }
    boolean gone = wire.path("focus").isNull() && !wire.path("typing").asBoolean(false);
    if (gone) {
      presence.remove(clientId);
    } else {
      presence.put(clientId, new Remote(origin, message, wire.deepCopy().without("type")));
    }
    if (fanOut || !gone) {
      owner.fanOut.presence(new PresenceOut(clientId, message));
    }
  }

  /** These processes died: their clients' cursors are taken away from everyone here (any context). */
  void gone(Set<String> origins) {
    owner.ctx.runOnContext(v -> {
      dead.addAll(origins);
      Map<String, Remote> dropped = new LinkedHashMap<>();
      presence.entrySet().removeIf(e -> {
        if (origins.contains(e.getValue().origin())) {
          dropped.put(e.getKey(), e.getValue());
          return true;
        }
        return false;
      });
      LOG.debug("cluster: document {}: cursors of {} dropped ({} processes gone, {} left)", owner.docId, dropped.keySet(),
          origins, presence.keySet());
      ended(dropped);
    });
  }

  /** Tells everyone here that these clients' cursors are gone (unless the client is here now). */
  private void ended(Map<String, Remote> dropped) {
    for (Map.Entry<String, Remote> d : dropped.entrySet()) {
      String client = d.getKey();
      if (owner.connections.holder(client) == null) {
        ObjectNode n = Wire.object("presence");
        n.put("user", d.getValue().wire().path("user").asText());
        n.put("client", client);
        n.putNull("focus");
        n.put("typing", false);
        owner.fanOut.presence(new PresenceOut(client, Wire.text(n)));
      }
    }
  }

  /** That process renewed its lease again after it was swept (any context). */
  void back(String origin) {
    owner.ctx.runOnContext(v -> dead.remove(origin));
  }

  /** A local client now holds this id: whatever another process said of it is stale. */
  void takenHere(String clientId) {
    presence.remove(clientId);
  }

  /** The presence entries for a welcome (without their {@code type}). */
  Collection<ObjectNode> presences() {
    List<ObjectNode> out = new ArrayList<>(presence.size());
    presence.values().forEach(r -> out.add(r.wire()));
    return out;
  }
}
