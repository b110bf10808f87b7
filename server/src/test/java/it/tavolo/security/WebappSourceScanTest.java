package it.tavolo.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The webapp's own files, read as text: HTML has no inline script, no inline event handler,
 * no inline style and no javascript: URL (the CSP would block them, and they would invite
 * injection); our JavaScript never turns data into HTML (innerHTML and friends only ever get
 * a constant string; eval, new Function, document.write and insertAdjacentHTML not at all).
 * Third-party bundles under vendor/ are not ours to scan.
 */
class WebappSourceScanTest {
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc\\s*=)[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern EVENT_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE_STYLE = Pattern.compile("<style\\b|<[^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern JS_URL = Pattern.compile("(href|src|action)\\s*=\\s*[\"']?\\s*javascript:", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_SINK = Pattern.compile("\\.(innerHTML|outerHTML)\\s*\\+?=\\s*([^;]*)");
  private static final Pattern CONSTANT = Pattern.compile("\\s*('[^'$\\\\]*'|\"[^\"$\\\\]*\"|``)\\s*");
  private static final Pattern FORBIDDEN = Pattern.compile(
      "\\binsertAdjacentHTML\\b|\\bdocument\\.write(ln)?\\s*\\(|\\beval\\s*\\(|\\bnew\\s+Function\\s*\\("
          + "|\\bsetTimeout\\s*\\(\\s*['\"`]|\\bsetInterval\\s*\\(\\s*['\"`]|\\bcreateContextualFragment\\b|\\bDOMParser\\b");

  static Path webroot() {
    return SecurityDoc.file().getParent().getParent().resolve("webapp/src/main/resources/webroot");
  }

  private static List<Path> files(String suffix) {
    try (Stream<Path> s = Files.walk(webroot())) {
      return s.filter(p -> p.toString().endsWith(suffix))
          .filter(p -> !webroot().relativize(p).toString().startsWith("vendor")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void htmlHasNoInlineScriptEventHandlerStyleOrJavascriptUrl() {
    List<Path> pages = files(".html");
    assertTrue(!pages.isEmpty(), "no HTML found under " + webroot());
    List<String> problems = new ArrayList<>();
    for (Path p : pages) {
      String html = read(p);
      for (Pattern bad : List.of(INLINE_SCRIPT, EVENT_HANDLER, INLINE_STYLE, JS_URL)) {
        Matcher m = bad.matcher(html);
        while (m.find()) {
          problems.add(webroot().relativize(p) + ": " + m.group());
        }
      }
    }
    assertTrue(problems.isEmpty(), "inline code in the webapp's HTML:\n" + String.join("\n", problems));
  }

  @Test
  void scriptsNeverTurnDataIntoHtml() {
    List<Path> scripts = files(".js");
    assertTrue(scripts.size() > 3, "no JavaScript found under " + webroot());
    List<String> problems = new ArrayList<>();
    for (Path p : scripts) {
      String[] lines = read(p).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        if (line.trim().startsWith("//") || line.trim().startsWith("*")) {
          continue;
        }
        Matcher sink = HTML_SINK.matcher(line);
        while (sink.find()) {
          if (!CONSTANT.matcher(sink.group(2)).matches()) {
            problems.add(webroot().relativize(p) + ":" + (i + 1) + ": HTML from data: " + line.trim());
          }
        }
        Matcher f = FORBIDDEN.matcher(line);
        if (f.find()) {
          problems.add(webroot().relativize(p) + ":" + (i + 1) + ": " + f.group() + ": " + line.trim());
        }
      }
    }
    assertTrue(problems.isEmpty(), "the webapp builds HTML or code from strings:\n" + String.join("\n", problems));
  }

  @Test
  void theScannerCatchesWhatItLooksFor() {
    assertTrue(INLINE_SCRIPT.matcher("<script>alert(1)</script>").find());
    assertTrue(!INLINE_SCRIPT.matcher("<script type=\"module\" src=\"js/app.js\"></script>").find());
    assertTrue(EVENT_HANDLER.matcher("<img src=x onerror=\"alert(1)\">").find());
    assertTrue(INLINE_STYLE.matcher("<div style=\"color:red\">").find());
    assertTrue(JS_URL.matcher("<a href=\"javascript:alert(1)\">").find());
    Matcher data = HTML_SINK.matcher("el.innerHTML = '<b>' + name + '</b>';");
    assertTrue(data.find() && !CONSTANT.matcher(data.group(2)).matches());
    Matcher template = HTML_SINK.matcher("el.innerHTML = `<b>${name}</b>`;");
    assertTrue(template.find() && !CONSTANT.matcher(template.group(2)).matches());
    Matcher empty = HTML_SINK.matcher("el.innerHTML = '';");
    assertTrue(empty.find() && CONSTANT.matcher(empty.group(2)).matches());
    assertTrue(FORBIDDEN.matcher("node.insertAdjacentHTML('beforeend', x)").find());
    assertTrue(FORBIDDEN.matcher("eval(code)").find());
  }
}
