package it.tavolo.faults;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Base64;

/**
 * A WebSocket client on a bare socket, for what no library client will do: frames with any
 * opcode and any bytes (invalid UTF-8, a message split anywhere), a frame header promising
 * more than is sent, and a connection cut with a TCP reset in the middle of a frame.
 */
final class RawWs implements AutoCloseable {
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CONTINUATION = 0;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  /** The close code the server sent, once a close frame was read. */
  Integer closeCode;

  RawWs(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = line();
    if (!status.contains(" 101 ")) {
      int length = 0;
      for (String h = line(); !h.isEmpty(); h = line()) {
        if (h.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        }
      }
      byte[] body = new byte[length];
      in.readFully(body);
      socket.close();
      throw new IOException("upgrade refused: " + status + " " + new String(body, StandardCharsets.UTF_8));
    }
    while (!line().isEmpty()) {
      // headers
    }
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

  /** One masked frame (as a client must send), all of its payload. */
  void frame(int opcode, boolean fin, byte[] payload) throws IOException {
    out.write(header(opcode, fin, payload.length));
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    out.write(mask);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(masked);
    out.flush();
  }

  void text(String s) throws IOException {
    frame(TEXT, true, s.getBytes(StandardCharsets.UTF_8));
  }

  /** A frame header promising {@code declared} bytes, followed by only {@code sent} of them. */
  void partialFrame(int opcode, long declared, byte[] sent) throws IOException {
    out.write(header(opcode, true, declared));
    out.write(new byte[4]); // zero mask: the payload goes as is
    out.write(sent);
    out.flush();
  }

  private static byte[] header(int opcode, boolean fin, long length) {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    h.write((fin ? 0x80 : 0) | opcode);
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
    return h.toByteArray();
  }

  /** The next text message within {@code ms} (pings answered, close recorded), or null. */
  JsonNode next(long ms) throws IOException {
    socket.setSoTimeout((int) Math.max(1, ms));
    try {
      while (true) {
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
          closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          return null;
        }
        if (opcode == 9) {
          frame(10, true, payload);
          continue;
        }
        if (opcode == TEXT) {
          return WsPeer.JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        }
      }
    } catch (SocketTimeoutException e) {
      return null;
    } catch (EOFException | java.net.SocketException e) {
      if (closeCode == null) {
        closeCode = -1; // dropped without a close frame
      }
      return null;
    }
  }

  /** Cuts the connection with a TCP reset: no close frame, no FIN, as a dead network looks. */
  void reset() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // already gone
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
