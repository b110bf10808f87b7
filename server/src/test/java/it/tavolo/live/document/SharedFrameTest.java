package it.tavolo.live.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import it.tavolo.live.Committed;
import it.tavolo.live.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A fan-out's common frame: the same bytes a recipient would have been written one by one. */
class SharedFrameTest {
  private static RenderedBatch batch(long seq, String client, String text) {
    return RenderedBatch.of(new Committed(seq, UUID.randomUUID(), client, seq,
        "[{\"op\":\"set\",\"coll\":\"meta\",\"id\":\"m\",\"field\":\"title\",\"value\":\"" + text + "\"}]", List.of()));
  }

  @Test
  void isTheBatchFrameOfEveryOpsAndCursorInOrderAndEachWriteHasItsOwnReference() {
    RenderedBatch a = batch(7, "c-1", "Bando è aperto");
    RenderedBatch b = batch(8, "c-2", "Bando");
    PresenceOut cursor = new PresenceOut("c-3", "{\"type\":\"presence\",\"client\":\"c-3\"}");
    SharedFrame f = SharedFrame.of(List.of(a, b), List.of(cursor));
    String expected = Wire.batch(List.of(a.opsMessage(), b.opsMessage(), cursor.message()));
    assertTrue(f.usableBy(true));
    assertFalse(f.usableBy(false), "several messages need the batch extension");
    ByteBuf first = f.retainedBytes();
    ByteBuf second = f.retainedBytes();
    assertEquals(expected, first.toString(StandardCharsets.UTF_8));
    first.skipBytes(first.readableBytes());
    first.release(); // the socket releases what it wrote: the others stay readable
    assertEquals(expected, second.toString(StandardCharsets.UTF_8));
    second.release();
    assertEquals(expected, f.retainedBytes().toString(StandardCharsets.UTF_8));
  }

  @Test
  void oneMessageIsItsOwnFrameForEveryClientAndALargeFanOutIsWrittenPerRecipient() {
    RenderedBatch a = batch(3, "c-1", "x");
    SharedFrame one = SharedFrame.of(List.of(a), List.of());
    assertTrue(one.usableBy(false));
    assertEquals(a.opsMessage(), one.retainedBytes().toString(StandardCharsets.UTF_8));
    RenderedBatch big = batch(4, "c-1", "y".repeat(SharedFrame.MAX_BYTES));
    assertFalse(SharedFrame.of(List.of(big), List.of()).usableBy(true));
    assertFalse(SharedFrame.of(List.of(), List.of()).usableBy(true));
  }
}
