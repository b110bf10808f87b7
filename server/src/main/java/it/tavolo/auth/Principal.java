package it.tavolo.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is calling, as proven by a verified access token. Roles are per tavolo and are not in
 * here: ask {@link Access} (the token stays valid when a coordinator changes someone's role).
 *
 * @param side      "PA" or "ETS", the side of the user's organisation
 * @param sessionId the login session the token belongs to (logout revokes the whole session)
 */
public record Principal(UUID userId, String email, String name, UUID orgId, String orgName,
                        String side, UUID jti, UUID sessionId, Instant expiresAt) {
}
