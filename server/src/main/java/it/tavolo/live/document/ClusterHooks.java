package it.tavolo.live.document;

import io.vertx.core.Future;
import it.tavolo.core.sequencer.Mode;
import it.tavolo.live.Attendee;
import it.tavolo.live.LiveListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The open documents' side of talking to the other processes (live.cluster; docs/architecture.md,
 * "Scaling out"): the hooks through which this process's changes go out, and the entry points
 * through which the others' changes come in and reach the loaded documents. It exists so that
 * {@link DocumentOwners} stays the registry of this process's owners, and the cluster layer has
 * one narrow place to plug into ({@link DocumentOwners#otherProcesses()}).
 *
 * <p>Threading: safe from any thread. The hooks are volatile and set once, before connections
 * come; the owners' map is concurrent (shared with {@link DocumentOwners}); each owner's state is
 * reached only through methods that hop onto its context.
 */
public final class ClusterHooks {
  private final ConcurrentHashMap<UUID, DocumentOwner> owners;

  private volatile BiConsumer<UUID, Long> committedListener = (doc, seq) -> { };
  private volatile BiConsumer<UUID, String[]> changedListener = (doc, flags) -> { };
  private volatile BiConsumer<UUID, UUID> membershipListener = (tavolo, user) -> { };
  private volatile BiConsumer<String, String> messageListener = (target, message) -> { };
  private volatile Consumer<UUID> loadedListener = doc -> { };
  private volatile BiConsumer<UUID, PresenceOut> presenceListener = (doc, p) -> { };
  private volatile BiConsumer<UUID, String> tavoloAnnouncer = (tavolo, message) -> { };
  private volatile Function<UUID, Future<List<LiveListener.Connection>>> elsewhere =
      tavolo -> Future.succeededFuture(List.of());

  ClusterHooks(ConcurrentHashMap<UUID, DocumentOwner> owners) {
    this.owners = owners;
  }

  // ---- going out: set once by the cluster layer, before connections come ----

  /** Told after every commit of this process ({@code doc}, its new head), for the other processes. */
  public void onCommitted(BiConsumer<UUID, Long> listener) {
    this.committedListener = listener;
  }

  /** Told when this process changes a document's mode or lock ({mode, locked}), for the other processes. */
  public void onDocumentChanged(BiConsumer<UUID, String[]> listener) {
    this.changedListener = listener;
  }

  /** Told when this process changes a membership (tavolo, user), for the other processes. */
  public void onMembershipChanged(BiConsumer<UUID, UUID> listener) {
    this.membershipListener = listener;
  }

  /** Told of each user or everywhere message ("u"/"d" and the id; the message), for the other processes. */
  public void onMessage(BiConsumer<String, String> listener) {
    this.messageListener = listener;
  }

  /** Told when a join loads a document in this process (its people elsewhere are read then). */
  public void onLoaded(Consumer<UUID> listener) {
    this.loadedListener = listener;
  }

  /** Told of every presence (or its end) of this process's clients, for the other processes. */
  public void onPresence(BiConsumer<UUID, PresenceOut> listener) {
    this.presenceListener = listener;
  }

  /** Where {@link DocumentOwners#connectedElsewhere} looks. */
  public void lookElsewhereWith(Function<UUID, Future<List<LiveListener.Connection>>> look) {
    this.elsewhere = look;
  }

  /** Where {@link DocumentOwners#announceElsewhere} goes. */
  public void onAnnounce(BiConsumer<UUID, String> announcer) {
    this.tavoloAnnouncer = announcer;
  }

  void committed(UUID docId, long seq) {
    committedListener.accept(docId, seq);
  }

  void documentChanged(UUID docId, String mode, boolean locked) {
    changedListener.accept(docId, new String[] {mode, Boolean.toString(locked)});
  }

  void membershipChanged(UUID tavoloId, UUID userId) {
    membershipListener.accept(tavoloId, userId);
  }

  void message(String target, String message) {
    messageListener.accept(target, message);
  }

  void loaded(UUID docId) {
    loadedListener.accept(docId);
  }

  void presenceSent(UUID docId, PresenceOut p) {
    presenceListener.accept(docId, p);
  }

  void announce(UUID tavoloId, String message) {
    tavoloAnnouncer.accept(tavoloId, message);
  }

  Future<List<LiveListener.Connection>> connected(UUID tavoloId) {
    return elsewhere.apply(tavoloId);
  }

  // ---- coming in: what another process did, for the documents loaded here ----

  /** Another process committed {@code doc} up to {@code seq} (negative: it may have; look in the log). */
  public void advancedElsewhere(UUID docId, long seq) {
    DocumentOwner o = owners.get(docId);
    if (o != null) {
      o.others.advanced(seq);
    }
  }

  /** Another process changed a document's mode or lock. */
  public void documentChangedElsewhere(UUID docId, String mode, boolean locked) {
    DocumentOwner o = owners.get(docId);
    if (o != null) {
      o.audience.documentChanged(Mode.parse(mode), locked);
    }
  }

  /** Another process changed a membership. */
  public void membershipChangedElsewhere(UUID tavoloId, UUID userId) {
    owners.values().forEach(o -> o.audience.recheckMember(tavoloId, userId));
  }

  /**
   * The people connected to a document in the other live processes, as the shared table holds
   * them, with their clients' latest presence ({@code presence}: client id → presence message).
   */
  public void membersElsewhere(UUID docId, List<Attendee> members, Map<String, SeenElsewhere> presence) {
    DocumentOwner o = owners.get(docId);
    if (o != null) {
      o.elsewhere.members(members, presence);
    }
  }

  /** A client of another process ({@code origin}) moved, typed or left (a presence message). */
  public void presenceElsewhere(UUID docId, String origin, String clientId, String message) {
    DocumentOwner o = owners.get(docId);
    if (o != null) {
      o.elsewhere.presence(origin, clientId, message);
    }
  }

  /** These processes died: their clients' cursors go (their members go with the next read). */
  public void processesGone(Set<String> origins) {
    owners.values().forEach(o -> o.elsewhere.gone(origins));
  }

  /** A process taken for dead is back (it had stalled): its clients' cursors count again. */
  public void processBack(String origin) {
    owners.values().forEach(o -> o.elsewhere.back(origin));
  }

  /** Another process announced this to a tavolo's connections: those of this process get it. */
  public void announcedElsewhere(UUID tavoloId, String message) {
    owners.values().forEach(o -> o.audience.announceToTavolo(tavoloId, message));
  }
}
