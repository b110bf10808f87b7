package it.tavolo.live.session;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import it.tavolo.live.Committed;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.LiveCounters;
import it.tavolo.live.LiveSettings;
import it.tavolo.live.Wire;
import it.tavolo.live.document.Delivery;
import it.tavolo.live.document.RenderedBatch;
import it.tavolo.live.document.PresenceOut;
import it.tavolo.live.document.SharedFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * What goes out on one connection, in order. It keeps the stream of committed batches in seq
 * order: each batch goes out as {@code ops}, or as {@code ack} to the client that sent it,
 * several in one {@code batch} frame when the client announced that extension. When the
 * socket's write queue is full it stops writing batches (it "lags"), and when the queue drains
 * it fetches what it missed from the owner's in-memory tail; a connection that stays behind
 * too long, or falls out of the tail, is closed with {@code slow_consumer}. Nothing is ever
 * buffered here without bound. What the document delivers is ignored unless the connection is
 * joined. Touched only on the connection's context.
 */
final class Outbox implements Delivery {
  private static final int CATCH_UP_FRAME_MESSAGES = 256;

  private final Session session;
  private final ServerWebSocket ws;
  private final FrameWriter out;
  private final Vertx vertx;
  private final LiveSettings settings;
  private final LiveCounters counters;

  private boolean batchFrames;
  /** The client announced {@code members_diff}: it gets changes to the members list, not the whole list. */
  private boolean membersDiff;
  /** The version of the document's members list this client has (the owner's Roster version). */
  private long membersSeen;
  private boolean lagging;
  /** How far this client's stream has gone. */
  private final StreamCursor stream;
  private boolean catchUpInFlight;
  private long lagTimer = -1;
  private String membersWhileLagging;

  Outbox(Session session, ServerWebSocket ws, Vertx vertx, LiveSettings settings, LiveCounters counters) {
    this.session = session;
    this.ws = ws;
    this.out = new FrameWriter(ws);
    this.stream = new StreamCursor(session, counters);
    this.vertx = vertx;
    this.settings = settings;
    this.counters = counters;
  }

  /** The extensions the hello announced. */
  void features(boolean batch, boolean diffs) {
    batchFrames = batch;
    membersDiff = diffs;
  }

  /** The welcome goes out; the stream starts after {@code seq}. */
  void welcome(String welcome, long seq, long membersVersion) {
    stream.lastSentSeq = seq;
    membersSeen = membersVersion;
    write(welcome);
  }

  /** A submit arrived at {@code nanos}: its ack's delay is measured from then. */
  void submitted(long clientSeq, long nanos) {
    stream.submitted(clientSeq, nanos);
  }

  /** Batches committed together, this client's among them: written at once (unless it lags). */
  @Override
  public void committed(List<RenderedBatch> group) {
    if (!session.joined() || lagging || ws.isClosed() || !stream.hasNew(group)) {
      return;
    }
    if (queueFull()) {
      startLagging();
      return;
    }
    writeStream(stream.newMessages(group, new ArrayList<>(group.size())));
  }

  /**
   * A fan-out: committed batches not sent yet and others' latest presence. Nothing while the
   * client is behind: presence is dropped, never queued, and batches come from the tail when
   * it drains.
   */
  @Override
  public void fanOut(List<RenderedBatch> group, List<PresenceOut> cursors, SharedFrame common) {
    if (!session.joined() || lagging || ws.isClosed()) {
      return;
    }
    if (queueFull()) {
      if (stream.hasNew(group)) {
        startLagging();
      }
      return;
    }
    if (common.usableBy(batchFrames) && stream.takesAll(group, cursors)) {
      if (!group.isEmpty()) {
        stream.lastSentSeq = group.get(group.size() - 1).seq();
      }
      out.write(common); // the same bytes as every other such recipient
      return;
    }
    List<String> messages = stream.newMessages(group, new ArrayList<>(group.size() + cursors.size()));
    for (PresenceOut p : cursors) {
      if (!p.clientId().equals(session.clientId())) {
        messages.add(p.message());
      }
    }
    writeStream(messages);
  }


  /** A batch this client resent was already sequenced as {@code seq}; when not out yet, the stream acks it in order. */
  @Override
  public void duplicate(long clientSeq, long seq, List<Committed.Note> notes) {
    if (session.joined() && seq <= stream.lastSentSeq) {
      answer(Wire.ack(clientSeq, seq, notes));
    }
  }

