package it.tavolo.core.sedute;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates and times as an Italian verbale writes them, in Italy's time zone. */
public final class ItalianTime {
  public static final ZoneId ROME = ZoneId.of("Europe/Rome");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ITALIAN);
  private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ITALIAN);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ITALIAN);

  private ItalianTime() {
  }

  /** "giovedì 26 novembre 2020" */
  public static String day(Instant at) {
    return DAY.format(at.atZone(ROME));
  }

  /** "15:00" */
  public static String time(Instant at) {
    return TIME.format(at.atZone(ROME));
  }

  /** "15:00", or "09:10 del 27/11/2020" when {@code at} falls on another day than {@code reference}. */
  public static String timeOn(Instant at, Instant reference) {
    ZonedDateTime z = at.atZone(ROME);
    return sameDay(at, reference) ? TIME.format(z) : TIME.format(z) + " del " + SHORT_DAY.format(z);
  }

  public static boolean sameDay(Instant a, Instant b) {
    return b != null && a.atZone(ROME).toLocalDate().equals(b.atZone(ROME).toLocalDate());
  }

  /** "26/11/2020 15:00" */
  public static String dateTime(Instant at) {
    ZonedDateTime z = at.atZone(ROME);
    return SHORT_DAY.format(z) + " " + TIME.format(z);
  }
}
