package it.tavolo.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reading of TAVOLO_* settings from the environment (or the map a test gives): blank
 * counts as absent, and a value that is not what the setting takes is refused at start with
 * the setting's name. Immutable; any thread.
 */
public record EnvReader(Map<String, String> env) {
  public String text(String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  /** A whole number, any value; the caller bounds it. */
  public int integer(String name, int fallback) {
    return integer(name, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public int integer(String name, int fallback, int min, int max) {
    return (int) longValue(name, fallback, min, max); // the bounds keep it within an int
  }

  /** A whole number that may be larger than an int (a size in bytes), between {@code min} and {@code max}. */
  public long longValue(String name, long fallback, long min, long max) {
    String v = text(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, not '" + v + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    String v = text(name, null);
    if (v == null) {
      return fallback;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(name + " must be true or false, not '" + v + "'");
    };
  }

  public Duration duration(String name, String fallback) {
    return Durations.parse(name, text(name, fallback));
  }
}
