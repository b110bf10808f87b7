package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A bare-socket WebSocket client with a tiny receive buffer that reads only when told to:
 * a peer that stops reading (or has died) as the server really sees it — no automatic pong,
 * and the server's socket backs up after a few KB.
 */
final class RawWsClient implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  final List<JsonNode> messages = new ArrayList<>();
  int batchFrames;
  Integer closeCode;
  /**
   * When {@link #readMessage} gives up (epoch millis). Pings are answered inside it, and a
   * server pings every few seconds, so the socket's read timeout alone never ends a wait for
   * a message that is not coming: a lost batch would be read for forever.
   */
  long deadline = Long.MAX_VALUE;
  private ByteArrayOutputStream partial;

  RawWsClient(int port) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = readLine();
    if (!status.contains(" 101 ")) {
      throw new IOException("upgrade refused: " + status);
    }
    while (!readLine().isEmpty()) {
      // headers
    }
  }

  private String readLine() throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  void sendText(String text) throws IOException {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | opcode);
    if (payload.length < 126) {
      f.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      f.write(0x80 | 126);
      f.write(payload.length >> 8);
      f.write(payload.length);
    } else {
      f.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >> (8 * i)));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    f.write(mask);
    for (int i = 0; i < payload.length; i++) {
      f.write(payload[i] ^ mask[i % 4]);
    }
    out.write(f.toByteArray());
    out.flush();
  }

  /**
   * Reads frames until one whole message (answering pings) or the close; false on close.
   * Throws once {@link #deadline} has passed with no message (only pings meanwhile).
   */
  boolean readMessage() throws IOException {
    while (true) {
      if (System.currentTimeMillis() > deadline) {
        throw new java.net.SocketTimeoutException("no message before the deadline (pings only) after "
            + messages.size() + " messages");
      }
      int b0 = in.read();
      if (b0 < 0) {
        return false;
      }
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
      boolean fin = (b0 & 0x80) != 0;
      switch (opcode) {
        case 0x9 -> sendFrame(0xA, payload);
        case 0x8 -> {
          closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          return false;
        }
        case 0x1, 0x0 -> {
          if (partial == null) {
            partial = new ByteArrayOutputStream();
          }
          partial.write(payload);
          if (fin) {
            JsonNode n = LiveClient.JSON.readTree(partial.toString(StandardCharsets.UTF_8));
            partial = null;
            if (n.path("type").asText().equals("batch")) {
              batchFrames++;
              n.path("messages").forEach(messages::add);
            } else {
              messages.add(n);
            }
            return true;
          }
        }
        default -> {
          // pong and others: nothing to do
        }
      }
    }
  }

  /** Reads until a message of {@code type} arrives; returns it. */
  JsonNode readUntil(String type) throws IOException {
    int from = messages.size();
    while (readMessage()) {
      for (int i = from; i < messages.size(); i++) {
        if (messages.get(i).path("type").asText().equals(type)) {
          return messages.get(i);
        }
      }
      from = messages.size();
    }
    throw new IOException("closed (" + closeCode + ") before a " + type);
  }

  List<Long> opsSeqs() {
    List<Long> seqs = new ArrayList<>();
    messages.stream().filter(m -> m.path("type").asText().equals("ops")).forEach(m -> seqs.add(m.path("seq").asLong()));
    return seqs;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
