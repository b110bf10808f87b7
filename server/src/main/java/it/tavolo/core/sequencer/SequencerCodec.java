package it.tavolo.core.sequencer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The database snapshot of a sequencer: {@code {"format":1,"document":<StateCodec state>,
 * "clients":{clientId:[lastClientSeq, itsSeq, author]}, "forgotClients":true?}}. The resend
 * memory is in it so a resend after a restart is still recognised, and still refused to any
 * other user; {@code forgotClients} (only when true) says it once overflowed, so unknown
 * clients must be looked up in the op log. Snapshots written before authors were kept have
 * no third element: those clients are looked up in the op log too.
 */
final class SequencerCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SequencerCodec() {}

  static String write(DocumentState state, Map<String, Sequencer.Resend> clients, boolean forgotClients) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", 1);
    root.set("document", StateCodec.state(state));
    ObjectNode c = root.putObject("clients");
    new TreeMap<>(clients).forEach((id, m) -> {
      var a = c.putArray(id).add(m.clientSeq).add(m.seq);
      if (m.author != null) {
        a.add(m.author);
      }
    });
    if (forgotClients) {
      root.put("forgotClients", true);
    }
    return root.toString();
  }

  static Sequencer read(String json, Limits limits, int maxTail) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("sequencer snapshot is not valid JSON", e);
    }
    if (root.path("format").asInt() != 1) {
      throw new IllegalArgumentException("sequencer snapshot has an unknown format");
    }
    DocumentState state = StateCodec.readState(root.get("document"), limits);
    Map<String, Sequencer.Resend> clients = new HashMap<>();
    root.path("clients")
        .fields()
        .forEachRemaining(e -> {
          JsonNode m = e.getValue();
          String author = m.has(2) && m.get(2).isTextual() ? m.get(2).asText() : null;
          clients.put(e.getKey(), new Sequencer.Resend(m.get(0).asLong(), m.get(1).asLong(), author));
        });
    return new Sequencer(state, clients, maxTail, root.path("forgotClients").asBoolean(false));
  }
}
