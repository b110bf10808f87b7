package it.tavolo.record;

import java.util.UUID;

/** A document's header as the record layer needs it. */
public record DocumentRow(UUID id, UUID tavoloId, String title, String mode, boolean locked) {}
