package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md, the {@code too_large} row: a message over 256 KiB is answered with
 * {@code too_large} and the connection stays; a frame over 1 MiB is cut by the transport with
 * close 1009 and no error message. Plain frames, no compression offered (a bare socket).
 */
class TransportLimitsTest {

  private static RawWsClient joined(String client) throws Exception {
    RawWsClient c = new RawWsClient(TestServer.port());
    c.sendText("{\"type\":\"hello\",\"token\":\"" + LiveClient.token("ets1") + "\",\"doc\":\"" + DemoSeed.DOCUMENT_ID
        + "\",\"client\":\"" + client + "\",\"since\":null}");
    c.readUntil("welcome");
    return c;
  }

  /** A submit whose frame is {@code bytes} long or a little more. */
  private static String submitOf(int bytes) {
    return "{\"type\":\"submit\",\"clientSeq\":1,\"baseSeq\":0,\"ops\":[{\"op\":\"text\",\"coll\":\"sections\","
        + "\"id\":\"sec-1\",\"field\":\"body\",\"edit\":[\"" + "x".repeat(bytes) + "\"]}]}";
  }

  @Test
  void aMessageOverTheLimitIsRefusedWithTooLargeAndTheConnectionStays() throws Exception {
    try (RawWsClient c = joined("limits-large-" + System.nanoTime())) {
      c.sendText(submitOf(300 * 1024));
      JsonNode e = c.readUntil("error");
      assertNotNull(e, "an error, not a close (closed " + c.closeCode + ")");
      assertEquals("too_large", e.path("code").asText(), e.toString());
      c.sendText("{\"type\":\"ping\"}");
      assertNotNull(c.readUntil("pong"), "the connection stays open");
    }
  }

  @Test
  void aFrameOverTheTransportLimitIsCutWithClose1009AndNoErrorMessage() throws Exception {
    try (RawWsClient c = joined("limits-frame-" + System.nanoTime())) {
      int before = c.messages.size();
      String huge = submitOf((int) it.tavolo.live.LiveSettings.TRANSPORT_MAX_BYTES + 1);
      // written from another thread while this one reads: the server closes after the frame's
      // header and resets the connection for the bytes it never read, which would discard a
      // close frame still unread here
      Thread writer = new Thread(() -> {
        try {
          c.sendText(huge);
        } catch (IOException closedWhileWriting) {
          // expected: the close frame says why
        }
      }, "oversize-writer");
      writer.setDaemon(true);
      writer.start();
      try {
        while (c.readMessage()) {
          // anything the server says before closing is checked below
        }
      } catch (IOException dropped) {
        throw new AssertionError("the connection dropped without a close frame (" + dropped + ")", dropped);
      }
      assertEquals(1009, c.closeCode, "close 1009 (message too big), as documented");
      for (JsonNode m : c.messages.subList(before, c.messages.size())) {
        assertFalse(m.path("type").asText().equals("error"), "no error message, only the close: " + m);
      }
    }
  }
}
