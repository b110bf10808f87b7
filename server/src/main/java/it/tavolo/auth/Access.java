package it.tavolo.auth;

import it.tavolo.core.Role;
import it.tavolo.core.Refusal;

import io.vertx.core.Future;
import it.tavolo.db.DocumentAccess;
import it.tavolo.db.MembershipStore;
import java.util.UUID;

/**
 * Membership and role checks, shared by the HTTP routes and the WebSocket layer. A tavolo
 * or document the caller is not in is "not found" (404 {@code not_found}), never
 * "forbidden": the answer must not reveal that it exists. A member whose role does not
 * allow the action gets 403 {@code forbidden}.
 */
public final class Access {
  private final MembershipStore memberships;

  public Access(MembershipStore memberships) { this.memberships = memberships; }

  /** The caller's role in the tavolo; fails with not_found when they are not a member. */
  public Future<Role> member(UUID userId, UUID tavoloId) {
    return memberships.roleOf(userId, tavoloId).compose(role -> role.isPresent()
        ? Future.succeededFuture(role.get()) : Future.failedFuture(tavoloNotFound()));
  }

  /** As {@link #member}, and the role must be able to change things (not an observer). */
  public Future<Role> editor(UUID userId, UUID tavoloId) {
    return member(userId, tavoloId).compose(role -> role.canEdit() ? Future.succeededFuture(role)
        : Future.failedFuture(Refusal.forbidden("Observers cannot change anything in this tavolo.")));
  }

  /** As {@link #member}, and the role must be coordinator. */
  public Future<Role> coordinator(UUID userId, UUID tavoloId) {
    return member(userId, tavoloId).compose(role -> role.canManage() ? Future.succeededFuture(role)
        : Future.failedFuture(Refusal.forbidden("Only a coordinator of this tavolo can do this.")));
  }

  /** The caller's access to a document; fails with not_found when they are not in its tavolo. */
  public Future<DocumentAccess> document(UUID userId, UUID docId) {
    return memberships.roleForDocument(userId, docId).compose(a -> a.isPresent()
        ? Future.succeededFuture(a.get())
        : Future.failedFuture(Refusal.notFound("No such document among your tavoli.")));
  }

  public static Refusal tavoloNotFound() { return Refusal.notFound("No such tavolo among yours."); }
}
