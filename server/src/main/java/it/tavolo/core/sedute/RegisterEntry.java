package it.tavolo.core.sedute;

import java.time.Instant;
import java.util.UUID;

/**
 * One person in a seduta's attendance register. People connected to the tavolo's documents
 * are recorded by the server ({@code manual} false, {@code userId} set) with the time of
 * their first connection and of their last disconnection ({@code leftAt} null while
 * connected); a coordinator adds those only in the room or only on the call by hand.
 *
 * @param side     "PA", "ETS" or null when unknown (someone added by hand)
 * @param role     their role at the tavolo, or what the coordinator wrote ("Assessora")
 * @param corrected true once a coordinator changed the entry
 */
public record RegisterEntry(UUID id, UUID userId, String name, String organisation, String side, String role,
                            Presence presence, boolean manual, Instant joinedAt, Instant leftAt, boolean corrected) {
}
