package it.tavolo.notify;

import java.util.List;

/**
 * The kinds of notification (the database checks the same list, V9 and V20) and the email choices.
 * Plain constants: no state.
 */
public final class Kinds {
  private Kinds() {
  }

  public static final String INTEGRATION_ACCEPTED = "integration_accepted";
  public static final String INTEGRATION_REJECTED = "integration_rejected";
  public static final String INTEGRATION_COMMENTED = "integration_commented";
  /** To the owners of the budget lines an integration (new or amended) touches: confirm it. */
  public static final String INTEGRATION_AWAITING_CONFIRMATION = "integration_awaiting_confirmation";
  public static final String SEDUTA_CONVENED = "seduta_convened";
  public static final String SEDUTA_CHANGED = "seduta_changed";
  public static final String SEDUTA_CANCELLED = "seduta_cancelled";
  public static final String SEDUTA_OPENED = "seduta_opened";
  public static final String VERBALE_READY = "verbale_ready";
  /** The coordinator opened the remarks period on a verbale: to those present at the seduta. */
  public static final String VERBALE_REMARKS_OPEN = "verbale_remarks_open";
  /** A verbale was approved: to every member but who approved it. */
  public static final String VERBALE_APPROVED = "verbale_approved";
  public static final String VERSION_CONSOLIDATED = "version_consolidated";
  /** Threads on a passage (comment threads): someone mentioned you. */
  public static final String MENTION = "mention";
  /** Threads on a passage: a reply in a thread you are in. */
  public static final String REPLY = "reply";

  public static final List<String> ALL = List.of(INTEGRATION_ACCEPTED, INTEGRATION_REJECTED, INTEGRATION_COMMENTED,
      INTEGRATION_AWAITING_CONFIRMATION, SEDUTA_CONVENED, SEDUTA_CHANGED, SEDUTA_CANCELLED, SEDUTA_OPENED,
      VERBALE_READY, VERBALE_REMARKS_OPEN, VERBALE_APPROVED, VERSION_CONSOLIDATED, MENTION, REPLY);

  public static final String IMMEDIATE = "immediate";
  public static final String DIGEST = "digest";
  public static final String NONE = "none";
  public static final List<String> EMAIL_CHOICES = List.of(IMMEDIATE, DIGEST, NONE);

  public static boolean known(String kind) {
    return ALL.contains(kind);
  }
}
