package it.tavolo.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import it.tavolo.notify.Notifications;
import java.util.List;

/**
 * Where the threads layer meets the notifications layer: each mention or reply a comment
 * causes becomes an inbox entry (and, by the user's choice, an email) in the comment's own
 * transaction, so a comment is never stored without its notifications nor the reverse.
 * The threads layer reaches the notifications layer only through this class (threads depends on notify, never the reverse); App hands it to Threads as its ThreadNotices.
 *
 * <p>Stateless; called on whatever context runs the comment's transaction.
 */
public final class ThreadsToInbox implements ThreadNotices {
  private final Notifications notifications;

  public ThreadsToInbox(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public Future<Void> record(SqlConnection tx, List<ThreadNotice> notices) {
    Future<?> chain = Future.succeededFuture();
    for (ThreadNotice n : notices) {
      chain = chain.compose(x -> notifications.add(tx, n.userId(), n.kind(), payload(n)));
    }
    return chain.mapEmpty();
  }

  /** Italian first, like every notification; the link opens the document with the thread. */
  static JsonObject payload(ThreadNotice n) {
    String title = "mention".equals(n.kind())
        ? "Sei stato menzionato in un commento"
        : "Nuova risposta in una discussione";
    return new JsonObject()
        .put("title", title)
        .put("body", n.excerpt())
        .put("tavolo", n.tavoloId().toString())
        .put("doc", n.documentId().toString())
        .put("thread", n.threadId().toString())
        .put("comment", n.commentId().toString())
        .put("path", "/#/doc/" + n.tavoloId() + "/" + n.documentId());
  }
}
