package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.core.sequencer.Sequencer;
import it.tavolo.testing.ExternalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the database really holds for a document, read by the test itself (JDBC), and the
 * document rebuilt from it by the core alone: the truth the checks compare everything with,
 * whether or not a server is running.
 */
final class OpLog {
  record Row(long seq, String author, String clientId, long clientSeq, long time, String ops) {}

  final List<Row> rows;

  private OpLog(List<Row> rows) {
    this.rows = rows;
  }

  /** Reads over a connection of its own (one opened before an outage would be dead). */
  static OpLog read(ExternalPostgres pg, UUID doc) {
    List<Row> rows = new ArrayList<>();
    try (Connection c = pg.jdbc(); PreparedStatement st = c.prepareStatement(
        "select seq, author, client_id, client_seq, committed_at, ops::text from op_log where doc_id = ? order by seq")) {
      st.setObject(1, doc);
      try (ResultSet r = st.executeQuery()) {
        while (r.next()) {
          rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4),
              r.getTimestamp(5).getTime(), r.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new OpLog(rows);
  }

  long head() {
    return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seq();
  }

  /** The document as the core rebuilds it from the whole log. */
  DocumentState replay() {
    List<CommittedBatch> batches = new ArrayList<>();
    for (Row r : rows) {
      batches.add(new CommittedBatch(r.seq(), r.author(), r.clientId(), r.clientSeq(), r.time(),
          OpCodec.decodeBatch(r.ops())));
    }
    return Sequencer.restore(null, batches, Limits.DEFAULT).state();
  }

  /** clientSeq → seq of one client's committed batches. */
  Map<Long, Long> batchesOf(String clientId) {
    Map<Long, Long> out = new TreeMap<>();
    for (Row r : rows) {
      if (r.clientId().equals(clientId)) {
        Long was = out.put(r.clientSeq(), r.seq());
        assertTrue(was == null, clientId + "'s batch " + r.clientSeq() + " is in the log twice");
      }
    }
    return out;
  }

  /** Seqs are 1..head without a gap or a repeat. */
  void assertContiguous() {
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i + 1, rows.get(i).seq(), "the op log's seqs have a gap or repeat at row " + i);
    }
  }

  /**
   * The evidence of {@code t}'s marker edits in a committed state: its section reads
   * {@code ‹1›…‹j›} under the title {@code Marcatore j}, set by the same batches. Returns j.
   */
  static int markersIn(DocumentState d, Typist t) {
    if (!d.exists("sections", t.ownSection)) {
      return 0;
    }
    String own = d.textView("sections", t.ownSection, "body").toString();
    int j = 0;
    StringBuilder expected = new StringBuilder();
    while (expected.length() < own.length()) {
      expected.append(Typist.mark(++j));
    }
    assertEquals(expected.toString(), own, t.clientId + "'s markers are not 1..j each once, in order");
    assertEquals(j == 0 ? Typist.firstTitle(t.clientId) : Typist.title(j), d.value("sections", t.ownSection, "title"),
        t.clientId + ": the text has marker " + j + " but the title (set by the same batch) disagrees: half-applied");
    return j;
  }
}
