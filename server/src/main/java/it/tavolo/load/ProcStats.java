package it.tavolo.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of processes, read from Linux's /proc (the only place that
 * tells us about the server's PostgreSQL as well as its JVM).
 */
final class ProcStats {
  /** USER_HZ: /proc/[pid]/stat counts CPU time in these ticks (100 on every Linux we target). */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {
  }

  /** CPU seconds (user + system) used so far by {@code pid}, or 0 when it is gone. */
  static double cpuSeconds(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat == null) {
      return 0;
    }
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(f[11]);
    long stime = Long.parseLong(f[12]);
    return (utime + stime) / TICKS_PER_SECOND;
  }

  /** Resident set size in bytes, or 0 when the process is gone. */
  static long rssBytes(long pid) {
    String status = read(Path.of("/proc", Long.toString(pid), "status"));
    if (status == null) {
      return 0;
    }
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  static double cpuSeconds(List<Long> pids) {
    return pids.stream().mapToDouble(ProcStats::cpuSeconds).sum();
  }

  /**
   * Resident memory of a group of processes. PostgreSQL backends share the buffer pool, which
   * each one's RSS counts again; PSS (proportional set size) splits shared pages fairly.
   */
  static long pssBytes(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      String rollup = read(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
      if (rollup == null) {
        total += rssBytes(pid);
        continue;
      }
      for (String line : rollup.split("\n")) {
        if (line.startsWith("Pss:")) {
          total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          break;
        }
      }
    }
    return total;
  }

  /**
   * The PostgreSQL processes serving a data directory: the postmaster (found by the {@code -D}
   * argument on its command line) and its children (one per connection, plus background workers).
   */
  static List<Long> postgresOf(Path dataDir) {
    List<Long> out = new ArrayList<>();
    String needle = dataDir.toAbsolutePath().normalize().toString();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String cmd = read(p.resolve("cmdline"));
        if (cmd != null && cmd.contains("postgres") && cmd.contains(needle)) {
          long pid = Long.parseLong(name);
          out.add(pid);
          ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out.stream().distinct().toList();
  }

  /** The 1-minute load average and the core count: other work on the machine skews every figure. */
  static String loadAverage() {
    String l = read(Path.of("/proc/loadavg"));
    String one = l == null ? "?" : l.split(" ")[0];
    return "load average " + one + " on " + Runtime.getRuntime().availableProcessors() + " cores (1 min)";
  }

  static double loadAverageValue() {
    String l = read(Path.of("/proc/loadavg"));
    return l == null ? 0 : Double.parseDouble(l.split(" ")[0]);
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