  @Override
  public void reply(String message) {
    if (session.joined()) {
      answer(message);
    }
  }

  @Override
  public void presence(String message) {
    if (session.joined() && !lagging && !queueFull()) {
      write(message); // presence is dropped, never queued, when the client is slow
    }
  }

  /**
   * The members list changed from version {@code from} to {@code to}: the change ({@code diff})
   * to a client that announced {@code members_diff} and has {@code from}, else the whole list.
   * A slow connection gets the whole list once it caught up (the chain of changes is broken).
   */
  @Override
  public void members(long from, long to, String full, String diff) {
    if (!session.joined() || ws.isClosed() || membersSeen >= to) {
      return;
    }
    String message = membersDiff && membersSeen == from ? diff : full;
    membersSeen = to;
    if (lagging || queueFull()) {
      membersWhileLagging = full;
      startLagging();
      return;
    }
    write(message);
  }

  /** Batches after {@code lastSentSeq} from the owner's tail; null when they are no longer kept. */
  @Override
  public void caughtUp(List<RenderedBatch> missed) {
    catchUpInFlight = false;
    if (!session.joined()) {
      return;
    }
    if (missed == null) {
      session.fatal(ErrorCode.SLOW_CONSUMER, "This connection fell too far behind: reconnect with since.");
      return;
    }
    List<String> frame = new ArrayList<>();
    for (RenderedBatch o : missed) {
      if (o.seq() <= stream.lastSentSeq) {
        continue;
      }
      if (queueFull()) {
        break;
      }
      String m = stream.message(o);
      if (batchFrames) {
        frame.add(m);
        if (frame.size() == CATCH_UP_FRAME_MESSAGES) {
          write(Wire.batch(frame));
          frame.clear();
        }
      } else {
        write(m);
      }
      stream.lastSentSeq = o.seq();
    }
    if (!frame.isEmpty()) {
      write(Wire.batch(frame));
    }
    long head = missed.isEmpty() ? stream.lastSentSeq : missed.get(missed.size() - 1).seq();
    if (stream.lastSentSeq >= head && !queueFull()) {
      lagging = false;
      counters.lagEnded();
      cancelLagTimer();
      if (membersWhileLagging != null) {
        write(membersWhileLagging);
        membersWhileLagging = null;
      }
    }
  }

  /**
   * Writes an answer to something the client sent (an error, a pong, a duplicate's ack). A
   * client that keeps sending but never reads would otherwise grow this buffer without
   * bound: a full socket starts the slow-consumer grace, as a lagging stream does.
   */
  void answer(String message) {
    if (session.joined() && queueFull()) {
      startLagging();
    }
    write(message);
  }

  /** True when the socket cannot take more now. */
  boolean queueFull() {
    return out.queueFull();
  }

  /** Writes unless the socket closed meanwhile. */
  void write(String message) {
    out.write(message);
  }

  /** The connection is gone: it no longer counts as lagging. */
  void closed() {
    if (lagging) {
      counters.lagEnded();
    }
    cancelLagTimer();
  }


  /** Writes stream messages: one {@code batch} frame when the client announced the extension. */
  private void writeStream(List<String> out) {
    if (batchFrames && out.size() > 1) {
      write(Wire.batch(out));
    } else {
      out.forEach(this::write);
    }
  }

  private void startLagging() {
    if (!lagging) {
      lagging = true;
      counters.lagStarted();
      lagTimer = vertx.setTimer(settings.slowConsumerGrace().toMillis(), t -> {
        if (lagging) {
          session.fatal(ErrorCode.SLOW_CONSUMER, "This connection could not keep up: reconnect with since.");
        }
      });
    }
    ws.drainHandler(v -> requestCatchUp());
  }

  private void requestCatchUp() {
    if (!lagging || catchUpInFlight || !session.joined()) {
      return;
    }
    catchUpInFlight = true;
    session.document().committedAfter(session, stream.lastSentSeq);
  }

  private void cancelLagTimer() {
    if (lagTimer >= 0) {
      vertx.cancelTimer(lagTimer);
      lagTimer = -1;
    }
  }
}
