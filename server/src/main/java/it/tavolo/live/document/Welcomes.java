package it.tavolo.live.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import it.tavolo.live.LiveUser;
import it.tavolo.live.Wire;

import java.util.List;

/**
 * The {@code welcome} message (docs/protocol.md). The document and its authorship are rendered
 * once per committed state: every joiner until the next commit gets the same text (a storm of
 * joins does not serialise the document once per join). Made only between commits, when the
 * engine holds exactly the committed state. Touched only on its owner's context.
 */
final class Welcomes {
  private record Rendered(DocumentEngine engine, long seq, String snapshot, String authors) {
  }

  private final DocumentOwner owner;
  private Rendered rendered;

  Welcomes(DocumentOwner owner) {
    this.owner = owner;
  }

  /** {@code missed}: the batches after the joiner's {@code since}; null: it gets a snapshot. */
  String render(Participant p, List<RenderedBatch> missed) {
    ObjectNode n = Wire.object("welcome");
    n.put("doc", owner.docId.toString());
    n.put("tavolo", p.admission().tavoloId().toString());
    n.put("seq", owner.state.seq());
    if (missed != null) {
      ArrayNode ops = n.putArray("ops");
      for (RenderedBatch o : missed) {
        ops.add(Wire.batchFields(Wire.JSON.createObjectNode(), o.committed()));
      }
    } else {
      n.putRawValue("snapshot", new RawValue(rendered().snapshot()));
    }
    n.putRawValue("authors", new RawValue(rendered().authors()));
    n.put("mode", owner.state.mode().wire());
    n.put("locked", owner.state.locked());
    LiveUser u = p.user();
    ObjectNode you = n.putObject("you");
    you.put("user", u.userId().toString());
    you.put("name", u.name());
    you.put("role", p.admission().roleWire());
    you.put("org", u.orgId() == null ? null : u.orgId().toString());
    you.put("orgName", u.orgName());
    you.put("side", u.side());
    you.put("client", p.clientId());
    n.set("members", Wire.members(owner.roster.members()));
    ArrayNode presence = n.putArray("presence");
    owner.connections.presences().forEach(x -> presence.add(Wire.presence(x).without("type")));
    owner.elsewhere.presences().forEach(presence::add); // other processes' clients
    ObjectNode limits = n.putObject("limits");
    limits.put("maxMessageBytes", owner.settings.maxMessageBytes());
    limits.put("presenceMillis", owner.settings.presenceInterval().toMillis());
    return Wire.text(n);
  }

  private Rendered rendered() {
    DocumentEngine engine = owner.state.engine();
    long seq = owner.state.seq();
    if (rendered == null || rendered.engine() != engine || rendered.seq() != seq) {
      rendered = new Rendered(engine, seq, Wire.text(engine.wireSnapshot()), Wire.text(engine.authors()));
    }
    return rendered;
  }
}
