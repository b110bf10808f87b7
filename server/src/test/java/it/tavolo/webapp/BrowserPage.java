package it.tavolo.webapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium on the web app, with what every browser test needs: scripts, waits
 * that print the page's console when they fail, screenshots. The people of the tests
 * ({@code TavoloBrowser}, the sedute's {@code SedutaBrowser}) add their own gestures.
 */
public abstract class BrowserPage implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  public final ChromeDriver driver = Browsers.headless();

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * The text of the first element {@code css} finds, or "" while there is none: a view that is
   * redrawing has, for a moment, no such element, and a wait must not fail on that moment.
   */
  public String text(String css) {
    return String.valueOf(js("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css));
  }

  public <T> T waitFor(Function<WebDriver, T> condition) {
    try {
      // A script that reads an element the view is redrawing throws (null has no dataset), and
      // an element found just before a redraw goes stale: both are "not yet", as a missing
      // element is; a wait that never succeeds still fails, with the last such error as cause.
      return new WebDriverWait(driver, Duration.ofSeconds(20))
          .ignoring(JavascriptException.class)
          .ignoring(StaleElementReferenceException.class)
          .until(condition);
    } catch (RuntimeException e) {
      printConsole();
      throw e;
    }
  }

  /** The page's console, for the test log. */
  public void printConsole() {
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        System.out.println("[browser " + entry.getLevel() + "] " + entry.getMessage());
      }
    } catch (RuntimeException ignored) {
      // no console to show
    }
  }

  /** The first element {@code by} finds, when it is displayed; else null (for waits). */
  public static WebElement visible(WebDriver d, By by) {
    var found = d.findElements(by);
    return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
  }

  public Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name + ".png");
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
