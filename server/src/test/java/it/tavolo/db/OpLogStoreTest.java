package it.tavolo.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import it.tavolo.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The op log against the real (embedded) PostgreSQL of the test server. */
class OpLogStoreTest {
  static Pool pool;
  static OpLogStore store;

  @BeforeAll
  static void start() {
    pool = TestServer.pool();
    store = new OpLogStore(pool);
  }

  static UUID newDocument() throws Exception {
    UUID tavolo = UUID.randomUUID();
    UUID doc = UUID.randomUUID();
    await(pool.preparedQuery("insert into tavoli (id, title) values ($1, 't')").execute(Tuple.of(tavolo)));
    await(pool.preparedQuery("insert into documents (id, tavolo_id, title) values ($1, $2, 'd')").execute(Tuple.of(doc, tavolo)));
    return doc;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  static OpLogEntry entry(UUID doc, long seq, String client, long clientSeq) {
    return new OpLogEntry(doc, seq, UUID.randomUUID(), client, clientSeq, null,
        "[{\"op\":\"set\",\"coll\":\"sections\",\"id\":\"s1\",\"field\":\"title\",\"value\":\"v" + seq + "\"}]");
  }

  @Test
  void appendsAGroupInOneTransactionAndReadsItBackInSeqOrder() throws Exception {
    UUID doc = newDocument();
    long tx = store.appendTransactions();
    await(store.append(List.of(entry(doc, 1, "a", 1), entry(doc, 2, "b", 1), entry(doc, 3, "a", 2))));
    assertEquals(tx + 1, store.appendTransactions());

    List<OpLogEntry> all = await(store.after(doc, 0, 100));
    assertEquals(List.of(1L, 2L, 3L), all.stream().map(OpLogEntry::seq).toList());
    // one transaction: one commit timestamp for the whole group
    assertEquals(1, all.stream().map(OpLogEntry::committedAt).distinct().count());
    assertTrue(all.get(0).opsJson().contains("\"v1\""));
    assertEquals(List.of(3L), await(store.after(doc, 2, 100)).stream().map(OpLogEntry::seq).toList());
    assertEquals(List.of(2L), await(store.range(doc, 1, 2)).stream().map(OpLogEntry::seq).toList());
    assertEquals(3L, await(store.headSeq(doc)));
    assertEquals(2L, await(store.lastClientSeq(doc, "a")));
    assertEquals(0L, await(store.lastClientSeq(doc, "nobody")));
    assertEquals(2L, await(store.byClient(doc, "b", 1)).orElseThrow().seq());
    assertTrue(await(store.byClient(doc, "b", 2)).isEmpty());
  }

  @Test
  void aTakenSeqFailsTheWholeGroupAsAConflict() throws Exception {
    UUID doc = newDocument();
    await(store.append(List.of(entry(doc, 1, "other-process", 1))));
    Throwable err = assertThrows(Exception.class,
        () -> await(store.append(List.of(entry(doc, 1, "a", 1), entry(doc, 2, "a", 2)))));
    SeqConflictException conflict = assertInstanceOf(SeqConflictException.class, rootOrSelf(err));
    assertEquals("op_log_pkey", conflict.constraint());
    assertEquals(List.of(1L), await(store.after(doc, 0, 100)).stream().map(OpLogEntry::seq).toList());
  }

  @Test
  void aClientBatchCommittedTwiceIsAConflict() throws Exception {
    UUID doc = newDocument();
    await(store.append(List.of(entry(doc, 1, "a", 7))));
    Throwable err = assertThrows(Exception.class, () -> await(store.append(List.of(entry(doc, 2, "a", 7)))));
    assertInstanceOf(SeqConflictException.class, rootOrSelf(err));
  }

  @Test
  void snapshotsLoadNewestFirstAndIgnoreASecondWriteAtTheSameSeq() throws Exception {
    UUID doc = newDocument();
    assertTrue(await(store.latestSnapshot(doc)).isEmpty());
    await(store.writeSnapshot(doc, 5, "{\"n\":5}"));
    await(store.writeSnapshot(doc, 9, "{\"n\":9}"));
    await(store.writeSnapshot(doc, 9, "{\"n\":\"other\"}"));
    OpLogStore.StoredSnapshot s = await(store.latestSnapshot(doc)).orElseThrow();
    assertEquals(9, s.seq());
    assertEquals("{\"n\": 9}", s.stateJson());
  }

  @Test
  void theLogRefusesUpdatesAndDeletes() throws Exception {
    UUID doc = newDocument();
    await(store.append(List.of(entry(doc, 1, "a", 1))));
    assertThrows(Exception.class, () -> await(pool.query("update op_log set client_seq = 9").execute()));
    assertThrows(Exception.class, () -> await(pool.query("delete from op_log").execute()));
    assertEquals(1, await(store.after(doc, 0, 10)).size());
  }

  @Test
  void concurrentGroupsEachCommitWhole() throws Exception {
    UUID doc = newDocument();
    List<Future<Void>> fs = new ArrayList<>();
    for (int g = 0; g < 10; g++) {
      List<OpLogEntry> group = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long seq = g * 20L + i + 1;
        group.add(entry(doc, seq, "c" + g, i + 1));
      }
      fs.add(store.append(group));
    }
    await(Future.all(fs));
    assertEquals(200, await(store.after(doc, 0, 1000)).size());
  }

  static Throwable rootOrSelf(Throwable t) {
    while (!(t instanceof SeqConflictException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
