package it.tavolo.sedute;

import io.vertx.core.Future;
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
}
