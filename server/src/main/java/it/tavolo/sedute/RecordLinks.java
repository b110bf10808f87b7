package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a seduta finds the integrations accepted and versions consolidated on its tavolo's
 * documents between two instants. Linking by time window and tavolo keeps the sedute layer
 * independent of how the record layer stores its events.
 */
interface RecordLinks {
  Future<List<RecordLink>> during(SqlClient c, UUID tavoloId, Instant from, Instant to);

  /** Until the record layer's tables exist there is nothing to link. */
  RecordLinks NONE = (c, tavoloId, from, to) -> Future.succeededFuture(List.of());
}
