package it.tavolo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** it.tavolo.core stays plain Java: no Vert.x, no SQL; Jackson only in *Codec classes. */
class CoreIsPlainJavaTest {
  private static final List<String> FORBIDDEN = List.of("io.vertx", "java.sql", "javax.sql", "org.postgresql");

  @Test
  void coreSourcesImportNeitherVertxNorSqlAndJacksonOnlyInCodecs() throws IOException {
    Path root = Path.of("src/main/java/it/tavolo/core");
    assertTrue(Files.isDirectory(root), "run from the server module: " + root.toAbsolutePath());
    List<String> problems = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java"))::iterator) {
        files++;
        boolean codec = p.getFileName().toString().endsWith("Codec.java");
        for (String line : Files.readAllLines(p)) {
          String l = line.strip();
          if (!l.startsWith("import ")) continue;
          for (String f : FORBIDDEN) if (l.contains(" " + f + ".") || l.contains(" static " + f + ".")) problems.add(p + ": " + l);
          if (!codec && l.contains("com.fasterxml")) problems.add(p + ": Jackson outside a codec: " + l);
        }
        // fully qualified use without an import
        String src = Files.readString(p);
        for (String f : FORBIDDEN) if (src.contains(f + ".")) problems.add(p + ": mentions " + f);
      }
    }
    assertTrue(files > 20, "found the core sources");
    assertEquals(List.of(), problems);
  }
}
