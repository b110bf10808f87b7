package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The permessage-deflate bomb of issue 22, from outside, without logging in: a client offers
 * {@code permessage-deflate} on {@code GET /ws} and sends one text frame with RSV1 set whose
 * 255 KiB payload inflates to 256 MiB. The frame limit (1 MiB) only sees the compressed bytes:
 * had the server negotiated the extension, it would inflate all of it before the message
 * limit (256 KiB) is checked. The server must never inflate such a frame, must close the
 * connection, and someone typing in another tavolo must not notice.
 */
@Tag(FaultsTaggedTest.TAG)
class CompressionBombTest {
  private static final int MIB = 1024 * 1024;

  @Test
  void aDeflateBombIsNeverInflatedAndTheBystanderKeepsTyping() throws Exception {
    HostileServer s = HostileServer.get();
    byte[] bomb = deflateRaw(256 * MIB, (byte) ' ');
    System.out.println("CompressionBombTest: bomb of " + bomb.length + " bytes inflating to " + 256 * MIB);
    Bystander.Figures f;
    String negotiated;
    Integer close;
    long closedAfter;
    try (Bystander b = new Bystander(s.port(), s.login("coordinatore"), s.otherDoc).start()) {
      WsPeer.sleep(500); // the bystander's figures before the attack count as well
      try (DeflateWs ws = new DeflateWs(s.port())) {
        negotiated = ws.extensions;
        long t0 = System.nanoTime();
        ws.sendWhileReading(true, DeflateWs.TEXT, bomb);
        close = ws.awaitClose(60_000);
        closedAfter = (System.nanoTime() - t0) / 1_000_000;
      }
      WsPeer.sleep(1000); // and after it
      f = b.finish();
    }
    System.out.println("CompressionBombTest: extensions answered " + negotiated + "; connection closed with " + close
        + " after " + closedAfter + " ms; bystander under a 256 MiB deflate bomb: " + f);
    assertFalse(negotiated.toLowerCase().contains("deflate"), "compression is not negotiated: " + negotiated);
    // RSV1 on a connection without an extension is a protocol error: 1002, nothing inflated
    assertEquals(1002, close, "the connection is closed as a protocol error");
    assertTrue(closedAfter < 5000, "closed at once, not after inflating: " + closedAfter + " ms");
    assertBystanderServed(f);
  }

  /**
   * docs/protocol.md: a frame over 1 MiB is cut by the transport with close 1009. With
   * compression offered, that still holds, whatever the frame's compressed size.
   */
  @Test
  void aFrameOverTheTransportLimitClosesWith1009EvenWithCompressionOffered() throws Exception {
    HostileServer s = HostileServer.get();
    byte[] text = new byte[2 * MIB];
    Arrays.fill(text, (byte) 'x');
    try (DeflateWs ws = new DeflateWs(s.port())) {
      boolean compressed = ws.extensions.toLowerCase().contains("permessage-deflate");
      // if the server did negotiate (as it once did), send it as the extension has it: compressed
      ws.sendWhileReading(compressed, DeflateWs.TEXT, compressed ? deflateRaw(text.length, (byte) 'x') : text);
      Integer close = ws.awaitClose(10_000);
      System.out.println("CompressionBombTest: 2 MiB message (" + (compressed ? "compressed" : "plain")
          + ") closed with " + close + "; answers " + ws.texts);
      assertEquals(1009, close, "too big: close 1009, as documented; answers were " + ws.texts);
    }
  }

  static void assertBystanderServed(Bystander.Figures f) {
    // The targets are p99 < 100 ms and /health < 200 ms (measured and printed above). The
    // asserted bounds have margin for a loaded 2-core machine running other builds; the
    // attack they guard against stalled the server for tens of seconds.
    assertEquals(List.of(), f.problems(), "no ack lost, no /health failed: " + f);
    assertTrue(f.acks() >= 10, "enough acks to measure: " + f);
    assertTrue(f.ackP99() < 500, "the bystander's acks: " + f);
    assertTrue(f.healthP99() < 1000, "/health: " + f);
    // One probe may meet a scheduling hiccup on a loaded machine; a stalled server misses by 10 s.
    assertTrue(f.healthMax() < 3000, "/health, worst probe: " + f);
  }

