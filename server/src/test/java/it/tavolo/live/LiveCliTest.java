package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.SpawnedServer;
import it.tavolo.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md's "Try it by hand": two people in two terminals, each running the
 * command-line client, see each other's lines with who wrote them.
 */
class LiveCliTest {
  /** One terminal: a LiveCli process, its output collected line by line. */
  static final class Terminal implements AutoCloseable {
    final Process process;
    final Writer in;
    final List<String> out = new CopyOnWriteArrayList<>();

    Terminal(String user, String doc) throws IOException {
      process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-cp", SpawnedServer.mainClasspath(), "it.tavolo.live.cli.LiveCli",
          "--url", "http://127.0.0.1:" + TestServer.port(), "--user", user, "--doc", doc)
          .redirectErrorStream(true).start();
      in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            out.add(line);
          }
        } catch (IOException ignored) {
          // the process ended
        }
      }, "cli-" + user);
      reader.setDaemon(true);
      reader.start();
    }

    void type(String line) throws IOException {
      in.write(line + "\n");
      in.flush();
    }

    void await(String what, Predicate<String> line) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        if (out.stream().anyMatch(line)) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no " + what + " in the output:\n" + String.join("\n", out));
    }

    @Override
    public void close() throws IOException {
      try {
        type("/quit");
      } catch (IOException alreadyGone) {
        // fine
      }
      process.destroy();
    }
  }

  @Test
  void twoPeopleInTwoTerminalsSeeEachOthersLinesWithTheirAuthors() throws Exception {
    String doc = TestServer.freshTavolo().documentId().toString();
    try (Terminal sara = new Terminal("ets1@demo.tavolo", doc);
         Terminal marco = new Terminal("pa@demo.tavolo", doc)) {
      sara.await("join", l -> l.startsWith("joined as Sara Innocenti"));
      marco.await("join", l -> l.startsWith("joined as Marco"));
      sara.type("Buongiorno dalla cooperativa");
      marco.await("Sara's batch, named", l -> l.startsWith("seq ") && l.contains("Sara Innocenti"));
      marco.type("E buongiorno dalla Società della Salute");
      sara.await("Marco's batch, named", l -> l.startsWith("seq ") && l.contains("Marco"));
      marco.type("/show");
      marco.await("Sara's line in the section", l -> l.contains("[Sara Innocenti") && l.contains("Buongiorno dalla cooperativa"));
      marco.await("Marco's own line", l -> l.contains("[Marco") && l.contains("buongiorno dalla Società"));
      assertTrue(sara.out.stream().noneMatch(l -> l.startsWith("error ")), String.join("\n", sara.out));
    }
  }
}
