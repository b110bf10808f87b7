package it.tavolo.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short durations used in settings: {@code 90s}, {@code 15m}, {@code 12h}, {@code 30d}. */
final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  static Duration parse(String name, String text) {
    return parse(name, text, false);
  }

  static Duration parse(String name, String text, boolean zeroAllowed) {
    Matcher m = FORMAT.matcher(text.trim().toLowerCase());
    if (!m.matches()) {
      throw new ConfigException(name + " must look like 90s, 15m, 12h or 30d, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.isZero() && !zeroAllowed) {
      throw new ConfigException(name + " must be longer than zero");
    }
    return d;
  }
}
