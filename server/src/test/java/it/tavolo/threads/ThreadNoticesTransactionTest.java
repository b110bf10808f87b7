package it.tavolo.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import it.tavolo.App;
import it.tavolo.core.anchor.Anchor;
import it.tavolo.demo.DemoSeed;
import it.tavolo.record.History;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadNotices} as the notifications layer will see it: called inside the comment's
 * transaction (the comment is already visible there), with the right people, and a failure
 * there stores nothing. Threads is built here with the running server's own services.
 */
class ThreadNoticesTransactionTest {
  private record Call(List<ThreadNotice> notices, long commentRowsInTx) {}

  private static Threads threads(ThreadNotices notices) {
    App app = TestServer.app();
    return new Threads(app.context(), app.auth(), new History(app.context().vertx(), app.context().pool()),
        app.live().store(), app.live().owners(), notices, ThreadSettings.from(Map.of()));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  @Test
  void noticesAreRecordedInTheCommentsTransactionForTheMentionedAndTheOthersInTheThread() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    List<Call> calls = new ArrayList<>();
    Threads th = threads((tx, notices) -> tx.preparedQuery("select count(*) as n from thread_comments where id = $1")
        .execute(Tuple.of(notices.isEmpty() ? UUID.randomUUID() : notices.get(0).commentId()))
        .map(rows -> {
          calls.add(new Call(notices, rows.iterator().next().getLong("n")));
          return null;
        }));
    UUID sara = DemoSeed.ETS1.id();
    UUID giulia = DemoSeed.COORDINATOR.id();
    UUID luca = DemoSeed.ETS2.id();
    var created = await(th.writer(sara, t.documentId()).compose(a ->
        th.create(a, sara, Anchor.entity("activities", "act-1", ""), 1, "Chi la guida, @coordinatore?")));
    assertEquals(1, calls.size());
    assertEquals(1, calls.get(0).commentRowsInTx(), "the comment is in the transaction the notices are written in");
    assertEquals(List.of(giulia), calls.get(0).notices().stream().map(ThreadNotice::userId).toList());
    assertEquals("mention", calls.get(0).notices().get(0).kind());
    assertEquals(t.id(), calls.get(0).notices().get(0).tavoloId());

    UUID thread = UUID.fromString(created.getString("id"));
    await(th.writer(luca, t.documentId()).compose(a -> th.reply(a, luca, thread, "La guida il Consorzio.")));
    List<ThreadNotice> reply = calls.get(1).notices();
    assertEquals(java.util.Set.of(sara, giulia), java.util.Set.copyOf(reply.stream().map(ThreadNotice::userId).toList()),
        "who started it and who was mentioned in it; not the author");
    assertEquals(List.of("reply", "reply"), reply.stream().map(ThreadNotice::kind).toList());
    assertEquals(2, reply.size(), "each once");
    assertEquals("La guida il Consorzio.", reply.get(0).excerpt());
  }

  @Test
  void aFailureToRecordTheNoticesStoresNoComment() throws Exception {
    TestServer.Tavolo t = TestServer.freshTavolo();
    Threads th = threads((tx, notices) -> Future.failedFuture(new IllegalStateException("inbox unavailable")));
    UUID sara = DemoSeed.ETS1.id();
    assertThrows(Exception.class, () -> await(th.writer(sara, t.documentId()).compose(a ->
        th.create(a, sara, Anchor.entity("activities", "act-1", ""), 1, "Ciao @coordinatore"))));
    long rows = TestServer.pool().preparedQuery("select count(*) as n from threads where doc_id = $1")
        .execute(Tuple.of(t.documentId())).await(30, TimeUnit.SECONDS).iterator().next().getLong("n");
    assertEquals(0, rows, "no thread without its notices");
  }
}
