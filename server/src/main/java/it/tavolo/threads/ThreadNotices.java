package it.tavolo.threads;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Where comment events become notifications: called inside the transaction that stores the
 * comment, with that transaction's connection, so that no comment is stored without its
 * notices and none is recorded for a comment rolled back (a failed future rolls the comment
 * back too). {@code notices} may be empty. The notifications layer (inbox, email) implements
 * it; App passes it to {@link ThreadServices}.
 */
@FunctionalInterface
public interface ThreadNotices {
  Future<Void> record(SqlConnection tx, List<ThreadNotice> notices);

  /** Records nothing: until the notifications layer is plugged in (App), comments tell nobody. */
  ThreadNotices NONE = (tx, notices) -> Future.succeededFuture();
}
