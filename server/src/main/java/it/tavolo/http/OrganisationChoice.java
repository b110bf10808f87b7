package it.tavolo.http;

import it.tavolo.core.Refusal;

import static it.tavolo.web.Calls.string;

import io.vertx.core.json.JsonObject;
import it.tavolo.auth.AccountRules;
import java.util.UUID;

/**
 * A request's choice of organisation, as registration and partner naming take it: an
 * existing one by {@code organisationId}, or a new {@code organisation} ({@code name},
 * {@code side}, and {@code etsKind} for ETS). Exactly one of the two; checked before anything
 * is saved.
 */
record OrganisationChoice(UUID existingId, String name, String side, String etsKind) {

  static OrganisationChoice from(JsonObject b) {
    Object o = b.getValue("organisation");
    if (o != null) {
      if (!(o instanceof JsonObject org)) throw Refusal.invalid("invalid_input", "'organisation' must be an object.");
      if (b.getValue("organisationId") != null) {
        throw Refusal.invalid("invalid_input", "Give either 'organisation' or 'organisationId', not both.");
      }
      String side = AccountRules.side(string(org, "side"));
      return new OrganisationChoice(null, AccountRules.name(string(org, "name"), "organisation.name"), side,
          AccountRules.etsKind(side, string(org, "etsKind")));
    }
    String id = string(b, "organisationId");
    if (id == null) throw Refusal.invalid("invalid_input", "Give 'organisationId' or a new 'organisation'.");
    try {
      return new OrganisationChoice(UUID.fromString(id), null, null, null);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("invalid_input", "'organisationId' is not a valid id.");
    }
  }

  boolean isNew() {
    return existingId == null;
  }
}
