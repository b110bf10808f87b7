package it.tavolo.threads;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import it.tavolo.AppContext;
import it.tavolo.core.Refusal;
import it.tavolo.auth.AuthServices;
import it.tavolo.core.anchor.Anchor;
import it.tavolo.core.anchor.AnchorCheck;
import it.tavolo.core.anchor.AnchorTransform;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.db.DocumentAccess;
import it.tavolo.db.OpLogStore;
import it.tavolo.live.document.DocumentOwners;
import it.tavolo.record.History;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Threads of comments on a document: start one on a passage or an entity, reply, resolve,
 * reopen, list, read one. Every write checks the caller's role in the database first
 * (observers read, members and coordinators write); each comment, its mentions and its
 * notices ({@link ThreadNotices}) are stored in one transaction; after the commit, every
 * connection to the document hears a {@code thread} message (docs/protocol.md "Threads").
 * Anchors are carried to the document's head when threads are read. Stateless beyond its
 * collaborators: safe from any event loop.
 */
public final class Threads {
  public static final String BAD_ANCHOR = AnchorCheck.BAD_ANCHOR;
  public static final String TOO_MANY_THREADS = "too_many_threads";
  public static final String TOO_MANY_COMMENTS = "too_many_comments";
  public static final String THREAD_RESOLVED = "thread_resolved";
  static final String OPEN = "open";
  static final String RESOLVED = "resolved";

  private final Pool pool;
  private final AuthServices auth;
  private final History history;
  private final OpLogStore log;
  private final DocumentOwners owners;
  private final ThreadNotices notices;
  private final ThreadSettings settings;
  private final ThreadStore store;

  public Threads(AppContext app, AuthServices auth, History history, OpLogStore log, DocumentOwners owners,
                 ThreadNotices notices, ThreadSettings settings) {
    this.pool = app.pool();
    this.auth = auth;
    this.history = history;
    this.log = log;
    this.owners = owners;
    this.notices = notices;
    this.settings = settings;
    this.store = new ThreadStore(app.pool());
  }

  // ---- writing ----

  /**
   * The caller's access to a document they may write threads in: observers get {@code
   * forbidden}, strangers {@code not_found}. Routes call it before reading the body, so a
   * refusal is about who, never about what.
   */
  public Future<DocumentAccess> writer(UUID user, UUID doc) {
    return auth.access().document(user, doc).compose(a -> a.role().canEdit()
        ? Future.succeededFuture(a)
        : Future.failedFuture(Refusal.forbidden("Observers read threads; members and coordinators write them.")));
  }

  /**
   * Starts a thread on {@code anchor} as the caller saw it at {@code seq}, with its first
   * comment ({@code a} from {@link #writer}).
   */
  public Future<JsonObject> create(DocumentAccess a, UUID user, Anchor anchor, long seq, String body) {
    UUID doc = a.docId();
    {
      String text = checkBody(body);
      return log.headSeq(doc).compose(head -> {
        if (seq < 0 || seq > head) {
          return Future.failedFuture(Refusal.invalid(BAD_ANCHOR, "'seq' is between 0 and the document's head (" + head + ")."));
        }
        return history.span(doc, seq, head).map(span -> {
          try {
            AnchorCheck.check(span.from(), anchor);
          } catch (Refusal e) {
            throw Refusal.invalid(e.code(), e.getMessage());
          }
          Anchor at = AnchorCheck.withQuote(span.from(), anchor);
          for (CommittedBatch b : span.between()) at = AnchorTransform.through(at, b.ops());
          return at;
        }).compose(at -> {
          UUID thread = UUID.randomUUID();
          UUID comment = UUID.randomUUID();
          return pool.withTransaction(tx -> store.lockDocumentAndCount(tx, doc).compose(n -> {
            if (n >= settings.threadsPerDocument()) {
              return Future.failedFuture(Refusal.conflict(TOO_MANY_THREADS, "This document holds "
                  + settings.threadsPerDocument() + " threads, the most it may."));
            }
            return store.insertThread(tx, thread, doc, at, head, user)
                .compose(x -> comment(tx, a, user, thread, comment, text, Set.of()));
          })).compose(x -> announce(doc, thread, "created", comment));
        });
      });
    }
  }

