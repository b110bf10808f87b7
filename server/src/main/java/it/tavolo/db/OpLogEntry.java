package it.tavolo.db;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One committed batch as the op log holds it. {@code opsJson} is the wire JSON array of
 * the batch's ops after transformation (exactly what other clients were sent).
 * {@code committedAt} is null for an entry not yet written.
 */
public record OpLogEntry(UUID doc, long seq, UUID author, String clientId, long clientSeq,
                         OffsetDateTime committedAt, String opsJson) {
}
