package it.tavolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of this repository alone passes its own tests: nothing the build, a test, a
 * benchmark or a doc's command needs may live in a folder beside the clone (the design notes'
 * folder, where the editing traces first came from, is not there for a newcomer). CI also runs
 * the suite from a copy with no sibling folder at all ({@code .ci/run}); this test names the
 * offending line where that run would only fail somewhere downstream.
 */
class SelfContainedRepositoryTest {
  // Spelled in pieces so that this file does not name what it looks for.
  private static final List<String> FORBIDDEN = List.of(".." + "/shared", "TAVOLO_" + "SHARED_DIR");
  private static final List<String> SCANNED = List.of("server", "webapp", "docs", ".ci", "pom.xml", "README.md",
      "Dockerfile");

  @Test
  void noFileReachesOutsideTheRepository() throws IOException {
    Path root = repositoryRoot();
    List<String> offences = new ArrayList<>();
    int scanned = 0;
    for (String top : SCANNED) {
      Path start = root.resolve(top);
      if (!Files.exists(start)) continue;
      try (Stream<Path> files = Files.walk(start)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).filter(p -> !generated(root, p))::iterator) {
          String text = textOf(f);
          if (text == null) continue;
          scanned++;
          String[] lines = text.split("\n", -1);
          for (int i = 0; i < lines.length; i++) {
            for (String needle : FORBIDDEN) {
              if (lines[i].contains(needle)) offences.add(root.relativize(f) + ":" + (i + 1) + ": " + lines[i].strip());
            }
          }
        }
      }
    }
    assertTrue(scanned > 100, "the scan read the sources (" + scanned + " files under " + root + ")");
    assertEquals(List.of(), offences, "files that need something beside the clone");
  }

  @Test
  void theTracesTheTestsReplayAreInTheRepository() throws IOException {
    for (String name : List.of("automerge-paper", "clownschool_flat")) {
      try (InputStream in = getClass().getResourceAsStream("/traces/" + name + ".json.gz")) {
        assertTrue(in != null && in.readNBytes(2).length == 2, "traces/" + name + ".json.gz in the test resources");
      }
    }
    String readme = Files.readString(repositoryRoot().resolve("server/src/test/resources/traces/README.md"));
    assertTrue(readme.contains("CC BY 4.0") && readme.contains("Joseph Gentle"), "the traces' licence and attribution");
  }

  /** Build output and installed packages are not sources. */
  private static boolean generated(Path root, Path p) {
    String rel = root.relativize(p).toString();
    return rel.contains("/target/") || rel.startsWith("target/") || rel.contains("node_modules/")
        || rel.startsWith("server/data/") || rel.startsWith("data/");
  }

  /** The file's text, or null for a binary file (a NUL in its first 8 KB) or one over 2 MB. */
  private static String textOf(Path f) throws IOException {
    if (Files.size(f) > 2_000_000) return null;
    byte[] bytes = Files.readAllBytes(f);
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) if (bytes[i] == 0) return null;
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("server"))) return dir;
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
