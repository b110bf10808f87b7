package it.tavolo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.tavolo.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("TAVOLO_DATA_DIR", TestServer.tempDir("config").toString());
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void defaultsRunTheEmbeddedDemoOnPort8080() {
    Config c = Config.from(env());
    assertEquals(8080, c.port());
    assertEquals("0.0.0.0", c.host());
    assertTrue(c.embeddedDatabase());
    assertNull(c.databaseUrl());
    assertTrue(c.demo());
    assertEquals("demo", c.demoPassword());
    assertEquals("INFO", c.logLevel());
    assertEquals(Duration.ofMinutes(15), c.jwtTtl());
    assertFalse(c.production());
    assertEquals("http://localhost:8080", c.publicOriginFor(8080));
  }

  @Test
  void generatedSecretIsOwnerOnlyAndSurvivesRestarts() throws Exception {
    Map<String, String> e = env();
    Config first = Config.from(e);
    Path file = Path.of(e.get("TAVOLO_DATA_DIR")).resolve("jwt-secret");
    assertTrue(Files.exists(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(first.jwtSecret().length() >= Config.MIN_SECRET_BYTES);
    assertEquals(first.jwtSecret(), Config.from(e).jwtSecret());
    assertFalse(first.jwtSecret().equals(Config.from(env()).jwtSecret()), "another data dir, another secret");
  }

  @Test
  void givenSecretIsUsedAndNothingIsWritten() {
    Map<String, String> e = env("TAVOLO_JWT_SECRET", SECRET);
    assertEquals(SECRET, Config.from(e).jwtSecret());
    assertFalse(Files.exists(Path.of(e.get("TAVOLO_DATA_DIR")).resolve("jwt-secret")));
  }

  @Test
  void sizesAreReadAsLongsAndAWrongOneIsRefusedNamingItsSetting() {
    assertEquals(5_000_000_000L, it.tavolo.files.FileSettings.from(Map.of("TAVOLO_FILE_MAX_BYTES", "5000000000")).maxBytes());
    assertEquals(25L << 20, it.tavolo.files.FileSettings.from(Map.of("TAVOLO_FILE_MAX_BYTES", " ")).maxBytes(), "blank is absent");
    assertEquals(7, it.tavolo.files.FileSettings.from(Map.of("TAVOLO_FILE_MAX_UPLOADS", "7")).maxUploads());
    ConfigException zero = assertThrows(ConfigException.class,
        () -> it.tavolo.files.FileSettings.from(Map.of("TAVOLO_FILE_MAX_BYTES", "0")));
    assertTrue(zero.getMessage().contains("TAVOLO_FILE_MAX_BYTES"), zero.getMessage());
    ConfigException word = assertThrows(ConfigException.class,
        () -> it.tavolo.imports.ImportSettings.from(Map.of("TAVOLO_IMPORT_MAX_UNPACKED_BYTES", "molti")));
    assertTrue(word.getMessage().contains("TAVOLO_IMPORT_MAX_UNPACKED_BYTES"), word.getMessage());
    ConfigException overInt = assertThrows(ConfigException.class,
        () -> it.tavolo.imports.ImportSettings.from(Map.of("TAVOLO_IMPORT_MAX_BYTES", "3000000000")));
    assertTrue(overInt.getMessage().contains("TAVOLO_IMPORT_MAX_BYTES"), overInt.getMessage());
    assertEquals(new it.tavolo.imports.ImportSettings(20L << 20, 100L << 20, 2000, 100), it.tavolo.imports.ImportSettings.from(Map.of()));
  }

  @Test
  void productionWithoutSecretRefusesToStart() {
    ConfigException e = assertThrows(ConfigException.class, () -> Config.from(env("TAVOLO_ENV", "production")));
    assertTrue(e.getMessage().contains("TAVOLO_JWT_SECRET"), e.getMessage());
  }

  @Test
  void shortSecretIsRefused() {
    assertThrows(ConfigException.class,
        () -> Config.from(env("TAVOLO_ENV", "production", "TAVOLO_JWT_SECRET", "too-short")));
    assertThrows(ConfigException.class, () -> Config.from(env("TAVOLO_JWT_SECRET", "too-short")));
    assertTrue(Config.from(env("TAVOLO_ENV", "production", "TAVOLO_JWT_SECRET", SECRET)).production());
  }

  @Test
  void externalDatabaseTurnsDemoOffUnlessAskedFor() {
    String url = "postgresql://tavolo:pw@db.example:5432/tavolo";
    Config c = Config.from(env("DATABASE_URL", url));
    assertFalse(c.embeddedDatabase());
    assertFalse(c.demo());
    assertTrue(Config.from(env("DATABASE_URL", url, "TAVOLO_DEMO", "true")).demo());
    assertFalse(Config.from(env("TAVOLO_DEMO", "false")).demo());
  }

  @Test
  void databaseUrlIsTakenApartWithEncodedCredentials() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://ta%40volo:p%3Aw%2Fd@db.example:6543/tavolo_db?sslmode=require");
    assertEquals("db.example", u.host());
    assertEquals(6543, u.port());
    assertEquals("tavolo_db", u.database());
    assertEquals("ta@volo", u.user());
    assertEquals("p:w/d", u.password());
    assertEquals("jdbc:postgresql://db.example:6543/tavolo_db?sslmode=require", u.jdbcUrl());
    assertEquals(5432, DatabaseUrl.parse("postgres://h/d").port());
    assertFalse(u.redacted().contains("p:w"));
    String shown = Config.from(env("DATABASE_URL", "postgresql://u:hunter2@h/d")).toString();
    assertFalse(shown.contains("hunter2"), shown);
  }

  @Test
  void malformedSettingsNameTheVariable() {
    for (String[] bad : new String[][] {
        {"PORT", "eighty"}, {"PORT", "70000"}, {"DATABASE_URL", "mysql://h/d"}, {"TAVOLO_JWT_TTL", "soon"},
        {"TAVOLO_DEMO", "maybe"}, {"LOG_LEVEL", "LOUD"}, {"TAVOLO_PUBLIC_ORIGIN", "localhost:8080"},
        {"TAVOLO_ENV", "staging"}}) {
      ConfigException e = assertThrows(ConfigException.class, () -> Config.from(env(bad[0], bad[1])), bad[0]);
      assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
    }
  }

  @Test
  void settingsAreParsed() {
    Config c = Config.from(env("PORT", "9090", "TAVOLO_JWT_TTL", "90s", "LOG_LEVEL", "debug",
        "TAVOLO_PUBLIC_ORIGIN", "https://tavolo.example.it/", "TAVOLO_DEMO_PASSWORD", "segreta"));
    assertEquals(9090, c.port());
    assertEquals(Duration.ofSeconds(90), c.jwtTtl());
    assertEquals("DEBUG", c.logLevel());
    assertEquals("https://tavolo.example.it", c.publicOriginFor(9090));
    assertEquals("segreta", c.demoPassword());
  }

  @Test
  void mainExitsWithAnErrorInProductionWithoutSecret() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "it.tavolo.Main");
    pb.environment().remove("TAVOLO_JWT_SECRET");
    pb.environment().put("TAVOLO_ENV", "production");
    pb.environment().put("TAVOLO_DATA_DIR", TestServer.tempDir("prod").toString());
    pb.environment().put("PORT", "0");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "Main should exit, not start a server");
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("TAVOLO_JWT_SECRET"), out);
  }
}