  /** A reply in an open thread ({@code a} from {@link #writer}). */
  public Future<JsonObject> reply(DocumentAccess a, UUID user, UUID thread, String body) {
    UUID doc = a.docId();
    {
      String text = checkBody(body);
      UUID comment = UUID.randomUUID();
      return pool.withTransaction(tx -> store.lock(tx, doc, thread).compose(t -> {
        if (t.isEmpty()) return Future.failedFuture(Refusal.notFound("No such thread in this document."));
        if (!OPEN.equals(t.get().status())) {
          return Future.failedFuture(Refusal.conflict(THREAD_RESOLVED, "The thread is resolved: reopen it to reply."));
        }
        if (t.get().comments() >= settings.commentsPerThread()) {
          return Future.failedFuture(Refusal.conflict(TOO_MANY_COMMENTS, "This thread holds "
              + settings.commentsPerThread() + " comments, the most it may: start another."));
        }
        return store.participants(tx, thread).compose(in -> comment(tx, a, user, thread, comment, text, in));
      })).compose(x -> announce(doc, thread, "comment", comment));
    }
  }

  /** Resolves ({@code resolved} true) or reopens a thread; doing it twice changes nothing. */
  public Future<JsonObject> setResolved(UUID user, UUID doc, UUID thread, boolean resolved) {
    String status = resolved ? RESOLVED : OPEN;
    return writer(user, doc).compose(a -> pool.withTransaction(tx -> store.lock(tx, doc, thread).compose(t -> {
      if (t.isEmpty()) return Future.failedFuture(Refusal.notFound("No such thread in this document."));
      return store.setStatus(tx, thread, status, user);
    }))).compose(changed -> changed
        ? announce(doc, thread, resolved ? "resolved" : "reopened", null)
        : one(doc, thread));
  }

  /**
   * Stores a comment and its mentions and hands its notices to {@link ThreadNotices}, all in
   * {@code tx}: the mentioned members (not the author) get a {@code mention}; everyone else
   * already in the thread who can still read the tavolo (not the author) a {@code reply}.
   */
  private Future<Void> comment(SqlConnection tx, DocumentAccess a, UUID author, UUID thread, UUID comment, String body,
                               Set<UUID> inThread) {
    return store.membersByEmail(tx, a.tavoloId()).compose(members -> {
      List<UUID> mentioned = Mentions.resolve(body, members);
      List<ThreadNotice> out = noticesFor(a, author, thread, comment, body, mentioned, inThread, Set.copyOf(members.values()));
      return store.insertComment(tx, comment, thread, author, body, mentioned)
          .compose(x -> notices.record(tx, out));
    });
  }

  /**
   * Who hears of a comment: each mentioned member once ({@code mention}), then everyone else
   * already in the thread who can still read the tavolo ({@code reply}); never its author.
   */
  static List<ThreadNotice> noticesFor(DocumentAccess a, UUID author, UUID thread, UUID comment, String body,
                                       List<UUID> mentioned, Set<UUID> inThread, Set<UUID> readers) {
    String excerpt = AnchorCheck.excerpt(body, ThreadNotice.EXCERPT);
    List<ThreadNotice> out = new ArrayList<>();
    Set<UUID> told = new LinkedHashSet<>();
    told.add(author);
    for (UUID m : mentioned) {
      if (readers.contains(m) && told.add(m)) {
        out.add(new ThreadNotice(m, ThreadNotice.MENTION, a.tavoloId(), a.docId(), thread, comment, excerpt));
      }
    }
    for (UUID p : inThread) {
      if (readers.contains(p) && told.add(p)) {
        out.add(new ThreadNotice(p, ThreadNotice.REPLY, a.tavoloId(), a.docId(), thread, comment, excerpt));
      }
    }
    return List.copyOf(out);
  }

  // ---- reading ----

  /**
   * The document's threads, oldest first, their anchors at the head ({@code seq}); {@code
   * status} "open", "resolved" or null; {@code filter} "mine", "mentions" or null.
   */
  public Future<JsonObject> list(UUID user, UUID doc, String status, String filter) {
    if (status != null && !OPEN.equals(status) && !RESOLVED.equals(status) && !"all".equals(status)) {
      return Future.failedFuture(Refusal.invalid("invalid_input", "'status' is open, resolved or all."));
    }
    if (filter != null && !"mine".equals(filter) && !"mentions".equals(filter)) {
      return Future.failedFuture(Refusal.invalid("invalid_input", "'filter' is mine or mentions."));
    }
    String st = "all".equals(status) ? null : status;
    return auth.access().document(user, doc).compose(a -> log.headSeq(doc).compose(head ->
        store.list(doc, st, user, "mine".equals(filter), "mentions".equals(filter))
            .compose(rows -> atHead(doc, rows, head))
            .compose(rows -> store.firstAndLast(rows.stream().map(ThreadStore.ThreadRow::id).toList()).map(cs -> {
              Map<UUID, List<ThreadStore.CommentRow>> by = ThreadStore.byThread(cs);
              JsonArray threads = new JsonArray();
              for (ThreadStore.ThreadRow t : rows) threads.add(ThreadJson.summary(t, by.getOrDefault(t.id(), List.of())));
              return new JsonObject().put("seq", head).put("threads", threads);
            }))));
  }

