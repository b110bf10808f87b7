package it.tavolo;

import ch.qos.logback.classic.Level;
import it.tavolo.config.Config;
import it.tavolo.config.ConfigException;
import it.tavolo.demo.DemoSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: configuration from the environment, start, and a graceful stop on SIGTERM/SIGINT. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Config config;
    try {
      config = Config.fromEnvironment();
    } catch (ConfigException e) {
      log.atError().log("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(Level.toLevel(config.logLevel(), Level.INFO));
    }
    App app;
    try {
      app = App.start(config);
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("tavolo did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "tavolo-shutdown"));
    if (config.demo()) {
      String password = config.demoPassword().equals("demo") ? "demo" : "(TAVOLO_DEMO_PASSWORD)";
      for (DemoSeed.Account a : DemoSeed.ACCOUNTS) {
        log.atInfo().addKeyValue("email", a.email()).addKeyValue("password", password)
            .addKeyValue("role", a.role()).addKeyValue("organisation", a.organisationName())
            .log("demo account");
      }
    }
    log.atInfo().addKeyValue("url", app.context().publicOrigin()).log("open tavolo in a browser");
  }
}
