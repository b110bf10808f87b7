package it.tavolo.sedute;

import io.vertx.core.Future;
import it.tavolo.live.ServerBatch;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** What the sedute layer needs from the live layer (it.tavolo.live). */
interface LiveBridge {
  /** Sends a server message to every connection to the tavolo's documents, in this process. */
  void announce(UUID tavoloId, String message);

  /** Closes the connections opened with these viewer links. */
  void closeViewers(Collection<UUID> linkIds);

  /** Who is connected now to the tavolo's documents (in every live process), one entry per person. */
  Future<List<RegisterStore.Connected>> connectedTo(UUID tavoloId);

  /** Commits a batch the server writes to a document in live mode (the notes' sections); its seq. */
  Future<Long> commit(UUID docId, ServerBatch batch);

  /**
   * The user's rights on the tavolo's documents changed (named or removed as a notes writer):
   * their open connections, in every process, read their role again now, not at the next recheck.
   */
  void rightsChanged(UUID tavoloId, UUID userId);

  /** Tells the document's open connections, in every process, that it is now locked (or not). */
  void lockChanged(UUID docId, boolean locked);
}
