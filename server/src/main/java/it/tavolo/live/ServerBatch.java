package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * A batch the server writes itself: an accepted integration (author: the proposer, client id
 * {@code integration:<id>}), a restored version. {@code (clientId, clientSeq)} makes it
 * idempotent like a client's; {@code strict}: apply exactly as written or refuse.
 *
 * @param role the role the batch is sequenced with ("coordinator": passes proposal mode)
 * @param ops  the wire JSON array of ops, as they apply to the document at {@code baseSeq}
 */
public record ServerBatch(UUID author, String role, String clientId, long clientSeq, long baseSeq, JsonNode ops,
                          boolean strict) {
}
