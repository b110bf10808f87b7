package it.tavolo.live;

import java.util.List;
import java.util.UUID;

/**
 * A committed batch as the live layer keeps it for broadcast and catch-up: its transformed
 * ops as wire JSON and, for the sender's ack, what transformation did to its ops.
 */
public record Committed(long seq, UUID author, String clientId, long clientSeq, String opsJson, List<Note> notes) {
  /**
   * What happened to op {@code index} of the batch as sent: {@code dropped} (it became a no-op,
   * e.g. {@code entity_deleted}) or kept in a changed form (e.g. {@code reference_cleared}).
   */
  public record Note(int index, String reason, boolean dropped) {
  }
}
