package it.tavolo.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * A client's focus and typing flag: memory only, never stored. {@code focus} is JSON null
 * when none. {@code follow}: a coordinator asks everyone following to show this focus.
 */
public record PresenceState(UUID userId, String clientId, JsonNode focus, boolean typing, boolean follow) {
}
