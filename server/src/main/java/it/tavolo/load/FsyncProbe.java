package it.tavolo.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How long this machine's storage takes to make a write durable (fdatasync of 8 KB, as
 * PostgreSQL's WAL flush at each commit). Every ack waits for one: its tail bounds the ack
 * latency's tail, whatever the server does.
 */
final class FsyncProbe {
  private FsyncProbe() {
  }

  static String measure(Path dir, int writes) {
    try {
      Path f = Files.createTempFile(dir, "fsync-probe", ".bin");
      long[] t = new long[writes];
      try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.allocate(8192);
        for (int i = 0; i < writes; i++) {
          b.clear();
          c.write(b, (i % 64) * 8192L);
          long t0 = System.nanoTime();
          c.force(false);
          t[i] = System.nanoTime() - t0;
        }
      } finally {
        Files.deleteIfExists(f);
      }
      Arrays.sort(t);
      return String.format("fdatasync of 8 KB: p50 %s  p99 %s  p99.9 %s  max %s (%,d writes in %s)",
          LoadStats.ms(t[writes / 2] / 1000), LoadStats.ms(t[(int) (writes * 0.99)] / 1000),
          LoadStats.ms(t[(int) (writes * 0.999)] / 1000), LoadStats.ms(t[writes - 1] / 1000), writes, dir);
    } catch (IOException e) {
      return "not measured (" + e.getMessage() + ")";
    }
  }
}
