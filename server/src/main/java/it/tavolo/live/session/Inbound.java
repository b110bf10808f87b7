package it.tavolo.live.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import it.tavolo.live.ErrorCode;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The client's messages (docs/protocol.md) as types, read from their JSON: each reader gives
 * the message, or a {@link Bad} saying what is wrong with it. Immutable values.
 */
sealed interface Inbound {
  Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** {@code viewer}: a read-only link's secret (extension), when there is no token. */
  record Hello(String token, String viewer, UUID docId, String clientId, Long since, Set<String> features)
      implements Inbound {
  }

  record Submit(long clientSeq, long baseSeq, JsonNode ops) implements Inbound {
  }

  /** {@code focus} is JSON null when none; {@code follow}: asked for (honoured for coordinators only). */
  record Presence(JsonNode focus, boolean typing, boolean follow) implements Inbound {
  }

  record Token(String token) implements Inbound {
  }

  /** A message refused: answered with an error (about {@code clientSeq} when known). */
  record Bad(ErrorCode code, String message, Long clientSeq) implements Inbound {
    Bad(ErrorCode code, String message) {
      this(code, message, null);
    }
  }

  static Inbound hello(JsonNode hello) {
    String token = textOf(hello, "token");
    String viewer = token == null ? textOf(hello, "viewer") : null;
    if ((token == null || token.isEmpty()) && (viewer == null || viewer.isEmpty())) {
      return new Bad(ErrorCode.UNAUTHORIZED, "The hello needs a token.");
    }
    UUID docId = uuidOf(textOf(hello, "doc"));
    if (docId == null) {
      return new Bad(ErrorCode.NOT_FOUND, "No such document.");
    }
    String client = textOf(hello, "client");
    if (client == null || !CLIENT_ID.matcher(client).matches()) {
      return new Bad(ErrorCode.BAD_MESSAGE, "The hello needs a client id of 1 to 64 letters, digits or ._:-");
    }
    JsonNode sinceNode = hello.get("since");
    Long since;
    if (sinceNode == null || sinceNode.isNull()) {
      since = null;
    } else if (sinceNode.canConvertToLong() && sinceNode.isIntegralNumber() && sinceNode.asLong() >= 0) {
      since = sinceNode.asLong();
    } else {
      return new Bad(ErrorCode.BAD_MESSAGE, "since is null or a seq (a whole number, at least 0).");
    }
    Set<String> features = new HashSet<>();
    JsonNode f = hello.get("features");
    if (f != null && f.isArray()) {
      f.forEach(x -> features.add(x.asText()));
    }
    return new Hello(token, viewer, docId, client, since, features);
  }

  /** {@code mayEdit}: observers and viewers are refused once the clientSeq is known, before the rest is read. */
  static Inbound submit(JsonNode node, boolean mayEdit) {
    JsonNode cs = node.get("clientSeq");
    Long clientSeq = cs != null && cs.isIntegralNumber() && cs.canConvertToLong() && cs.asLong() >= 1 ? cs.asLong() : null;
    if (clientSeq == null) {
      return new Bad(ErrorCode.BAD_MESSAGE, "A submit needs a clientSeq (a whole number, at least 1).");
    }
    if (!mayEdit) {
      return new Bad(ErrorCode.FORBIDDEN, "Observers and viewers cannot change the document.", clientSeq);
    }
    JsonNode bs = node.get("baseSeq");
    if (bs == null || !bs.isIntegralNumber() || !bs.canConvertToLong() || bs.asLong() < 0) {
      return new Bad(ErrorCode.BAD_MESSAGE, "A submit needs a baseSeq (a whole number, at least 0).", clientSeq);
    }
    JsonNode ops = node.get("ops");
    // an empty batch is valid: a resend whose ops all vanished in the client's rebase still needs its ack
    if (ops == null || !ops.isArray()) {
      return new Bad(ErrorCode.INVALID_OP, "A submit needs an ops array.", clientSeq);
    }
    return new Submit(clientSeq, bs.asLong(), ops);
  }

  static Inbound presence(JsonNode node) {
    JsonNode focus = node.get("focus");
    if (focus == null || focus.isNull()) {
      focus = NullNode.getInstance();
    } else if (!validFocus(focus)) {
      return new Bad(ErrorCode.BAD_MESSAGE,
          "focus is null or {coll, id, field, anchor, head} (strings, then whole numbers).");
    }
    JsonNode typing = node.get("typing");
    return new Presence(focus, typing != null && typing.asBoolean(false), node.path("follow").asBoolean(false));
  }

  static Inbound token(JsonNode node) {
    String token = textOf(node, "token");
    return token == null ? new Bad(ErrorCode.BAD_MESSAGE, "A token message needs a token.") : new Token(token);
  }

  /**
   * The clientSeq of a submit the rate limit dropped: without it the client would wait forever
   * for the ack of a batch the server never saw (one batch in flight); with it, it resends a
   * little later.
   */
  static Long droppedClientSeq(JsonNode n) {
    JsonNode cs = n.path("clientSeq");
    return n.path("type").asText().equals("submit") && cs.isIntegralNumber() && cs.canConvertToLong() ? cs.asLong() : null;
  }

  private static boolean validFocus(JsonNode f) {
    if (!f.isObject()) {
      return false;
    }
    for (String k : new String[] {"coll", "id", "field"}) {
      JsonNode v = f.get(k);
      if (v == null || !v.isTextual() || v.asText().length() > 200) {
        return false;
      }
    }
    for (String k : new String[] {"anchor", "head"}) {
      JsonNode v = f.get(k);
      if (v != null && !v.isNull() && !(v.isIntegralNumber() && v.asLong() >= 0)) {
        return false;
      }
    }
    return f.size() <= 5;
  }

  private static String textOf(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static UUID uuidOf(String s) {
    if (s == null) {
      return null;
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
