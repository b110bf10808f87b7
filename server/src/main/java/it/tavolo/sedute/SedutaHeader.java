package it.tavolo.sedute;

import io.vertx.sqlclient.Row;
import it.tavolo.core.sedute.SedutaMode;
import it.tavolo.core.sedute.SedutaState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A seduta's own row: when, how, where, its state and the agenda item in discussion. */
record SedutaHeader(UUID id, UUID tavoloId, String title, Instant startsAt, SedutaMode mode, String place,
                    String callUrl, SedutaState state, UUID currentItem, Instant createdAt,
                    Instant openedAt, Instant closedAt, UUID openedBy, UUID closedBy) {

  static final String COLUMNS = "s.id, s.tavolo_id, s.title, s.starts_at, s.mode, s.place, s.call_url, s.state, "
      + "s.current_item, s.created_at, s.opened_at, s.closed_at, s.opened_by, s.closed_by";

  static SedutaHeader from(Row r) {
    return new SedutaHeader(r.getUUID("id"), r.getUUID("tavolo_id"), r.getString("title"),
        instant(r, "starts_at"), SedutaMode.parse(r.getString("mode")).orElseThrow(), r.getString("place"),
        r.getString("call_url"), SedutaState.parse(r.getString("state")).orElseThrow(), r.getUUID("current_item"),
        instant(r, "created_at"), instant(r, "opened_at"), instant(r, "closed_at"),
        r.getUUID("opened_by"), r.getUUID("closed_by"));
  }

  static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
