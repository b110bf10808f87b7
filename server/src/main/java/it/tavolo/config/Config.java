package it.tavolo.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the server, read once at start from environment variables (or, in tests,
 * from any map). The README's configuration table lists the same names and defaults.
 *
 * @param port            HTTP port; 0 picks a free one (tests)
 * @param host            interface to listen on
 * @param databaseUrl     {@code postgresql://user:pass@host:port/db}, or null for the embedded PostgreSQL
 * @param dataDir         where the embedded database and generated secrets live
 * @param jwtSecret       HS256 signing secret (at least 32 bytes)
 * @param jwtTtl          lifetime of an access token
 * @param demo            seed the demo tavolo and accounts at start
 * @param demoPassword    password of every demo account
 * @param logLevel        root log level
 * @param publicOrigin    the origin browsers use to reach us (Origin check, invitation links);
 *                        null means {@code http://localhost:<actual port>}
 * @param production      {@code TAVOLO_ENV=production}: refuse unsafe defaults
 * @param dbPoolSize      connections in the run-time pool
 * @param shutdownGrace   how long in-flight requests get to finish on shutdown
 * @param dbWait          how long to wait at start for an external database to accept connections
 * @param metricsToken    bearer token that opens {@code /metrics} from anywhere; null: loopback only
 */
public record Config(
    int port,
    String host,
    String databaseUrl,
    Path dataDir,
    String jwtSecret,
    Duration jwtTtl,
    boolean demo,
    String demoPassword,
    String logLevel,
    String publicOrigin,
    boolean production,
    int dbPoolSize,
    Duration shutdownGrace,
    Duration dbWait,
    String metricsToken) {

  public static final int MIN_SECRET_BYTES = 32;
  /** A random secret of 32+ characters has far more; a placeholder has fewer. */
  public static final int MIN_SECRET_DISTINCT_CHARS = 10;
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Reads the process environment. */
  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /**
   * Builds the configuration from {@code env}. When no JWT secret is given outside production,
   * one is generated once and kept in {@code <dataDir>/jwt-secret} so tokens survive restarts.
   */
  public static Config from(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    int port = r.integer("PORT", 8080, 0, 65535);
    String host = r.text("HOST", "0.0.0.0");
    String databaseUrl = r.text("DATABASE_URL", null);
    if (databaseUrl != null) {
      DatabaseUrl.parse(databaseUrl); // fail now, with the variable's name, not at first query
    }
    Path dataDir = Path.of(r.text("TAVOLO_DATA_DIR", "./data")).toAbsolutePath().normalize();
    String envName = r.text("TAVOLO_ENV", "development").toLowerCase(Locale.ROOT);
    if (!envName.equals("production") && !envName.equals("development")) {
      throw new ConfigException("TAVOLO_ENV must be 'production' or 'development', not '" + envName + "'");
    }
    boolean production = envName.equals("production");

    String secret = r.text("TAVOLO_JWT_SECRET", null);
    if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new ConfigException("TAVOLO_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    if (secret != null && production && secret.chars().distinct().count() < MIN_SECRET_DISTINCT_CHARS) {
      // "changeme" repeated, "secretsecret...", a row of one key: long enough but guessable
      throw new ConfigException("TAVOLO_JWT_SECRET looks like a placeholder (fewer than " + MIN_SECRET_DISTINCT_CHARS
          + " different characters): use random bytes, e.g. `openssl rand -base64 48`");
    }
    if (secret == null && production) {
      throw new ConfigException("TAVOLO_ENV=production needs TAVOLO_JWT_SECRET (at least "
          + MIN_SECRET_BYTES + " random bytes, e.g. `openssl rand -base64 48`)");
    }
    if (secret == null) {
      secret = JwtSecretFile.loadOrCreate(dataDir.resolve("jwt-secret"));
    }

    Duration jwtTtl = r.duration("TAVOLO_JWT_TTL", "15m");
    boolean demo = r.bool("TAVOLO_DEMO", databaseUrl == null);
    String demoPassword = r.text("TAVOLO_DEMO_PASSWORD", "demo");
    String logLevel = r.text("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(logLevel)) {
      throw new ConfigException("LOG_LEVEL must be one of " + LOG_LEVELS + ", not '" + logLevel + "'");
    }
    String publicOrigin = r.text("TAVOLO_PUBLIC_ORIGIN", null);
    if (publicOrigin != null) {
      publicOrigin = publicOrigin.replaceAll("/+$", "");
      if (!publicOrigin.matches("https?://[^/\\s]+")) {
        throw new ConfigException("TAVOLO_PUBLIC_ORIGIN must be scheme://host[:port], not '" + publicOrigin + "'");
      }
    }
    int poolSize = r.integer("TAVOLO_DB_POOL_SIZE", 10, 1, 200);
    Duration grace = r.duration("TAVOLO_SHUTDOWN_GRACE", "10s");
    Duration dbWait = Durations.parse("TAVOLO_DB_WAIT", r.text("TAVOLO_DB_WAIT", "30s"), true);
    String metricsToken = r.text("TAVOLO_METRICS_TOKEN", null);
    if (metricsToken != null && metricsToken.length() < 16) {
      throw new ConfigException("TAVOLO_METRICS_TOKEN must be at least 16 characters long");
    }
    return new Config(port, host, databaseUrl, dataDir, secret, jwtTtl, demo, demoPassword, logLevel,
        publicOrigin, production, poolSize, grace, dbWait, metricsToken);
  }

  /** True when the server runs its own PostgreSQL under {@link #dataDir()}. */
  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }

  /** The public origin, given the port the server actually bound. */
  public String publicOriginFor(int actualPort) {
    return publicOrigin != null ? publicOrigin : "http://localhost:" + actualPort;
  }

  /** A copy with another port (tests restart on the same data with a fresh port). */
  public Config withPort(int newPort) {
    return new Config(newPort, host, databaseUrl, dataDir, jwtSecret, jwtTtl, demo, demoPassword,
        logLevel, publicOrigin, production, dbPoolSize, shutdownGrace, dbWait, metricsToken);
  }

  /** Never prints secrets or the database password. */
  @Override
  public String toString() {
    return "Config[port=" + port + ", host=" + host
        + ", database=" + (databaseUrl == null ? "embedded" : DatabaseUrl.parse(databaseUrl).redacted())
        + ", dataDir=" + dataDir + ", jwtTtl=" + jwtTtl + ", demo=" + demo
        + ", logLevel=" + logLevel + ", publicOrigin=" + publicOrigin + ", production=" + production
        + ", dbPoolSize=" + dbPoolSize + ", shutdownGrace=" + shutdownGrace + ", dbWait=" + dbWait
        + ", metrics=" + (metricsToken == null ? "loopback only" : "token") + "]";
  }
}
