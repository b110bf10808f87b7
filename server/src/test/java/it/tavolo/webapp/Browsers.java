package it.tavolo.webapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium for browser tests. The driver and browser paths are given explicitly
 * so Selenium never tries to download anything; each browser gets a fresh profile.
 */
public final class Browsers {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TAVOLO_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TAVOLO_CHROMEDRIVER", "/usr/bin/chromedriver"));

  private Browsers() {}

  public static ChromeDriver headless() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: "
          + "apt-get install -y chromium chromium-driver (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("tavolo-chromium-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
    // Keep the page's console so a failing test can show what the app said.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
