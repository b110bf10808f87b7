package it.tavolo.live;

import it.tavolo.core.Role;

import java.util.List;
import java.util.UUID;

/** Someone connected to a document, with their open clients (tabs, devices). */
public record Attendee(UUID userId, String name, UUID orgId, String orgName, String side, Role role, List<String> clients) {
}
