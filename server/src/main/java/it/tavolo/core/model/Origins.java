package it.tavolo.core.model;

import java.util.Set;

/**
 * Text that was there from the start: the first batch of a document made from the demo seed,
 * an imported file, a template or a copy of another document. The op log keeps the person who
 * brought it in as the batch's author (who did it, for the record), but nobody at the tavolo
 * wrote that text: in authorship ("who wrote what") its runs and values belong to the pseudo
 * author {@code origin:<kind>} (issue 18: the demo's seed text was shown as the coordinator's own).
 * Stateless.
 */
public final class Origins {
  /** The op log client ids of starting batches, which are also the origin kinds. */
  public static final Set<String> KINDS = Set.of("seed", "import", "template", "copy");
  public static final String PREFIX = "origin:";

  private Origins() {}

  /** The kind of starting text a batch of {@code clientId} brought in, or null for an edit. */
  public static String kind(String clientId) {
    return clientId != null && KINDS.contains(clientId) ? clientId : null;
  }

  /** Who a batch's text is credited to in authorship: the origin for starting text, else its author. */
  public static String authorship(String clientId, String author) {
    String kind = kind(clientId);
    return kind == null ? author : PREFIX + kind;
  }

  public static boolean isOrigin(String author) {
    return author != null && author.startsWith(PREFIX);
  }
}
