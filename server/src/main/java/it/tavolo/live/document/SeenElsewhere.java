package it.tavolo.live.document;

/** A client's presence as another server process sent it: which process, the message. Immutable. */
public record SeenElsewhere(String origin, String message) {
}
