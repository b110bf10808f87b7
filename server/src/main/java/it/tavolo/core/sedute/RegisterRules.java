package it.tavolo.core.sedute;

import it.tavolo.core.Refusal;

import java.time.Instant;

/** What a coordinator may write in the register: people added by hand and corrections. */
public final class RegisterRules {
  public static final int MAX_NAME = 200;
  public static final int MAX_ORGANISATION = 200;
  public static final int MAX_ROLE = 100;

  private RegisterRules() {
  }

  /** A person added by hand (only in the room, or only on the call). */
  public record ManualEntry(String name, String organisation, String role, Presence presence,
                            Instant joinedAt, Instant leftAt) {
  }

  public static ManualEntry manual(String name, String organisation, String role, String presence,
                                   Instant joinedAt, Instant leftAt, Instant now) {
    Presence p = Presence.parse(presence == null ? "in_room" : presence)
        .filter(x -> x != Presence.CONNECTED)
        .orElseThrow(() -> Refusal.invalid("invalid_input", "'presence' of someone added by hand is in_room or on_call (connected people are recorded by Tavolo)."));
    Instant from = joinedAt == null ? now : joinedAt;
    times(from, leftAt);
    return new ManualEntry(Texts.required("name", name, MAX_NAME), Texts.optional("organisation", organisation, MAX_ORGANISATION),
        Texts.optional("role", role, MAX_ROLE), p, from, leftAt);
  }

  /** A leave time never comes before the join time. */
  public static void times(Instant joinedAt, Instant leftAt) {
    if (joinedAt != null && leftAt != null && leftAt.isBefore(joinedAt)) {
      throw Refusal.invalid("invalid_input", "'leftAt' is before 'joinedAt'.");
    }
  }
}
