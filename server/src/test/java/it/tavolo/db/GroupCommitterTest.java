package it.tavolo.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.TestServer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Group commit across documents: one transaction for the groups that wait together, conflicts kept apart. */
class GroupCommitterTest {
  private final OpLogStore store = new OpLogStore(TestServer.pool());

  private static List<OpLogEntry> group(UUID doc, long seq) {
    return List.of(new OpLogEntry(doc, seq, DemoSeed.COORDINATOR.id(), "gc-" + UUID.randomUUID(), 1, null, "[]"));
  }

  @Test
  void groupsOfSeveralDocumentsWaitingTogetherShareOneTransaction() throws Exception {
    GroupCommitter committer = new GroupCommitter(store, 1, 1000);
    UUID a = TestServer.freshTavolo().documentId();
    UUID b = TestServer.freshTavolo().documentId();
    UUID c = TestServer.freshTavolo().documentId();
    long before = store.appendTransactions();
    Future<Void> first = committer.append(group(a, 2));   // goes at once
    Future<Void> second = committer.append(group(b, 2));  // these two wait for it, then go together
    Future<Void> third = committer.append(group(c, 2));
    Future.all(first, second, third).await(30, TimeUnit.SECONDS);
    assertEquals(2, store.appendTransactions() - before);
    for (UUID doc : List.of(a, b, c)) {
      assertEquals(2, store.headSeq(doc).await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aConflictFailsOnlyTheDocumentThatLostTheRace() throws Exception {
    GroupCommitter committer = new GroupCommitter(store, 1, 1000);
    UUID a = TestServer.freshTavolo().documentId();
    UUID b = TestServer.freshTavolo().documentId();
    UUID c = TestServer.freshTavolo().documentId();
    Future<Void> first = committer.append(group(a, 2));
    Future<Void> fine = committer.append(group(b, 2));
    Future<Void> lost = committer.append(group(c, 1)); // seq 1 is taken: "another process" wrote it
    Future.join(first, fine, lost).transform(x -> Future.succeededFuture()).await(30, TimeUnit.SECONDS);
    assertTrue(first.succeeded() && fine.succeeded(), "the other documents' groups commit");
    assertInstanceOf(SeqConflictException.class, lost.cause());
    assertEquals(2, store.headSeq(b).await(10, TimeUnit.SECONDS));
    assertEquals(1, store.headSeq(c).await(10, TimeUnit.SECONDS));
  }
}
