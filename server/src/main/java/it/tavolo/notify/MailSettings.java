package it.tavolo.notify;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import it.tavolo.config.EnvReader;
import java.util.Map;

/**
 * The mail settings (README, "Configuration"), read once at start; immutable.
 *
 * @param smtp         the SMTP server, or null: mail stays in the outbox ("would have been sent")
 * @param from         the From address
 * @param maxAttempts  attempts before a mail is given up (kept in the outbox with its last error)
 * @param backoffMillis the first retry's delay; each next one doubles, up to {@code maxBackoffMillis}
 * @param pollMillis   how often the sender looks for due mail (besides being woken by a commit)
 * @param digestHour   the hour (UTC, 0-23) the daily digest goes out
 * @param leaseMillis  how long a claimed mail is a sender's: after a crash it is due again then
 */
public record MailSettings(Smtp smtp, String from, int maxAttempts, long backoffMillis, long maxBackoffMillis,
                           long pollMillis, int digestHour, long leaseMillis) {

  /** {@code smtp://user:pass@host:port} or {@code smtps://...} (TLS from the first byte). */
  public record Smtp(String host, int port, boolean tls, String user, String password) {
    public static Smtp parse(String url) {
      URI u = URI.create(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
        throw new IllegalArgumentException("TAVOLO_SMTP_URL must start with smtp:// or smtps://");
      }
      if (u.getHost() == null) {
        throw new IllegalArgumentException("TAVOLO_SMTP_URL has no host");
      }
      boolean tls = scheme.equals("smtps");
      int port = u.getPort() > 0 ? u.getPort() : (tls ? 465 : 25);
      String user = null;
      String password = null;
      if (u.getRawUserInfo() != null) {
        String[] p = u.getRawUserInfo().split(":", 2);
        user = URLDecoder.decode(p[0], StandardCharsets.UTF_8);
        password = p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "";
      }
      return new Smtp(u.getHost(), port, tls, user, password);
    }

    @Override
    public String toString() { // never the password in a log
      return (tls ? "smtps://" : "smtp://") + (user == null ? "" : user + "@") + host + ":" + port;
    }
  }

  public static MailSettings from(Map<String, String> env) {
    String url = env.getOrDefault("TAVOLO_SMTP_URL", "").trim();
    int hour = new EnvReader(env).integer("TAVOLO_MAIL_DIGEST_HOUR", 7);
    if (hour < 0 || hour > 23) {
      throw new IllegalArgumentException("TAVOLO_MAIL_DIGEST_HOUR must be 0-23");
    }
    return new MailSettings(url.isEmpty() ? null : Smtp.parse(url),
        env.getOrDefault("TAVOLO_MAIL_FROM", "Tavolo <tavolo@localhost>"),
        Math.max(1, new EnvReader(env).integer("TAVOLO_MAIL_MAX_ATTEMPTS", 8)),
        Math.max(10, new EnvReader(env).integer("TAVOLO_MAIL_BACKOFF_MILLIS", 30_000)),
        Math.max(10, new EnvReader(env).integer("TAVOLO_MAIL_MAX_BACKOFF_MILLIS", 3_600_000)),
        Math.max(50, new EnvReader(env).integer("TAVOLO_MAIL_POLL_MILLIS", 5_000)),
        hour, Math.max(100, new EnvReader(env).integer("TAVOLO_MAIL_LEASE_MILLIS", 120_000)));
  }


  /** The delay before attempt {@code attempts + 1}, after {@code attempts} failed: doubling, capped. */
  public long backoffAfter(int attempts) {
    long d = backoffMillis;
    for (int i = 1; i < attempts && d < maxBackoffMillis; i++) {
      d *= 2;
    }
    return Math.min(d, maxBackoffMillis);
  }
}