  /**
   * {@code n} bytes of {@code fill} as raw deflate, as permessage-deflate carries it: no zlib
   * header, a sync flush, and its final {@code 00 00 ff ff} removed (RFC 7692, 7.2.1).
   */
  static byte[] deflateRaw(int n, byte fill) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] chunk = new byte[MIB];
    Arrays.fill(chunk, fill);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    for (int left = n; left > 0; left -= chunk.length) {
      d.setInput(chunk, 0, Math.min(left, chunk.length));
      while (!d.needsInput()) {
        int k = d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
        out.write(buf, 0, k);
      }
    }
    int k;
    while ((k = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, k);
      if (k < buf.length) {
        break;
      }
    }
    d.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4);
  }

  /**
   * A WebSocket on a bare socket that offers permessage-deflate and can set RSV1 on a frame:
   * what a browser offers, and what no library client would send unless asked.
   */
  static final class DeflateWs implements AutoCloseable {
    static final int TEXT = 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;
    /** The Sec-WebSocket-Extensions the server answered ("" when none). */
    final String extensions;
    final List<String> texts = new ArrayList<>();

    DeflateWs(int port) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = line();
      if (!status.contains(" 101 ")) {
        throw new IOException("upgrade refused: " + status);
      }
      String ext = "";
      for (String h = line(); !h.isEmpty(); h = line()) {
        if (h.toLowerCase().startsWith("sec-websocket-extensions:")) {
          ext = h.substring(h.indexOf(':') + 1).trim();
        }
      }
      extensions = ext;
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new EOFException();
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    /** One masked, final frame; {@code rsv1}: "this message is compressed". */
    void frame(boolean rsv1, int opcode, byte[] payload) throws IOException {
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      h.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
      long length = payload.length;
      if (length < 126) {
        h.write(0x80 | (int) length);
      } else if (length < 65536) {
        h.write(0x80 | 126);
        h.write((int) (length >> 8));
        h.write((int) length);
      } else {
        h.write(0x80 | 127);
        for (int i = 7; i >= 0; i--) {
          h.write((int) (length >> (8 * i)));
        }
      }
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      h.write(mask);
      byte[] masked = new byte[payload.length];
      for (int i = 0; i < payload.length; i++) {
        masked[i] = (byte) (payload[i] ^ mask[i % 4]);
      }
      try {
        out.write(h.toByteArray());
        out.write(masked);
        out.flush();
      } catch (IOException closedWhileWriting) {
        // the server may close before reading it all: the close frame tells why
      }
    }

    /**
     * Sends the frame from another thread, so that the test thread reads meanwhile: the server
     * may answer (close) after the frame's header and then reset the connection for the bytes
     * it did not read, which would discard a close frame still unread in our buffer.
     */
    void sendWhileReading(boolean rsv1, int opcode, byte[] payload) {
      Thread t = new Thread(() -> {
        try {
          frame(rsv1, opcode, payload);
        } catch (IOException closedWhileWriting) {
          // the server closed first: the close frame tells why
        }
      }, "deflate-ws-writer");
      t.setDaemon(true);
      t.start();
    }

    /**
     * Reads until the server's close frame: its code, -1 when the connection dropped without
     * one, null when nothing came within {@code ms}. Text frames met on the way are kept.
     */
    Integer awaitClose(long ms) throws IOException {
      long deadline = System.currentTimeMillis() + ms;
      try {
        while (true) {
          socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
          int b0 = in.readUnsignedByte();
          int b1 = in.readUnsignedByte();
          long len = b1 & 0x7f;
          if (len == 126) {
            len = in.readUnsignedShort();
          } else if (len == 127) {
            len = in.readLong();
          }
          byte[] payload = new byte[(int) len];
          in.readFully(payload);
          int opcode = b0 & 0x0f;
          if (opcode == 8) {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          }
          if (opcode == TEXT) {
            texts.add(new String(payload, StandardCharsets.UTF_8));
          }
        }
      } catch (SocketTimeoutException e) {
        return null;
      } catch (EOFException | java.net.SocketException e) {
        return -1;
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
