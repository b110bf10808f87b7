package it.tavolo.live.document;

import it.tavolo.core.sequencer.Mode;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.PresenceState;
import it.tavolo.live.Wire;

import java.util.Collection;
import java.util.UUID;

/**
 * A document's connections as a group, outside the commit path: leaving, cursor moves,
 * announcements, and the changes of rights, lock and mode that reach them. Methods marked
 * "any context" hop onto the owner's; the rest run there. Touched only on its owner's context.
 */
final class Audience {
  private final DocumentOwner owner;

  Audience(DocumentOwner owner) {
    this.owner = owner;
  }

  void onLeave(Participant p) {
    Connections connections = owner.connections;
    if (!connections.remove(p)) {
      owner.joins.forget(p);
      return;
    }
    owner.registry.left(owner, p);
    if (connections.release(p)) {
      owner.roster.unlist(p);
      owner.fanOut.forget(p.clientId());
      if (connections.forgetPresence(p.clientId())) {
        String gone = Wire.text(Wire.presence(new PresenceState(p.user().userId(), p.clientId(), NullNode.getInstance(),
            false, false)));
        connections.runOnEach(x -> x.delivery().presence(gone));
        owner.registry.clusterHooks().presenceSent(owner.docId, new PresenceOut(p.clientId(), gone));
      }
    }
    if (connections.isEmpty()) {
      owner.unloading.scheduleIdle();
    }
  }

  void onPresence(Participant p, PresenceState s) {
    if (!owner.connections.contains(p)) {
      return;
    }
    owner.connections.presence(p.clientId(), s);
    PresenceOut out = new PresenceOut(p.clientId(), Wire.text(Wire.presence(s)));
    owner.fanOut.presence(out);
    owner.registry.clusterHooks().presenceSent(owner.docId, out);
  }

  /** A coordinator changed the document's mode or lock: applies to the next batch (any context). */
  void documentChanged(Mode mode, boolean locked) {
    owner.ctx.runOnContext(v -> {
      if (mode == owner.state.mode() && locked == owner.state.locked()) {
        return; // several connections noticed the same change
      }
      owner.state.setFlags(mode, locked);
      ObjectNode n = Wire.object("doc");
      n.put("mode", mode.wire());
      n.put("locked", locked);
      String msg = Wire.text(n);
      owner.connections.runOnEach(x -> x.delivery().reply(msg));
    });
  }

  /** Sends a server message to every connection (another layer's announcement; any context). */
  void announce(String message) {
    owner.ctx.runOnContext(v -> owner.connections.runOnEach(x -> x.delivery().reply(message)));
  }

  /** Sends a server message to this user's connections to the document (another layer's; any context). */
  void toUser(UUID userId, String message) {
    owner.ctx.runOnContext(v -> owner.connections.forEach(x -> {
      if (userId.equals(x.user().userId()) && x.user().viewerLink() == null) {
        x.run(() -> x.delivery().reply(message));
      }
    }));
  }

  /** Sends a server message to the connections that came in through this tavolo (any context). */
  void announceToTavolo(UUID tavoloId, String message) {
    owner.ctx.runOnContext(v -> owner.connections.forEach(x -> {
      if (tavoloId.equals(x.admission().tavoloId())) {
        x.run(() -> x.delivery().reply(message));
      }
    }));
  }

  /** The member's connections here read their role again: it changed, or they left (any context). */
  void recheckMember(UUID tavoloId, UUID userId) {
    owner.ctx.runOnContext(v -> {
      boolean ours = false;
      for (Participant x : owner.connections.snapshot()) {
        if (tavoloId.equals(x.admission().tavoloId())) {
          ours = true;
          if (userId.equals(x.user().userId())) {
            x.recheckNow();
          }
        }
      }
      if (ours && owner.state.engine() != null) {
        // a member who left may have taken the tavolo's last tie to their organisation
        owner.registry.organisationsAt(owner.docId).onComplete(owner.onOwner(ar -> {
          if (ar.succeeded() && owner.state.engine() != null) {
            owner.state.engine().setOrganisations(ar.result());
          }
        }));
      }
    });
  }

  /** Every connection checks whether its token or session was revoked (any context). */
  void recheckRevocations() {
    owner.ctx.runOnContext(v -> owner.connections.forEach(Participant::checkRevoked));
  }

  /** Closes the connections of guests who came through these read-only links (any context). */
  void closeViewers(Collection<UUID> links, String message) {
    owner.ctx.runOnContext(v -> owner.connections.forEach(x -> {
      UUID link = x.user().viewerLink();
      if (link != null && links.contains(link)) {
        x.run(() -> x.kick(ErrorCode.TOKEN_REVOKED, message));
      }
    }));
  }
}
