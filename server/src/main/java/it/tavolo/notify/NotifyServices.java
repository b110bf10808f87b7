package it.tavolo.notify;

import io.vertx.core.Future;
import it.tavolo.AppContext;
import it.tavolo.config.Environment;
import java.util.Map;

/**
 * The notifications layer of one running server: the inbox (and its retention), the mail outbox and its sender.
 * Built once by App with where pushes go; immutable after (its parts state their threading).
 */
public final class NotifyServices {
  private final NotificationStore store;
  private final MailOutbox outbox;
  private final Notifications notifications;
  private final MailSettings settings;
  private final NotificationRetention retention;

  public NotifyServices(AppContext app, Push push) {
    this(app, push, Environment.withSystemProperties());
  }

  NotifyServices(AppContext app, Push push, Map<String, String> env) {
    this.settings = MailSettings.from(env);
    this.store = new NotificationStore(app.pool());
    this.outbox = new MailOutbox(app.vertx(), store, settings, app::publicOrigin);
    this.notifications = new Notifications(push, outbox, app::publicOrigin, settings.from());
    this.retention = NotificationRetention.from(app.vertx(), store, env);
    outbox.start();
    outbox.wake(); // mail left by a crash or an outage goes now
    app.onStop(outbox::stop);
    retention.start(); // read notifications do not pile up for ever
    app.onStop(retention::stop);
  }

  /** What other layers call to notify someone (in their own transaction). */
  public Notifications notifications() {
    return notifications;
  }

  NotificationStore store() {
    return store;
  }

  MailOutbox outbox() {
    return outbox;
  }

  NotificationRetention retention() {
    return retention;
  }

  MailSettings settings() {
    return settings;
  }
}
