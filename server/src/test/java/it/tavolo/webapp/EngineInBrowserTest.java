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
        for (JsonNode r : results) {
          if (r.path("name").asText().startsWith("vector ")) vectors++;
          if (!r.path("ok").asBoolean()) failures.add(r.path("name").asText() + ": " + r.path("error").asText());
        }
        System.out.println("browser engine: " + browser.findElement(By.id("summary")).getText() + " (" + vectors + " shared vectors)");
        assertEquals(List.of(), failures, "failing browser engine tests");
        assertTrue(results.size() >= 20, "the engine tests ran");
        if (getClass().getClassLoader().getResource("vectors/text-ot.json") != null) {
          assertTrue(vectors > 0, "the shared vectors ran");
        }
      } finally {
        browser.quit();
      }
    }
  }
}
