package it.tavolo.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.mail.Transport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the mail outbox (V9 {@code mail_outbox}) and composes the daily digests.
 *
 * <p>Delivery, and why a crash neither loses nor (in practice) doubles a mail: a mail is a row
 * written in the event's own transaction, so it exists iff the event committed. The sender
 * claims due rows for a lease (one UPDATE, SKIP LOCKED: two processes never take the same row),
 * sends each with the Message-ID {@code <tavolo-mail-<id>@host>} derived from the row, then
 * marks it sent. A crash before the SMTP server accepted the mail leaves the row unsent: it is
 * sent once the lease ends (at-least-once). The only window for a second copy is between the
 * server's "250 OK" and our UPDATE (milliseconds, one round trip); that copy carries the same
 * Message-ID, which mail stores and clients use to drop duplicates. A failed attempt is due
 * again after an exponential backoff (TAVOLO_MAIL_BACKOFF_MILLIS, doubling up to
 * TAVOLO_MAIL_MAX_BACKOFF_MILLIS); after TAVOLO_MAIL_MAX_ATTEMPTS it is given up and kept.
 *
 * <p>Threading: the SMTP conversation runs on a worker thread (executeBlocking), never on an
 * event loop; {@link #wake()} is safe from any thread; one round runs at a time ({@code running}).
 */
final class MailOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
  private static final int BATCH = 20;

  private final Vertx vertx;
  private final NotificationStore store;
  private final MailSettings settings;
  private final MailSender sender;
  private final Supplier<String> origin;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean closed;
  private long timer = -1;
  /** The round in flight (completed when none): stopping waits for it, so its outcomes are recorded. */
  private volatile Future<Boolean> current = Future.succeededFuture(false);

  MailOutbox(Vertx vertx, NotificationStore store, MailSettings settings, Supplier<String> origin) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    this.origin = origin;
    this.sender = settings.smtp() == null ? null : new MailSender(settings, domain(settings.from()));
  }

  private static String domain(String from) {
    int at = from.lastIndexOf('@');
    String d = at < 0 ? "tavolo.local" : from.substring(at + 1).replace(">", "").strip();
    return d.isEmpty() ? "tavolo.local" : d;
  }

  boolean sending() {
    return sender != null;
  }

  void start() {
    timer = vertx.setPeriodic(settings.pollMillis(), t -> {
      wake();
      digestsIfDue();
    });
  }

  Future<Void> stop() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return current.<Void>transform(ar -> Future.succeededFuture());
  }

  /** Looks for due mail now (after a commit that wrote some). Without SMTP, mail stays in the outbox. */
  void wake() {
    if (sender == null || closed) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    current = round();
    current.onComplete(ar -> {
      if (ar.failed() && !closed) {
        LOG.warn("mail: a round failed: {}", ar.cause().toString());
      }
      running.set(false);
      boolean more = ar.succeeded() && ar.result();
      if ((again.getAndSet(false) || more) && !closed) {
        wake();
      }
    });
  }

  /** One round: claim a batch, send it on a worker thread, record each outcome. True: maybe more due. */
  private Future<Boolean> round() {
    return store.claim(BATCH, settings.leaseMillis()).compose(batch -> {
      if (batch.isEmpty()) {
        return Future.succeededFuture(false);
      }
      return vertx.<List<Outcome>>executeBlocking(() -> sendAll(batch), false)
          .compose(outcomes -> {
            Future<Void> chain = Future.succeededFuture();
            for (Outcome o : outcomes) {
              chain = chain.compose(x -> o.error == null ? store.sent(o.mail.id())
                  : store.failed(o.mail.id(), o.error, o.mail.attempts() >= settings.maxAttempts() ? null
                      : settings.backoffAfter(o.mail.attempts())));
            }
            boolean allSent = outcomes.stream().allMatch(o -> o.error == null);
            return chain.map(x -> allSent && batch.size() == BATCH);
          });
    });
  }

  private record Outcome(NotificationStore.Claimed mail, String error) {}

  /** On a worker thread: one SMTP connection for the batch; a connection failure fails every mail in it. */
  private List<Outcome> sendAll(List<NotificationStore.Claimed> batch) {
    List<Outcome> out = new java.util.ArrayList<>();
    Transport t;
    try {
      t = sender.connect();
    } catch (Exception e) {
      LOG.warn("mail: cannot reach the SMTP server {}: {}", settings.smtp(), e.toString());
      batch.forEach(m -> out.add(new Outcome(m, "connect: " + e.getMessage())));
      return out;
    }
    try {
      for (NotificationStore.Claimed m : batch) {
        try {
          sender.send(t, m);
          out.add(new Outcome(m, null));
        } catch (Exception e) {
          LOG.warn("mail {}: not sent (attempt {}): {}", m.id(), m.attempts(), e.toString());
          out.add(new Outcome(m, e.getMessage() == null ? e.toString() : e.getMessage()));
        }
      }
    } finally {
      try {
        t.close();
      } catch (Exception ignored) {
        // the mails were accepted or not already; closing cannot change that
      }
    }
    return out;
  }

  // ---- the daily digest ----

  private volatile long lastDigestCheck;

  /** At most once a minute: composes the digests due since the last digest hour. */
  private void digestsIfDue() {
    long now = System.currentTimeMillis();
    if (now - lastDigestCheck < 60_000 || closed) {
      return;
    }
    lastDigestCheck = now;
    digests(lastDigestMoment(OffsetDateTime.now(ZoneOffset.UTC))).onFailure(e ->
        LOG.warn("mail: digests failed: {}", e.toString()));
  }

  /** The latest digest hour at or before {@code now}: notifications before it go in today's digest. */
  OffsetDateTime lastDigestMoment(OffsetDateTime now) {
    OffsetDateTime today = now.withHour(settings.digestHour()).withMinute(0).withSecond(0).withNano(0);
    return today.isAfter(now) ? today.minusDays(1) : today;
  }

  /** One digest mail per user for the digest notifications created before {@code cutoff}. */
  Future<Integer> digests(OffsetDateTime cutoff) {
    return store.digestUsers(cutoff).compose(users -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (UUID u : users) {
        chain = chain.compose(n -> store.pool().withTransaction(tx -> NotificationStore.takeDigest(tx, u, cutoff)
            .compose(items -> NotificationStore.user(tx, u).compose(who -> {
              if (items.isEmpty() || who.isEmpty()) {
                return Future.succeededFuture(n);
              }
              MailText.Rendered m = MailText.digest(items, who.get()[1], origin.get());
              return NotificationStore.insertMail(tx, new NotificationStore.Mail(u, null, "digest", who.get()[0],
                  m.subject(), m.text(), m.html(), null, null)).map(id -> n + 1);
            }))));
      }
      return chain;
    }).onSuccess(n -> {
      if (n > 0) {
        wake();
      }
    });
  }
}
