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
}
