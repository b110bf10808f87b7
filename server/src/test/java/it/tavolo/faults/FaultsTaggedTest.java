package it.tavolo.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * The fault tests run in their own Surefire execution (server/pom.xml), so that their time
 * shows apart from the rest of the suite. The executions split by this tag; a test class here
 * without it would run in the default execution, and this test fails. No execution reruns a
 * failing test (testing.FlakePolicyTest): these draw a new seed each run, and a rerun would
 * turn a one-off loss of data into a "flake".
 */
@Tag(FaultsTaggedTest.TAG)
class FaultsTaggedTest {
  static final String TAG = "faults";

  @Test
  void everyTestClassOfTheFaultsPackageCarriesTheFaultsTag() throws Exception {
    Path dir = Path.of(FaultsTaggedTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("it/tavolo/faults");
    List<String> untagged = new ArrayList<>();
    int tests = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        Class<?> c = Class.forName("it.tavolo.faults." + f.getFileName().toString().replace(".class", ""));
        if (!hasTests(c)) {
          continue;
        }
        tests++;
        Tag tag = c.getAnnotation(Tag.class);
        if (tag == null || !tag.value().equals(TAG)) {
          untagged.add(c.getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(tests >= 8, "found the fault tests: " + tests);
    assertTrue(untagged.isEmpty(), "fault tests without @Tag(FaultsTaggedTest.TAG), so run with reruns: " + untagged);
  }

  private static boolean hasTests(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      for (Annotation a : m.getAnnotations()) {
        if (a.annotationType().isAnnotationPresent(Testable.class)) {
          return true;
        }
      }
    }
    return false;
  }
}
