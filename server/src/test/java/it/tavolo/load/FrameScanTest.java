package it.tavolo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The light clients' reading of stream frames, on frames as the server writes them. */
class FrameScanTest {
  private static List<String> read(String frame) {
    List<String> seen = new ArrayList<>();
    FrameScan.scan(frame, new FrameScan.Visitor() {
      @Override
      public void ops(long seq, String author, String client, long clientSeq) {
        seen.add("ops " + seq + " " + author + " " + client + " " + clientSeq);
      }

      @Override
      public void ack(long clientSeq, long seq) {
        seen.add("ack " + clientSeq + " " + seq);
      }

      @Override
      public void other(String type) {
        seen.add(type);
      }
    });
    return seen;
  }

  @Test
  void readsEveryMessageOfABatchFrameInOrderSkippingOpsThatLookLikeMessages() {
    String ops = "{\"type\":\"ops\",\"seq\":41,\"author\":\"u-1\",\"client\":\"c-1\",\"clientSeq\":7,\"ops\":[{\"op\":\"text\","
        + "\"coll\":\"sections\",\"id\":\"s\",\"field\":\"body\",\"delta\":[3,\"{\\\"type\\\":\\\"ack\\\",\\\"seq\\\":9}]\"]},"
        + "{\"op\":\"set\",\"coll\":\"x\",\"id\":\"y\",\"field\":\"v\",\"value\":{\"type\":\"ack\",\"clientSeq\":1,\"seq\":2}}]}";
    String ack = "{\"type\":\"ack\",\"clientSeq\":8,\"seq\":42,\"changed\":[{\"index\":0,\"reason\":\"r\"}]}";
    String presence = "{\"type\":\"presence\",\"user\":\"u-2\",\"client\":\"c-2\",\"focus\":{\"coll\":\"sections\"},\"typing\":true}";
    String frame = "{\"type\":\"batch\",\"messages\":[" + ops + "," + ack + "," + presence + "]}";
    assertEquals(List.of("ops 41 u-1 c-1 7", "ack 8 42", "presence"), read(frame));
    assertEquals(List.of("ops 41 u-1 c-1 7"), read(ops));
    assertEquals(List.of("ack 8 42"), read(ack));
  }

  @Test
  void onlyStreamFramesAreReadCheaply() {
    assertTrue(FrameScan.isStream("{\"type\":\"batch\",\"messages\":[]}"));
    assertFalse(FrameScan.isStream("{\"type\":\"welcome\",\"seq\":3}"));
    assertFalse(FrameScan.isStream("{\"type\":\"error\",\"code\":\"rate_limited\"}"));
  }
}
