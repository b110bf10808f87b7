package it.tavolo.core.model;

/**
 * Bounds that keep one document small enough to hold in memory and send whole.
 *
 * @param maxTextLength UTF-16 code units per text field
 * @param maxStringLength code units per string field
 * @param maxEntitiesPerCollection live entities per collection
 * @param maxOpsPerBatch operations in one submitted batch
 * @param maxOrderKeyLength characters per order key
 */
public record Limits(
    int maxTextLength,
    int maxStringLength,
    int maxEntitiesPerCollection,
    int maxOpsPerBatch,
    int maxOrderKeyLength) {

  /**
   * 200k units per text field: the longest real trace at hand (an academic paper, 105k
   * characters) fits with room to spare.
   */
  public static final Limits DEFAULT = new Limits(200_000, 1_000, 2_000, 1_000, 128);

  public static final long MAX_MONEY_CENTS = 10_000_000_000_000L;

  /** A project lasts at most this many annualità (project years 1..20). */
  public static final long MAX_PROJECT_YEAR = 20;

  /** Calendar years a budget line may name. */
  public static final long MIN_CALENDAR_YEAR = 2000;

  public static final long MAX_CALENDAR_YEAR = 2100;

  /** Code units in a territorio's name (in the tavolo's list and on a budget line). */
  public static final int MAX_TERRITORIO_LENGTH = 100;

  /** Whether {@code year} is a valid annualita: a project year or a calendar year. */
  public static boolean isYear(long year) {
    return (year >= 1 && year <= MAX_PROJECT_YEAR) || (year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR);
  }
}
