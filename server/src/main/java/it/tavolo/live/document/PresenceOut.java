package it.tavolo.live.document;

/** A client's latest presence, rendered once for every recipient. Immutable. */
public record PresenceOut(String clientId, String message) {
}
