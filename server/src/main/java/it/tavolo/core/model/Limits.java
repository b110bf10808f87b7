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

  public static final Limits DEFAULT = new Limits(100_000, 1_000, 2_000, 1_000, 128);

  public static final long MAX_MONEY_CENTS = 10_000_000_000_000L;
}
