package it.tavolo.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the generator's own CPU goes, by kind of thread, from /proc/self/task: its event
 * loops (the clients), the JIT compilers (a fresh JVM still compiles its hot code during a
 * short run), the garbage collector, and the rest (the run's thread, the setup's HTTP
 * client). A snapshot is taken before and after the measured window; used from the run's
 * thread only.
 */
final class GeneratorThreads {
  private static final double TICKS_PER_SECOND = 100.0;
  private static final String[] KINDS = {"event loops", "JIT", "GC", "other"};

  private final Map<String, Long> ticksByThread;

  private GeneratorThreads(Map<String, Long> ticksByThread) {
    this.ticksByThread = ticksByThread;
  }

  static GeneratorThreads snapshot() {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(t -> {
        try {
          String stat = Files.readString(t.resolve("stat"), StandardCharsets.US_ASCII);
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException gone) {
          // a thread that ended meanwhile
        }
      });
    } catch (IOException | RuntimeException notLinux) {
      return new GeneratorThreads(Map.of());
    }
    return new GeneratorThreads(ticks);
  }

  static String kind(String threadName) {
    if (threadName.startsWith("vert.x-eventloo")) {
      return "event loops";
    } else if (threadName.contains("CompilerThre")) {
      return "JIT";
    } else if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
      return "GC";
    }
    return "other";
  }

  /** The CPU used since {@code before}, by kind, in % of one core over {@code seconds}. */
  String since(GeneratorThreads before, double seconds) {
    if (ticksByThread.isEmpty()) {
      return "not measured";
    }
    Map<String, Long> byKind = new HashMap<>();
    ticksByThread.forEach((thread, t) -> byKind.merge(kind(thread.substring(thread.indexOf(' ') + 1)),
        t - before.ticksByThread.getOrDefault(thread, 0L), Long::sum));
    StringBuilder s = new StringBuilder();
    for (String k : KINDS) {
      s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
          .append(String.format("%.0f%%", 100 * byKind.getOrDefault(k, 0L) / TICKS_PER_SECOND / seconds));
    }
    return s.toString();
  }
}
