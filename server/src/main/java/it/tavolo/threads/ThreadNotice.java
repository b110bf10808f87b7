package it.tavolo.threads;

import java.util.Objects;
import java.util.UUID;

/**
 * One person to tell about a comment: {@code kind} {@link #MENTION} (the comment names them) or
 * {@link #REPLY} (a comment in a thread they are in: they started it, commented in it or were
 * mentioned in it). Never the comment's author; only people who can read the tavolo.
 * {@code excerpt} is the comment's start (at most {@link #EXCERPT} characters). Immutable.
 */
public record ThreadNotice(UUID userId, String kind, UUID tavoloId, UUID documentId, UUID threadId, UUID commentId,
                           String excerpt) {
  public static final String MENTION = "mention";
  public static final String REPLY = "reply";
  public static final int EXCERPT = 140;

  public ThreadNotice {
    Objects.requireNonNull(userId, "userId");
    if (!MENTION.equals(kind) && !REPLY.equals(kind)) {
      throw new IllegalArgumentException("kind is mention or reply, not " + kind);
    }
    Objects.requireNonNull(tavoloId, "tavoloId");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(commentId, "commentId");
    Objects.requireNonNull(excerpt, "excerpt");
  }
}
