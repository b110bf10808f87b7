package it.tavolo.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.Map;
import java.util.UUID;

/**
 * A tavolo's audit trail as the accounts layer writes to it (invitations, members, partners,
 * tavoli): implemented by the record layer's AuditStore, which keeps the hash chain
 * (docs/record.md). The accounts routes are given it by App, so they need not know the record
 * layer. Implementations are safe from any thread.
 */
public interface AuditTrail {
  /** One audited action; {@code doc} and {@code subject} may be null. */
  record Event(UUID tavolo, UUID actor, String action, UUID doc, String subject, Map<String, Object> details) {
  }

  /** Appends {@code e} inside the caller's transaction {@code tx}. */
  Future<Void> append(SqlClient tx, Event e);

  /** Appends {@code e} in a transaction of its own. */
  Future<Void> append(Event e);
}