  /** One thread with all its comments, its anchor at the head. */
  public Future<JsonObject> get(UUID user, UUID doc, UUID thread) {
    return auth.access().document(user, doc).compose(a -> one(doc, thread));
  }

  private Future<JsonObject> one(UUID doc, UUID thread) {
    return log.headSeq(doc).compose(head -> store.get(pool, doc, thread).compose(t -> {
      if (t.isEmpty()) return Future.failedFuture(Refusal.notFound("No such thread in this document."));
      return atHead(doc, List.of(t.get()), head).compose(rows -> store.comments(pool, thread)
          .map(cs -> ThreadJson.full(rows.get(0), cs).put("seq", head)));
    }));
  }

  /**
   * {@code rows} with every live anchor carried through the op log up to {@code head}, and
   * stored there (so the next reader starts from it).
   */
  private Future<List<ThreadStore.ThreadRow>> atHead(UUID doc, List<ThreadStore.ThreadRow> rows, long head) {
    long from = Long.MAX_VALUE;
    for (ThreadStore.ThreadRow t : rows) {
      if (t.anchor().live() && t.anchorSeq() < head) from = Math.min(from, t.anchorSeq());
    }
    if (from == Long.MAX_VALUE) {
      return Future.succeededFuture(rows);
    }
    return history.batches(doc, from, head).compose(batches -> {
      List<ThreadStore.ThreadRow> out = new ArrayList<>(rows.size());
      List<Future<Void>> stored = new ArrayList<>();
      for (ThreadStore.ThreadRow t : rows) {
        if (!t.anchor().live() || t.anchorSeq() >= head) {
          out.add(t);
          continue;
        }
        Anchor a = t.anchor();
        for (CommittedBatch b : batches) {
          if (b.seq() > t.anchorSeq()) a = AnchorTransform.through(a, b.ops());
        }
        stored.add(store.moveAnchor(t.id(), t.anchorSeq(), a, head));
        out.add(new ThreadStore.ThreadRow(t.id(), t.doc(), a, head, t.status(), t.createdBy(), t.createdAt(),
            t.resolvedBy(), t.resolvedAt(), t.comments()));
      }
      return Future.all(stored).map(x -> out);
    });
  }

  // ---- the live message ----

  /**
   * Tells every connection to the document what happened to a thread:
   * {@code {"type":"thread","event":...,"seq":n,"thread":summary,"comment":c|null}}; answers
   * the thread as the caller gets it. Those of this process at once, those of the others
   * through the cluster's NOTIFY, as the integrations panel's messages (one too large for a
   * NOTIFY travels by reference: live.cluster.PgNotifyBus).
   */
  private Future<JsonObject> announce(UUID doc, UUID thread, String event, UUID comment) {
    return one(doc, thread).map(full -> {
      JsonObject summary = full.copy();
      JsonArray comments = summary.getJsonArray("comments");
      summary.remove("comments");
      JsonObject c = null;
      for (int i = 0; i < comments.size(); i++) {
        if (comments.getJsonObject(i).getString("id").equals(String.valueOf(comment))) c = comments.getJsonObject(i);
      }
      if (!comments.isEmpty()) {
        summary.put("first", comments.getJsonObject(0)).put("last", comments.getJsonObject(comments.size() - 1));
      }
      JsonObject message = new JsonObject().put("type", "thread").put("event", event).put("doc", doc.toString())
          .put("seq", full.getLong("seq")).put("thread", summary).put("comment", c);
      owners.broadcastEverywhere(doc, message.encode());
      return full;
    });
  }

  // ---- checks ----

  private static String checkBody(String body) {
    if (body == null || body.isBlank()) throw Refusal.invalid("invalid_input", "'body' is required: the comment's text.");
    String text = body.strip();
    if (text.length() > ThreadSettings.MAX_BODY) {
      throw Refusal.invalid("invalid_input", "'body' is at most " + ThreadSettings.MAX_BODY + " characters.");
    }
    if (text.indexOf('\0') >= 0) throw Refusal.invalid("invalid_input", "'body' may not hold U+0000.");
    return text;
  }
}
