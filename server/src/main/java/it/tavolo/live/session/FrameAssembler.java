package it.tavolo.live.session;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins a message's frames, keeping at most {@code maxBytes}: beyond that the rest of the
 * message is read and dropped, and the message is reported as too large (the connection
 * stays open). Decodes UTF-8 only once the message is whole, since a frame boundary may
 * split a character.
 */
final class FrameAssembler {
  sealed interface Message permits Text, NotText, TooLarge {
  }

  record Text(String text) implements Message {
  }

  /** A binary message, or text that is not valid UTF-8. */
  record NotText() implements Message {
  }

  record TooLarge(long bytes) implements Message {
  }

  private final int maxBytes;
  private Buffer buffer;
  private boolean binary;
  private long size;

  FrameAssembler(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Adds a data frame; returns the message when this frame ends one, else null. */
  Message add(WebSocketFrame frame) {
    if (!frame.isContinuation()) {
      buffer = Buffer.buffer();
      binary = frame.isBinary();
      size = 0;
    } else if (buffer == null) {
      return new NotText(); // a continuation with no message to continue
    }
    Buffer data = frame.binaryData();
    size += data.length();
    if (size <= maxBytes) {
      buffer.appendBuffer(data);
    }
    if (!frame.isFinal()) {
      return null;
    }
    Buffer whole = buffer;
    buffer = null;
    if (size > maxBytes) {
      return new TooLarge(size);
    }
    if (binary) {
      return new NotText();
    }
    try {
      return new Text(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(whole.getBytes())).toString());
    } catch (CharacterCodingException e) {
      return new NotText();
    }
  }
}
