package it.tavolo.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What the clients observe, recorded from every event loop at once: latencies in
 * microseconds (HdrHistogram, 3 significant digits) and counters. Nothing is recorded
 * outside the measuring window (warm-up, settling), except errors, which always count.
 */
final class LoadStats {
  private static final long MAX_MICROS = 120_000_000L;

  volatile boolean recording;
  final Histogram ack = new ConcurrentHistogram(MAX_MICROS, 3);
  final Histogram broadcast = new ConcurrentHistogram(MAX_MICROS, 3);
  final LongAdder keystrokes = new LongAdder();
  final LongAdder submits = new LongAdder();
  final LongAdder acks = new LongAdder();
  final LongAdder frames = new LongAdder();
  final LongAdder messages = new LongAdder();
  final LongAdder opsMessages = new LongAdder();
  final LongAdder presenceMessages = new LongAdder();
  final LongAdder presenceSent = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> firstError = new ConcurrentHashMap<>();

  void ackLatency(long nanos) {
    if (recording) {
      ack.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
      acks.increment();
    }
  }

  void broadcastLatency(long nanos) {
    if (recording) {
      broadcast.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
    }
  }

  void frame(int bytes) {
    if (recording) {
      frames.increment();
      bytesIn.add(bytes);
    }
  }

  void message(String type) {
    if (!recording) {
      return;
    }
    messages.increment();
    if ("ops".equals(type)) {
      opsMessages.increment();
    } else if ("presence".equals(type)) {
      presenceMessages.increment();
    }
  }

  void count(LongAdder a) {
    if (recording) {
      a.increment();
    }
  }

  void error(String code, String detail) {
    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    firstError.putIfAbsent(code, detail);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Error code → count, with the first occurrence's detail. */
  Map<String, String> errorSummary() {
    Map<String, String> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum() + " (first: " + firstError.get(k) + ")"));
    return out;
  }

  /** Starts a measuring window with empty histograms and counters. */
  void startRecording() {
    ack.reset();
    broadcast.reset();
    for (LongAdder a : new LongAdder[] {keystrokes, submits, acks, frames, messages, opsMessages, presenceMessages,
        presenceSent, bytesIn}) {
      a.reset();
    }
    recording = true;
  }

  void stopRecording() {
    recording = false;
  }

  static String percentiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "no samples";
    }
    return String.format("p50 %s  p99 %s  p99.9 %s  max %s  (%,d samples)",
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()), h.getTotalCount());
  }

  static String ms(long micros) {
    return micros < 10_000 ? String.format("%.2f ms", micros / 1000.0) : String.format("%.0f ms", micros / 1000.0);
  }
}
