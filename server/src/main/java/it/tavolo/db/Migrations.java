package it.tavolo.db;

import it.tavolo.config.DatabaseUrl;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations in {@code classpath:db/migration} (V1__..., V2__...). Flyway
 * speaks JDBC, so this blocks: run it on a worker thread.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /**
   * Brings the schema up to date; returns the schema version now in place. {@code wait}: how long
   * to keep retrying while the database does not accept connections yet (a container starting).
   */
  public static String migrate(DatabaseUrl url, Duration wait) {
    int interval = 2;
    Flyway flyway = Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations("classpath:db/migration")
        .connectRetries((int) Math.min(1000, wait.toSeconds() / interval))
        .connectRetriesInterval(interval)
        .load();
    MigrateResult result = flyway.migrate();
    String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
        : flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
    log.atInfo().addKeyValue("applied", result.migrationsExecuted).addKeyValue("version", version)
        .log("database migrations done");
    return version;
  }
}
