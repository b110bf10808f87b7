package it.tavolo.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How a PA document writes money, dates and the schema's codes, in Italian. */
public final class Italian {
  public static final ZoneId ROME = ZoneId.of("Europe/Rome");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ROME);
  private static final Map<String, String> CATEGORIES = Map.of("personale", "Personale", "spese_generali", "Spese generali",
      "strumentali", "Strumentali", "servizi", "Servizi", "altro", "Altro");

  /** The schema's fields as the annex names them ("importo", not "amount"). */
  private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("title", "titolo"), Map.entry("body", "testo"),
      Map.entry("kind", "tipo"), Map.entry("parent", "obiettivo generale"), Map.entry("description", "descrizione"),
      Map.entry("operational", "contenuto operativo"), Map.entry("indicators", "indicatori"),
      Map.entry("objective", "obiettivo"), Map.entry("lead", "capofila"), Map.entry("start", "inizio"),
      Map.entry("end", "fine"), Map.entry("contributor", "ente che contribuisce"), Map.entry("nature", "natura"),
      Map.entry("category", "categoria"), Map.entry("amount", "importo"), Map.entry("activity", "attività"),
      Map.entry("order", "posizione"), Map.entry("annualita", "annualità"), Map.entry("territorio", "comune o zona"),
      Map.entry("item", "punto all'ordine del giorno"), Map.entry("speaker", "chi interviene"),
      Map.entry("speakerUser", "utente di chi interviene"), Map.entry("organisation", "ente"),
      Map.entry("text", "testo"));

  private Italian() {}

  /** A field's Italian name; a field the schema gains later shows as itself until named here. */
  public static String field(String coll, String field) {
    return FIELDS.getOrDefault(field, field);
  }

  /** {@code 123456789} cents → {@code "€ 1.234.567,89"}. */
  public static String money(long cents) {
    return "€ " + amount(cents, true);
  }

  /** {@code 123456} cents → {@code "1.234,56"} (grouped) or {@code "1234,56"}. */
  public static String amount(long cents, boolean grouped) {
    boolean negative = cents < 0;
    long abs = Math.abs(cents);
    String euros = Long.toString(abs / 100);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < euros.length(); i++) {
      if (grouped && i > 0 && (euros.length() - i) % 3 == 0) b.append('.');
      b.append(euros.charAt(i));
    }
    b.append(',').append(String.format("%02d", abs % 100));
    return (negative ? "-" : "") + b;
  }

  /** {@code 2017-10-01} → {@code 01/10/2017}; null → empty. */
  public static String date(String iso) {
    return iso == null ? "" : LocalDate.parse(iso).format(DATE);
  }

  public static String dateTime(Instant t) {
    return t == null ? "" : DATE_TIME.format(t);
  }

  public static String nature(String nature) {
    return "in_kind".equals(nature) ? "non monetaria" : "monetaria";
  }

  public static String category(String category) {
    return CATEGORIES.getOrDefault(category, category);
  }

  public static String side(String side) {
    return "PA".equals(side) ? "PA" : "ETS".equals(side) ? "ETS" : "—";
  }

  /** An annualità as printed: a project year {@code "1ª annualità"}, a calendar year as is, none {@code "Non indicata"}. */
  public static String annualita(Long year) {
    if (year == null) return "Non indicata";
    return year <= it.tavolo.core.model.Limits.MAX_PROJECT_YEAR ? year + "ª annualità" : Long.toString(year);
  }

  /** A month {@code YYYY-MM} as a column head: {@code "ott 2017"}. */
  public static String month(String yearMonth) {
    String[] names = {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"};
    return names[Integer.parseInt(yearMonth.substring(5, 7)) - 1] + " " + yearMonth.substring(0, 4);
  }
}
