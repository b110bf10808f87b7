package it.tavolo.core.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import it.tavolo.core.ops.OpCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequencerTest {
  private static Submission sub(String client, long clientSeq, long base, String opsJson) {
    return new Submission("u-" + client, Role.MEMBER, client, clientSeq, base, OpCodec.decodeBatch(opsJson));
  }

  @Test
  void concurrentTypingConvergesOnServer() {
    Sequencer s = new Sequencer();
    assertInstanceOf(SubmitResult.Accepted.class, s.submit(sub("a", 1, 0,
        "[{\"op\":\"create\",\"coll\":\"sections\",\"id\":\"s1\",\"fields\":{\"order\":\"a\",\"body\":\"ab\"}}]"), 1));
    assertInstanceOf(SubmitResult.Accepted.class, s.submit(sub("a", 2, 1,
        "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":[1,\"A\",1]}]"), 2));
    SubmitResult r = s.submit(sub("b", 1, 1,
        "[{\"op\":\"text\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"body\",\"edit\":[1,\"B\",1]}]"), 3);
    assertInstanceOf(SubmitResult.Accepted.class, r);
    assertEquals("aBAb", s.state().value("sections", "s1", "body"));
    assertEquals(new SubmitResult.Duplicate(1, 3), s.submit(sub("b", 1, 1, "[]"), 4));
    assertEquals(List.of(new it.tavolo.core.text.AuthorRuns.Run(1, "u-a"), new it.tavolo.core.text.AuthorRuns.Run(1, "u-b"),
        new it.tavolo.core.text.AuthorRuns.Run(2, "u-a")), s.state().authorRuns("sections", "s1", "body").runs());
  }
}
