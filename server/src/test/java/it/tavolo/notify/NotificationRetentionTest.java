package it.tavolo.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import it.tavolo.App;
import it.tavolo.demo.DemoSeed;
import it.tavolo.testing.OtherProcesses;
import it.tavolo.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Old read notifications are deleted (README, TAVOLO_NOTIFICATION_RETENTION_DAYS), in bounded
 * batches, and nothing else is. The rows here are 10 days old and the retention 5 days, so the
 * shared server's own sweeper (180 days) never takes them from under the test.
 */
class NotificationRetentionTest {
  private static final UUID SARA = DemoSeed.ETS1.id();

  private static Pool pool() {
    return TestServer.app().context().pool();
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} notifications of Sara's made {@code ageDays} ago; read a day later if {@code read}. */
  private static List<Long> insert(int count, int ageDays, boolean read, boolean digest) {
    List<Long> ids = new ArrayList<>();
    for (Row r : await(pool().preparedQuery("insert into notifications (user_id, kind, payload, created_at, read_at, digest_due) "
            + "select $1, 'mention', '{\"title\":\"Vecchia\"}'::jsonb, now() - $2 * interval '1 day', "
            + "case when $3 then now() - ($2 - 1) * interval '1 day' end, $4 from generate_series(1, $5) returning id")
        .execute(Tuple.of(SARA, ageDays, read, digest, count)))) {
      ids.add(r.getLong("id"));
    }
    return ids;
  }

  /** A mail for notification {@code id}, already sent or still due. */
  private static long mail(long id, boolean sent) {
    return await(pool().preparedQuery("insert into mail_outbox (user_id, notification_id, kind, to_address, subject, body_text, "
            + "body_html, sent_at) values ($1, $2, 'mention', 'ets1@demo.tavolo', 'Oggetto', 'Testo', '<p>Testo</p>', "
            + "case when $3 then now() end) returning id")
        .execute(Tuple.of(SARA, id, sent))).iterator().next().getLong("id");
  }

  private static boolean exists(long id) {
    return await(pool().preparedQuery("select 1 from notifications where id = $1").execute(Tuple.of(id))).size() == 1;
  }

  private static long left(List<Long> ids) {
    return ids.stream().filter(NotificationRetentionTest::exists).count();
  }

  private static NotificationRetention retention(int days, int batch, int maxBatches) {
    return new NotificationRetention(TestServer.app().context().vertx(), new NotificationStore(pool()), days, 3_600_000,
        batch, maxBatches);
  }

  @Test
  void aSweepDeletesReadNotificationsOlderThanTheRetentionAndKeepsUnreadRecentAndStillNeededOnes() {
    long oldRead = insert(1, 10, true, false).get(0);
    long oldUnread = insert(1, 10, false, false).get(0);
    long recentRead = insert(1, 2, true, false).get(0);
    long forTheDigest = insert(1, 10, true, true).get(0);
    long mailedRead = insert(1, 10, true, false).get(0);
    long sentMail = mail(mailedRead, true);
    long mailPending = insert(1, 10, true, false).get(0);
    mail(mailPending, false);

    await(retention(5, 1_000, 50).sweep());

    assertTrue(!exists(oldRead), "read and older than the retention: gone");
    assertTrue(exists(oldUnread), "unread: nobody has seen it yet");
    assertTrue(exists(recentRead), "younger than the retention");
    assertTrue(exists(forTheDigest), "the digest has yet to take it");
    assertTrue(exists(mailPending), "its mail has yet to go");
    assertTrue(!exists(mailedRead), "read, old, its mail sent: gone");
    Row kept = await(pool().preparedQuery("select notification_id, sent_at from mail_outbox where id = $1")
        .execute(Tuple.of(sentMail))).iterator().next();
    assertNull(kept.getValue("notification_id"), "the sent mail stays, naming it no more");
    assertTrue(kept.getValue("sent_at") != null);
  }

  @Test
  void aSweepDeletesInBoundedBatchesAndLeavesTheRestForTheNext() {
    List<Long> ids = insert(25, 10, true, false);
    NotificationRetention r = retention(5, 10, 2);
    assertTrue(await(r.sweep()) >= 20, "two batches of ten");
    assertEquals(5, left(ids), "at most two batches of ten in one sweep: five wait for the next");
    await(r.sweep());
    assertEquals(0, left(ids));
  }

  @Test
  void aRetentionOfZeroKeepsEverything() {
    long oldRead = insert(1, 10, true, false).get(0);
    assertEquals(0, await(retention(0, 10, 2).sweep()));
    assertTrue(exists(oldRead));
    await(retention(5, 1_000, 50).sweep()); // tidy up after itself
  }

  @Test
  void aServerSweepsOnItsOwnEveryIntervalWithTheRetentionItIsGiven() {
    App app = TestServer.startAppWith(
        Map.of("TAVOLO_NOTIFICATION_RETENTION_DAYS", "5", "TAVOLO_NOTIFICATION_SWEEP_MILLIS", "200"),
        Map.of("DATABASE_URL", OtherProcesses.databaseUrl(), "TAVOLO_DEMO", "false"));
    try {
      long oldRead = insert(1, 10, true, false).get(0);
      long recentRead = insert(1, 2, true, false).get(0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (exists(oldRead) && System.nanoTime() < deadline) {
        it.tavolo.testing.Ws.sleep(100);
      }
      assertTrue(!exists(oldRead), "the server's periodic sweep deleted it");
      assertTrue(exists(recentRead));
    } finally {
      OtherProcesses.stop(app);
    }
  }
}
