package it.tavolo.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web app's message bundles read as files: Italian and English say the same things, every
 * key the pages ask for exists, and no page shows the server's English error text.
 */
class MessageBundlesTest {
  private static final Path WEBROOT = webroot();

  @Test
  void italianAndEnglishHaveTheSameKeysAndPlaceholders() throws IOException {
    Map<String, String> it = bundle("it");
    Map<String, String> en = bundle("en");
    Set<String> onlyIt = new TreeSet<>(it.keySet());
    onlyIt.removeAll(en.keySet());
    Set<String> onlyEn = new TreeSet<>(en.keySet());
    onlyEn.removeAll(it.keySet());
    assertEquals(Set.of(), onlyIt, "keys only in it.json");
    assertEquals(Set.of(), onlyEn, "keys only in en.json");
    List<String> mismatched = new ArrayList<>();
    for (String key : it.keySet()) {
      if (!placeholders(it.get(key)).equals(placeholders(en.get(key)))) {
        mismatched.add(key + ": " + placeholders(it.get(key)) + " / " + placeholders(en.get(key)));
      }
    }
    assertEquals(List.of(), mismatched, "the same {placeholders} in both languages");
  }

  @Test
  void everyKeyThePagesUseIsInTheBundles() throws IOException {
    Map<String, String> it = bundle("it");
    Set<String> missing = new TreeSet<>();
    int used = 0;
    for (Path file : sources()) {
      String where = WEBROOT.relativize(file).toString().replace('\\', '/');
      if (where.equals("js/i18n.js")) continue; // defines t(); its comments show made-up keys
      String src = Files.readString(file);
      // t('key') and t("key"); t(`prefix.${x}`) needs some key under its prefix.
      Matcher m = Pattern.compile("\\bt\\(\\s*(['\"])([^'\"]+)\\1").matcher(src);
      while (m.find()) {
        used++;
        if (!it.containsKey(m.group(2))) missing.add(m.group(2) + " (" + where + ")");
      }
      Matcher tpl = Pattern.compile("\\bt\\(\\s*`([^`$]*)\\$\\{").matcher(src);
      while (tpl.find()) {
        String prefix = tpl.group(1);
        // an empty prefix is errors.js's `${area}.error.${code}`, checked with has() first
        if (!prefix.isEmpty() && it.keySet().stream().noneMatch(k -> k.startsWith(prefix))) missing.add(prefix + "* (" + where + ")");
      }
      Matcher attr = Pattern.compile("data-i18n=\"([^\"]+)\"").matcher(src);
      while (attr.find()) {
        used++;
        if (!it.containsKey(attr.group(1))) missing.add(attr.group(1) + " (" + where + ")");
      }
      Matcher attrs = Pattern.compile("data-i18n-attr=\"([^\"]+)\"").matcher(src);
      while (attrs.find()) {
        for (String pair : attrs.group(1).split(";")) {
          String key = pair.substring(pair.indexOf(':') + 1).trim();
          used++;
          if (!it.containsKey(key)) missing.add(key + " (" + where + ")");
        }
      }
    }
    assertTrue(used > 300, "the scan found the pages' keys (" + used + ")");
    assertEquals(Set.of(), missing, "keys the pages use that no bundle has");
  }

  @Test
  void noPageShowsTheServersEnglishMessage() throws IOException {
    // Errors go through errors.js (code -> bundle); a `.message` of an error or a conflict
    // shown as is would put the server's English into the Italian page.
    Pattern raw = Pattern.compile("\\b(e|err|error|c|conflict|i\\.conflict)\\.message\\b");
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      String where = WEBROOT.relativize(file).toString().replace('\\', '/');
      if (!where.endsWith(".js") || where.startsWith("js/engine/") || where.equals("js/api.js")) continue;
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (raw.matcher(lines.get(i)).find()) found.add(where + ":" + (i + 1) + ": " + lines.get(i).strip());
      }
    }
    assertEquals(List.of(), found);
  }

  @Test
  void everyErrorCodeTheApiDocumentsHasItsOwnSentence() throws IOException {
    Map<String, String> it = bundle("it");
    Path docs = WEBROOT.resolve("../../../../../docs").normalize();
    Set<String> codes = new TreeSet<>();
    // HTTP: rows "| 409 | `code` | when |" of docs/api.md's error tables.
    Matcher http = Pattern.compile("(?m)^\\| \\d{3} \\| `([a-z_]+)` \\|").matcher(Files.readString(docs.resolve("api.md")));
    while (http.find()) codes.add(http.group(1));
    // WebSocket: the rows of docs/protocol.md's "| code | close | when |" table.
    boolean inTable = false;
    for (String line : Files.readAllLines(docs.resolve("protocol.md"))) {
      if (line.startsWith("| code | close | when |")) inTable = true;
      else if (!line.startsWith("|")) inTable = false;
      Matcher ws = Pattern.compile("^\\| `([a-z_]+)` \\|").matcher(line);
      if (inTable && ws.find()) codes.add(ws.group(1));
    }
    assertTrue(codes.size() > 30, "the tables were read: " + codes);
    Set<String> without = new TreeSet<>();
    for (String code : codes) {
      if (!it.containsKey("error." + code)) without.add(code);
    }
    // A code without a sentence still shows the generic localized one; these are the ones no
    // page meets (transport-level, or answered before any page could show them).
    without.removeAll(Set.of("bad_json", "unknown_type", "already_joined", "replaced", "slow_consumer",
        "idle_timeout", "going_away"));
    assertEquals(Set.of(), without, "documented codes with no error.<code> in the bundles");
  }

  private static Map<String, String> bundle(String lang) throws IOException {
    JsonNode root = new ObjectMapper().readTree(WEBROOT.resolve("i18n/" + lang + ".json").toFile());
    Map<String, String> out = new TreeMap<>();
    root.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Set<String> placeholders(String s) {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(s);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** index.html and the app's own scripts (not the vendored libraries). */
  private static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(WEBROOT.resolve("index.html"));
    try (Stream<Path> js = Files.walk(WEBROOT.resolve("js"))) {
      js.filter(p -> p.toString().endsWith(".js")).sorted().forEach(out::add);
    }
    return out;
  }

  private static Path webroot() {
    // Tests run in server/; the sources are beside it in webapp/.
    for (Path p : List.of(Path.of("../webapp/src/main/resources/webroot"), Path.of("webapp/src/main/resources/webroot"))) {
      if (Files.isDirectory(p)) return p.toAbsolutePath().normalize();
    }
    throw new IllegalStateException("webapp/src/main/resources/webroot not found from " + Path.of("").toAbsolutePath());
  }
}
