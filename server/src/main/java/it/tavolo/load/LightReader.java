package it.tavolo.load;

import java.util.List;

/**
 * A light client's reading of stream messages ({@link FrameScan}): its copy's seq advances
 * with every batch (others' reach it empty: it types only into a section of its own), its
 * own batches are acked, the rest is counted. Runs on its client's event loop, as the
 * client's frames are read.
 */
final class LightReader implements FrameScan.Visitor {
  private final LoadClient client;

  LightReader(LoadClient client) {
    this.client = client;
  }

  @Override
  public void ops(long seq, String author, String from, long fromSeq) {
    client.stats().message("ops");
    try {
      client.doc().onBatch(seq, author, from, fromSeq, List.of());
    } catch (RuntimeException e) {
      client.stats().error("client_engine", client.clientId + ": " + e);
    }
    client.sendNext();
  }

  @Override
  public void ack(long clientSeq, long seq) {
    LoadStats stats = client.stats();
    stats.message("ack");
    if (stats.recording) {
      stats.acks.increment();
    }
    try {
      client.doc().onAck(clientSeq, seq);
    } catch (RuntimeException e) {
      stats.error("client_engine", client.clientId + ": " + e);
    }
    client.sendNext();
  }

  @Override
  public void other(String type) {
    client.stats().message(type);
  }
}
