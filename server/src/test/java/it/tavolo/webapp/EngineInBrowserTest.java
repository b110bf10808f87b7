package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Runs the browser engine's tests and the shared transform vectors (the same files the Java
 * core is tested with) in real headless Chromium, under the production CSP.
 */
class EngineInBrowserTest {

  /** The cases in server/src/test/resources/vectors, by the name the browser runs them under. */
  static Map<String, Integer> vectorCases() throws java.io.IOException {
    ObjectMapper json = new ObjectMapper();
    // a vector file added later must be run by the browser too: the list is the directory's
    java.net.URL dir = EngineInBrowserTest.class.getClassLoader().getResource("vectors");
    assertTrue(dir != null, "vectors/ is on the test classpath");
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(java.net.URI.create(dir.toString())))) {
      assertEquals(List.of("ops-transform.json", "text-ot.json"), files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".json")).sorted().toList(), "the vector files webtest/vectors.js runs");
    }
    Map<String, Integer> n = new java.util.TreeMap<>();
    try (var text = EngineInBrowserTest.class.getClassLoader().getResourceAsStream("vectors/text-ot.json");
         var ops = EngineInBrowserTest.class.getClassLoader().getResourceAsStream("vectors/ops-transform.json")) {
      assertTrue(text != null && ops != null, "both vector files are on the test classpath");
      JsonNode t = json.readTree(text);
      n.put("text-ot", t.path("cases").size());
      n.put("text-apply", t.path("apply").size());
      n.put("text-compose", t.path("compose").size());
      n.put("ops-transform", json.readTree(ops).path("cases").size());
    }
    n.values().forEach(c -> assertTrue(c > 0, "every kind of vector has cases: " + n));
    return n;
  }

  @Test
  void browserEnginePassesItsTestsAndTheSharedVectors() throws Exception {
    try (var server = new ClasspathStaticServer(Map.of("/test/", "webtest/", "/vectors/", "vectors/", "/", "webroot/"))) {
      ChromeDriver browser = Browsers.headless();
      try {
        browser.get(server.url("/test/engine.html"));
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-done")));
        JsonNode results = new ObjectMapper().readTree(browser.findElement(By.id("results")).getText());
        List<String> failures = new ArrayList<>();
        int vectors = 0;
        Map<String, Integer> ran = new java.util.TreeMap<>();
        for (JsonNode r : results) {
          String name = r.path("name").asText();
          if (name.startsWith("vector ")) {
            vectors++;
            ran.merge(name.substring("vector ".length(), name.indexOf(':')), 1, Integer::sum);
          }
          if (!r.path("ok").asBoolean()) failures.add(name + ": " + r.path("error").asText());
        }
        System.out.println("browser engine: " + browser.findElement(By.id("summary")).getText() + " (" + vectors + " shared vectors)");
        assertEquals(List.of(), failures, "failing browser engine tests");
        assertTrue(results.size() - vectors >= 20, "the engine tests ran");
        // every case of every vector file, each exactly once (counted from the files themselves)
        Map<String, Integer> expected = vectorCases();
        assertEquals(expected, ran, "the shared vectors that ran, by kind");
        assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), vectors);
      } finally {
        browser.quit();
      }
    }
  }
}
