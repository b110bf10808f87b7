package it.tavolo.load;

import it.tavolo.core.ops.Op;
import it.tavolo.core.text.TextOperation;
import java.util.List;
import java.util.Random;

/**
 * A person typing into one section's body at a human rate: bursts of keystrokes at twice the
 * mean rate, separated by pauses, so that the average is {@code rate} keystrokes per second.
 * Mostly letters and spaces at the cursor, some backspaces, an occasional jump elsewhere;
 * the cursor is sent as presence (at most every 200 ms, as a browser client throttles it).
 * Runs on its client's event loop, fired by the loop's {@link TypingClock}.
 */
final class Typist {
  private static final String LETTERS = "eeeeeaaaaiiiioooonnnlllrrrtttsssccddmmppuuvgbfhzq      ,.";
  private static final int MAX_LENGTH = 3000;
  private static final long PRESENCE_EVERY_NANOS = 200_000_000L;

  private final LoadClient client;
  private final String section;
  private final double rate;
  private final Random random;
  private int cursor;
  private int leftInBurst;
  /** When the next keystroke is due ({@code System.nanoTime()}); read by the clock. */
  private long due;
  private long lastPresence;
  private volatile boolean stopped;

  Typist(LoadClient client, String section, double rate, long seed) {
    this.client = client;
    this.section = section;
    this.rate = rate;
    this.random = new Random(seed);
  }

  /** The section this typist types into. */
  String section() {
    return section;
  }

  /** Starts after a random delay of up to one burst cycle, so that typists do not type in step. */
  void start() {
    client.ctx.runOnContext(v -> {
      due = System.nanoTime();
      schedule(1 + (long) (random.nextDouble() * 2 * meanBurst() / rate * 1000));
      TypingClock.of(client.ctx).add(this);
    });
  }

  /** Stops typing; the clock drops it at its next tick. */
  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  long due() {
    return due;
  }

  private static double meanBurst() {
    return 15;
  }

  /**
   * The next keystroke {@code delayMs} after the one due now: from the planned time, so that
   * the clock's tick does not slow the rate (unless the loop fell a second behind).
   */
  private void schedule(long delayMs) {
    long now = System.nanoTime();
    due = Math.max(due, now - 1_000_000_000L) + Math.max(1, delayMs) * 1_000_000L;
  }

  /** Called by the clock when {@link #due} has come. */
  void fire() {
    if (stopped || !client.isOpen()) {
      stopped = true; // a closed connection types no more (the clock drops it)
      return;
    }
    if (leftInBurst <= 0) {
      // geometric burst length with the given mean
      leftInBurst = 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - 1 / meanBurst()));
    }
    keystroke();
    leftInBurst--;
    double burstInterval = 1000.0 / (2 * rate);
    if (leftInBurst > 0) {
      schedule(Math.round(burstInterval * (0.6 + 0.8 * random.nextDouble())));
    } else {
      // pauses take the other half of the time: mean pause = mean burst duration
      double meanPause = meanBurst() * burstInterval;
      schedule(Math.round(Math.min(4 * meanPause, -Math.log(1 - random.nextDouble()) * meanPause)));
    }
  }

  private void keystroke() {
    int length = client.doc().document().textLength("sections", section, "body");
    if (random.nextDouble() < 0.02) {
      cursor = random.nextInt(length + 1);
    }
    cursor = Math.max(0, Math.min(cursor, length));
    TextOperation.Builder b = TextOperation.builder();
    boolean backspace = cursor > 0 && random.nextDouble() < (length > MAX_LENGTH ? 0.7 : 0.1);
    if (backspace) {
      b.retain(cursor - 1).delete(1).retain(length - cursor);
      cursor--;
    } else {
      b.retain(cursor).insert(String.valueOf(LETTERS.charAt(random.nextInt(LETTERS.length()))))
          .retain(length - cursor);
      cursor++;
    }
    client.edit(List.of(new Op.Text("sections", section, "body", b.build())));
    long now = System.nanoTime();
    if (now - lastPresence >= PRESENCE_EVERY_NANOS) {
      lastPresence = now;
      client.sendPresence("sections", section, "body", cursor);
    }
  }
}
