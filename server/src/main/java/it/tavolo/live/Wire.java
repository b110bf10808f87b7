package it.tavolo.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.util.Collection;
import java.util.List;

/** Builds the server's messages (docs/protocol.md). Each returns the frame's text. */
public final class Wire {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {
  }

  public static ObjectNode object(String type) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", type);
    return n;
  }

  public static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String error(ErrorCode code, String message, Long clientSeq) {
    ObjectNode n = object("error");
    n.put("code", code.wire());
    n.put("message", message);
    if (clientSeq != null) {
      n.put("clientSeq", clientSeq);
    }
    return text(n);
  }

  /**
   * {@code skipped}: the sender's ops that became no-ops (their entity was deleted
   * concurrently…); {@code changed}: ops kept in another form (a reference cleared).
   */
  public static String ack(long clientSeq, long seq, List<Committed.Note> notes) {
    ObjectNode n = object("ack");
    n.put("clientSeq", clientSeq);
    n.put("seq", seq);
    if (notes != null) {
      for (Committed.Note note : notes) {
        ArrayNode a = n.withArray(note.dropped() ? "skipped" : "changed");
        ObjectNode x = a.addObject();
        x.put("index", note.index());
        x.put("reason", note.reason());
      }
    }
    return text(n);
  }

  /** The fields of a committed batch, as in an {@code ops} message and in welcome's {@code ops}. */
  public static ObjectNode batchFields(ObjectNode n, Committed c) {
    n.put("seq", c.seq());
    n.put("author", c.author().toString());
    n.put("client", c.clientId());
    n.put("clientSeq", c.clientSeq());
    n.putRawValue("ops", new RawValue(c.opsJson()));
    return n;
  }

  public static String ops(Committed c) {
    return text(batchFields(object("ops"), c));
  }

  /** Extension: several messages in one frame, for clients that announced {@code "batch"}. */
  public static String batch(Collection<String> messages) {
    StringBuilder b = new StringBuilder(64 + messages.stream().mapToInt(String::length).sum());
    b.append("{\"type\":\"batch\",\"messages\":[");
    boolean first = true;
    for (String m : messages) {
      if (!first) {
        b.append(',');
      }
      b.append(m);
      first = false;
    }
    return b.append("]}").toString();
  }

  public static ObjectNode member(Attendee m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("user", m.userId().toString());
    n.put("name", m.name());
    n.put("org", m.orgId() == null ? null : m.orgId().toString());
    n.put("orgName", m.orgName());
    n.put("side", m.side());
    n.put("role", m.role().wire());
    ArrayNode clients = n.putArray("clients");
    m.clients().forEach(clients::add);
    return n;
  }

  public static ArrayNode members(Collection<Attendee> members) {
    ArrayNode a = JSON.createArrayNode();
    members.forEach(m -> a.add(member(m)));
    return a;
  }

  public static String membersMessage(Collection<Attendee> members) {
    ObjectNode n = object("members");
    n.set("members", members(members));
    return text(n);
  }

  /**
   * Extension {@code members_diff}: the entries that are new or changed (matched by {@code user},
   * each with all its clients) and the people no longer connected.
   */
  public static String membersDiff(Collection<Attendee> set, Collection<java.util.UUID> gone) {
    ObjectNode n = object("members_diff");
    n.set("set", members(set));
    ArrayNode g = n.putArray("gone");
    gone.forEach(u -> g.add(u.toString()));
    return text(n);
  }

  public static ObjectNode presence(PresenceState p) {
    ObjectNode n = object("presence");
    n.put("user", p.userId().toString());
    n.put("client", p.clientId());
    n.set("focus", p.focus());
    n.put("typing", p.typing());
    if (p.follow()) {
      n.put("follow", true); // extension: only present when set, so other messages keep their shape
    }
    return n;
  }
}
