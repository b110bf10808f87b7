package it.tavolo.live.session;

import it.tavolo.core.Role;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import it.tavolo.live.Admission;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.LiveUser;
import it.tavolo.live.PresenceState;
import it.tavolo.live.Wire;
import it.tavolo.live.document.SubmitRequest;

/**
 * What the client sends, from frames to actions: frames assembled into messages (at most
 * {@code maxMessageBytes}), the rate limit, JSON read into {@link Inbound} messages, and each
 * routed to the part that handles it; a bad message gets its error. Before the hello, anything
 * but a hello ends the connection. Touched only on the connection's context.
 */
final class Dispatch {
  private final Session session;
  private final LiveSettings settings;
  private final FrameAssembler assembler;
  private final RateLimit rate;
  private final Outbox outbox;
  private final Credentials credentials;
  private final PresenceThrottle presence;

  Dispatch(Session session, LiveSettings settings, Outbox outbox, Credentials credentials, PresenceThrottle presence) {
    this.session = session;
    this.settings = settings;
    this.assembler = new FrameAssembler(settings.maxMessageBytes());
    this.rate = new RateLimit(settings);
    this.outbox = outbox;
    this.credentials = credentials;
    this.presence = presence;
  }

  void onFrame(WebSocketFrame frame) {
    if (session.closed() || frame.isClose() || frame.isPing() || frame.type() == WebSocketFrameType.PONG) {
      return;
    }
    FrameAssembler.Message m = assembler.add(frame);
    if (m == null) {
      return;
    }
    RateLimit.Verdict v = rate.take(System.nanoTime());
    if (v == RateLimit.Verdict.CLOSE) {
      session.fatal(ErrorCode.RATE_LIMITED, "Too many messages: the connection is closed.");
      return;
    }
    if (v == RateLimit.Verdict.DROP) {
      session.send(Wire.error(ErrorCode.RATE_LIMITED, "Too many messages: this one was dropped.", droppedClientSeq(m)));
      return;
    }
    if (m instanceof FrameAssembler.TooLarge t) {
      refuse(ErrorCode.TOO_LARGE, "Message of " + t.bytes() + " bytes; the limit is " + settings.maxMessageBytes() + ".");
    } else if (m instanceof FrameAssembler.Text t) {
      onText(t.text());
    } else {
      refuse(ErrorCode.BAD_JSON, "Messages are UTF-8 JSON text frames.");
    }
  }

  /** Parsing costs little here: at most {@code rateStrikes} drops in a row, then the close. */
  private static Long droppedClientSeq(FrameAssembler.Message m) {
    if (!(m instanceof FrameAssembler.Text t) || !t.text().contains("\"submit\"")) {
      return null;
    }
    try {
      return Inbound.droppedClientSeq(Wire.JSON.readTree(t.text()));
    } catch (Exception e) {
      return null;
    }
  }

  /** An error for a bad message; before the hello, any bad message ends the connection. */
  private void refuse(ErrorCode code, String message) {
    if (session.awaitingHello()) {
      session.fatal(ErrorCode.UNAUTHORIZED, "The first message must be a hello (" + message + ")");
    } else {
      session.send(Wire.error(code, message, null));
    }
  }

  private void onText(String text) {
    JsonNode node;
    try {
      node = Wire.JSON.readTree(text);
    } catch (Exception e) {
      refuse(ErrorCode.BAD_JSON, "Not valid JSON.");
      return;
    }
    if (node == null || !node.isObject()) {
      refuse(ErrorCode.BAD_JSON, "A message is a JSON object.");
      return;
    }
    JsonNode typeNode = node.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
    if (session.awaitingHello()) {
      if ("hello".equals(type)) {
        session.hello(Inbound.hello(node));
      } else {
        session.fatal(ErrorCode.UNAUTHORIZED, "The first message must be a hello with a token.");
      }
      return;
    }
    if (!session.joined()) {
      return;
    }
    if (type == null) {
      session.send(Wire.error(ErrorCode.UNKNOWN_TYPE, "A message needs a string \"type\".", null));
      return;
    }
    switch (type) {
      case "submit" -> {
        long arrived = System.nanoTime();
        onSubmit(Inbound.submit(node, session.admission().canEdit()), arrived);
      }
      case "presence" -> onPresence(node);
      case "token" -> {
        if (Inbound.token(node) instanceof Inbound.Token t) {
          credentials.refresh(t);
        } else {
          session.send(Wire.error(ErrorCode.BAD_MESSAGE, "A token message needs a token.", null));
        }
      }
      case "ping" -> session.send("{\"type\":\"pong\"}");
      case "hello" -> session.send(Wire.error(ErrorCode.ALREADY_JOINED,
          "This connection already joined a document: open another one.", null));
      default -> session.send(Wire.error(ErrorCode.UNKNOWN_TYPE, "Unknown message type.", null));
    }
  }

  private void onSubmit(Inbound in, long arrived) {
    if (in instanceof Inbound.Bad bad) {
      session.send(Wire.error(bad.code(), bad.message(), bad.clientSeq()));
      return;
    }
    Inbound.Submit s = (Inbound.Submit) in;
    if (!session.admission().notes() && touchesInterventi(s.ops())) {
      // the interventi are the notes' (issue 19): a draft keeps the content and hashes it shows
      session.send(Wire.error(ErrorCode.INVALID_OP, "The collection interventi belongs to a seduta's notes, not to a draft.",
          s.clientSeq()));
      return;
    }
    outbox.submitted(s.clientSeq(), arrived);
    session.document().submit(SubmitRequest.fromClient(session, s.clientSeq(), s.baseSeq(), s.ops()));
  }

  private static boolean touchesInterventi(JsonNode ops) {
    if (ops == null || !ops.isArray()) {
      return false;
    }
    for (JsonNode op : ops) {
      if (it.tavolo.core.model.Schema.INTERVENTI.equals(op.path("coll").asText())) {
        return true;
      }
    }
    return false;
  }

  private void onPresence(JsonNode node) {
    LiveUser user = session.user();
    if (user.isViewer()) {
      session.send(Wire.error(ErrorCode.FORBIDDEN, "Viewers watch: they do not share a focus.", null));
      return;
    }
    Inbound in = Inbound.presence(node);
    if (in instanceof Inbound.Bad bad) {
      session.send(Wire.error(bad.code(), bad.message(), null));
      return;
    }
    Inbound.Presence p = (Inbound.Presence) in;
    Admission admission = session.admission();
    // extension: a coordinator's focus that followers scroll to; ignored from anyone else
    boolean follow = admission.role() == Role.COORDINATOR && !admission.viewer() && p.follow();
    presence.moved(new PresenceState(user.userId(), session.clientId(), p.focus(), p.typing(), follow));
  }
}
