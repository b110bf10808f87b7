package it.tavolo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The flake policy (docs/reliability.md), checked from the build file and the test sources:
 * no test is ever rerun, so a test that fails once fails the build; in particular a
 * randomized test (a new seed each run), a test that kills processes, or one that runs
 * several server processes can never pass on a second try after losing data on the first.
 * A randomized test draws its seed through {@code core.Seeds} or {@code faults.FaultRun},
 * which print it and take an override to replay it; a seed from the clock anywhere else
 * would make a failure impossible to replay.
 *
 * <p>Surefire runs with the module directory as working directory, so the paths are
 * relative to {@code server/}.
 */
class FlakePolicyTest {
  private static final Path POM = Path.of("pom.xml");
  private static final Path TESTS = Path.of("src/test/java");

  /** What makes a test randomized, a killer of processes or a multi-process test. */
  private static final Pattern RISKY = Pattern.compile(
      "new Random\\(|new SplittableRandom\\(|Seeds\\.fresh\\(|FaultRun\\.seed\\(|destroyForcibly\\(|\\.destroy\\(\\)"
          + "|SpawnedServer\\.start|\\.kill\\(\\)|new ProcessBuilder\\(|Runtime\\.getRuntime\\(\\)\\.exec");

  /** Seeds that cannot be replayed: from the clock, or from an unseeded generator. */
  private static final Pattern UNREPLAYABLE = Pattern.compile(
      "new (?:Random|SplittableRandom)\\(\\s*\\)|new (?:Random|SplittableRandom)\\(\\s*System\\.(?:nanoTime|currentTimeMillis)"
          + "|seed\\w*\\s*=\\s*System\\.(?:nanoTime|currentTimeMillis)\\(|ThreadLocalRandom|Math\\.random\\(|SecureRandom\\(");

  /** Files allowed an unreplayable source, and why: none of these choose what a test does. */
  private static final Map<String, String> ALLOWED = Map.of(
      "it/tavolo/core/Seeds.java", "the helper: a fresh seed, printed, with -Dtavolo.seed to replay it",
      "it/tavolo/faults/FaultRun.java", "the fault tests' helper: printed, with -Dtavolo.faults.seed to replay it",
      "it/tavolo/testing/ExternalPostgres.java", "a throwaway database password",
      "it/tavolo/testing/FlakePolicyTest.java", "the patterns it looks for",
      "it/tavolo/faults/RawWs.java", "WebSocket masking keys, which change nothing the server sees",
      "it/tavolo/live/RawWsClient.java", "WebSocket masking keys, which change nothing the server sees",
      "it/tavolo/faults/CompressionBombTest.java", "WebSocket masking keys, which change nothing the server sees");

  @Test
  void noTestIsEverRerunSoAFlakeFailsTheBuild() throws Exception {
    Element surefire = surefire();
    Element config = child(surefire, "configuration");
    assertEquals("0", text(config, "rerunFailingTestsCount"),
        "server/pom.xml: surefire's rerunFailingTestsCount must be set to 0 (set, so a -D cannot override it)");
    for (Map.Entry<String, Integer> e : rerunsByExecution().entrySet()) {
      assertEquals(0, e.getValue(), "surefire execution " + e.getKey() + " reruns failing tests");
    }
    String parent = Files.readString(Path.of("..", "pom.xml"));
    assertTrue(!parent.contains("rerunFailingTestsCount"),
        "the parent pom must leave the flake policy to server/pom.xml");
  }

  @Test
  void everyRandomizedKillingOrMultiProcessTestRunsWithoutReruns() throws Exception {
    Map<String, Integer> reruns = rerunsByExecution();
    Map<String, String> risky = new TreeMap<>();
    List<String> rerun = new ArrayList<>();
    for (Path f : testSources()) {
      String src = Files.readString(f);
      Matcher m = RISKY.matcher(src);
      if (!src.contains("@Test") || !m.find()) {
        continue;
      }
      String name = TESTS.relativize(f).toString();
      String execution = src.contains("@Tag(FaultsTaggedTest.TAG)") || src.contains("@Tag(\"faults\")")
          ? "faults" : "default-test";
      risky.put(name, m.group() + " → " + execution);
      if (reruns.getOrDefault(execution, 0) != 0) {
        rerun.add(name + " (" + m.group() + ") runs in " + execution + ", which reruns failing tests");
      }
    }
    // the scan must see the tests the policy is about, or it proves nothing
    for (String known : List.of("it/tavolo/live/MultiProcessTest.java", "it/tavolo/live/LiveConvergenceTest.java",
        "it/tavolo/sedute/SedutaRulesTest.java", "it/tavolo/faults/ProcessCrashTest.java",
        "it/tavolo/faults/DatabaseOutageTest.java", "it/tavolo/core/ops/OpTransformPropertyTest.java")) {
      assertTrue(risky.containsKey(known), "the scan did not find " + known + ": " + risky.keySet());
    }
    assertTrue(rerun.isEmpty(), "randomized, killing or multi-process tests that would be rerun: " + rerun);
  }

  @Test
  void everySeedCanBeReplayedBecauseItComesFromTheSeedHelpers() throws Exception {
    List<String> found = new ArrayList<>();
    for (Path f : testSources()) {
      String name = TESTS.relativize(f).toString();
      if (ALLOWED.containsKey(name)) {
        continue;
      }
      String[] lines = Files.readString(f).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = UNREPLAYABLE.matcher(lines[i]);
        if (m.find()) {
          found.add(name + ":" + (i + 1) + ": " + lines[i].trim());
        }
      }
    }
    assertTrue(found.isEmpty(), "seeds that cannot be replayed; draw them with Seeds.fresh (or FaultRun.seed in "
        + "it.tavolo.faults), which print the seed and take -Dtavolo.seed: " + found);
  }

  private static List<Path> testSources() throws IOException {
    try (Stream<Path> s = Files.walk(TESTS)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** rerunFailingTestsCount per execution of surefire: the execution's own, else the plugin's, else 0. */
  private static Map<String, Integer> rerunsByExecution() throws Exception {
    Element surefire = surefire();
    String pluginLevel = text(child(surefire, "configuration"), "rerunFailingTestsCount");
    Map<String, Integer> out = new TreeMap<>();
    out.put("default-test", parse(pluginLevel));
    Element executions = child(surefire, "executions");
    if (executions != null) {
      for (Element e : children(executions, "execution")) {
        String own = text(child(e, "configuration"), "rerunFailingTestsCount");
        out.put(text(e, "id"), parse(own != null ? own : pluginLevel));
      }
    }
    assertTrue(out.containsKey("faults") && out.containsKey("default-test"), "executions: " + out.keySet());
    return out;
  }

  private static int parse(String v) {
    return v == null ? 0 : Integer.parseInt(v.trim());
  }

  private static Element surefire() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
    NodeList ids = pom.getElementsByTagName("artifactId");
    for (int i = 0; i < ids.getLength(); i++) {
      Node n = ids.item(i);
      if (n.getTextContent().trim().equals("maven-surefire-plugin") && n.getParentNode() instanceof Element p
          && p.getTagName().equals("plugin")) {
        return p;
      }
    }
    throw new AssertionError("server/pom.xml configures no maven-surefire-plugin");
  }

  private static Element child(Element parent, String tag) {
    if (parent == null) {
      return null;
    }
    List<Element> c = children(parent, tag);
    return c.isEmpty() ? null : c.get(0);
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? null : e.getTextContent().trim();
  }
}
