package it.tavolo.live.document;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import it.tavolo.live.Wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One fan-out as its common frame, serialised and encoded to UTF-8 once on the owner's context
 * for every recipient that gets exactly these messages: every batch of the fan-out as
 * {@code ops} (none of them its own, none sent to it before) and every cursor (none its own).
 * One message is the frame itself; several are one {@code batch} frame (the extension), so a
 * client without it cannot take several. Immutable once built; its bytes are shared across
 * contexts: each write takes a retained duplicate (its own reader index and reference), which
 * the socket releases once written, and the original reference is never released (an unpooled
 * heap buffer: the garbage collector frees it).
 */
public final class SharedFrame {
  /**
   * Larger fan-outs go the usual way (written per recipient): a text message over the
   * server's WebSocket frame size (64 KiB) must be split into frames, which only
   * {@code writeTextMessage} does.
   */
  static final int MAX_BYTES = 32 * 1024;

  static final SharedFrame NONE = new SharedFrame(null, 0);

  private final ByteBuf bytes;
  private final int messages;

  private SharedFrame(ByteBuf bytes, int messages) {
    this.bytes = bytes;
    this.messages = messages;
  }

  /** The common frame of a fan-out of {@code ops} and {@code cursors}; {@link #NONE} when too large or empty. */
  static SharedFrame of(List<RenderedBatch> ops, List<PresenceOut> cursors) {
    List<String> all = new ArrayList<>(ops.size() + cursors.size());
    int length = 0;
    for (RenderedBatch o : ops) {
      all.add(o.opsMessage());
      length += o.opsMessage().length();
    }
    for (PresenceOut p : cursors) {
      all.add(p.message());
      length += p.message().length();
    }
    if (all.isEmpty() || length > MAX_BYTES) {
      return NONE; // chars: a cheap bound before encoding (a UTF-8 byte count is at least the char count)
    }
    byte[] utf8 = (all.size() == 1 ? all.get(0) : Wire.batch(all)).getBytes(StandardCharsets.UTF_8);
    return utf8.length > MAX_BYTES ? NONE : new SharedFrame(Unpooled.wrappedBuffer(utf8), all.size());
  }

  /** Whether a client can take it: it exists, and is one message or the client reads {@code batch} frames. */
  public boolean usableBy(boolean batchFrames) {
    return bytes != null && (batchFrames || messages == 1);
  }

  /** A reference of its own to the encoded frame, for one write (the writer releases it). */
  public ByteBuf retainedBytes() {
    return bytes.retainedDuplicate();
  }
}
