package it.tavolo.live;

import java.util.List;
import java.util.UUID;

/** Someone connected to a document, with their open clients (tabs, devices). */
public record Member(UUID userId, String name, UUID orgId, String orgName, String side, String role, List<String> clients) {
}
