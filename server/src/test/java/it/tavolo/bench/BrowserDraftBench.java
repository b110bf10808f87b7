package it.tavolo.bench;

import it.tavolo.testing.TestServer;
import it.tavolo.webapp.Browsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app's speed in headless Chromium (issue 18), a program, not a test: a draft with a
 * 200 KB text section and 300 budget lines; how long the draft page takes to open (navigation
 * start to every panel drawn), keystroke to screen in that section and in a budget line
 * (event timestamp to the frame after the editor changed, from the page's own clock), and a
 * remote change in a second browser (one wall clock: both browsers run on this machine).
 * Figures in docs/benchmarks.md; run as described there.
 */
public final class BrowserDraftBench {
  /** About 200 KB: just under the text field limit of 200,000 UTF-16 code units. */
  private static final int TEXT_BYTES = 199_000;
  private static final int BUDGET_LINES = 300;
  private static final int KEYS = 60;
  /** -Dbench.profile=true: also a CPU profile (DevTools protocol) of each phase, top self times. */
  // -Dbench.css=RULES: a style for the measured page before its keys (see main)
  private static final boolean PROFILE = Boolean.getBoolean("bench.profile");

  private BrowserDraftBench() {}

  public static void main(String[] args) throws Exception {
    String base = "http://localhost:" + TestServer.port();
    TestServer.Tavolo t = TestServer.freshTavolo();
    String doc = "/#/doc/" + t.id() + "/" + t.documentId();
    ChromeDriver a = Browsers.headless();
    ChromeDriver b = Browsers.headless();
    try {
      login(a, base, "coordinatore@demo.tavolo");
      a.get(base + doc);
      waitReady(a);
      fill(a);
      System.out.printf("draft: section of %,d characters, %d budget lines%n",
          ((Number) js(a, "return tavoloClient.doc.get('sections', 'bench').body.length")).longValue(), BUDGET_LINES);

      // opening: three times, in the second browser (the first time warms the caches)
      login(b, base, "ets1@demo.tavolo");
      List<Double> opens = new ArrayList<>();
      // A real page load each time (about:blank between): WebDriver's get to a URL that differs
      // only in its #hash does not reload, and performance.now() would count from the login.
      for (int i = 0; i < 3; i++) {
        b.get("about:blank");
        if (PROFILE && i == 2) {
          profileStart(b);
        }
        b.get(base + doc);
        Object ms = b.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "const check = () => { const v = document.querySelector('#view-doc');"
            + " if (v && v.dataset.ready && document.querySelector(\"[data-field='sections/bench/body'] .cm-content\")"
            + "   && document.querySelectorAll('#budget-rows tr').length >= " + BUDGET_LINES + ") done(performance.now());"
            + " else requestAnimationFrame(check); }; check();");
        opens.add(((Number) ms).doubleValue());
        if (PROFILE && i == 2) {
          profileStop(b, "open");
        }
      }
      System.out.printf("open (navigation start to all drawn): %s ms%n", opens.stream().map(d -> String.format("%.0f", d)).toList());

      // keystroke to screen in the big section and in a budget line
      // Also the browser's own Event Timing ('event' entries: from the event's timestamp to the
      // next paint after its handlers, in 8 ms steps): it reports only events of 16 ms or more,
      // so it counts the keys over budget, a check on our rAF + setTimeout measure.
      String watch = "window.lat = []; window.slow = []; const box = arguments[0];"
          + "box.addEventListener('keydown', ev => { const t0 = ev.timeStamp;"
          + " requestAnimationFrame(() => setTimeout(() => lat.push(performance.now() - t0), 0)); }, true);"
          + "if (!window.eventObserver) { window.eventObserver = new PerformanceObserver(l => { for (const e of l.getEntries())"
          + " if (e.name === 'keydown') slow.push(e.duration); });"
          + " eventObserver.observe({type: 'event', durationThreshold: 16, buffered: false}); }";
      // -Dbench.css=RULES: a style added to the measured page before its keys, e.g. the long
      // section shown whole as before its box
      // ('.tv-editor .cm-editor{max-height:none!important;height:auto!important}')
      String css = System.getProperty("bench.css", "");
      if (!css.isEmpty()) {
        js(b, "const s = document.createElement('style'); s.textContent = arguments[0]; document.head.append(s);", css);
        System.out.println("with the style: " + css);
      }
      // the editor is some 50,000 px tall: click its last line, not its middle
      WebElement section = b.findElement(By.cssSelector("[data-field='sections/bench/body'] .cm-content"));
      // (the caret put at the end and focused through CodeMirror; the keys below are real)
      js(b, "const v = tavoloView.ctx.editors.get('sections/bench/body').view;"
          + "v.dispatch({selection: {anchor: v.state.doc.length}, scrollIntoView: true}); v.focus();");
      Thread.sleep(300);
      js(b, watch, b.findElement(By.id("doc-panels")));
      if (PROFILE) {
        profileStart(b);
      }
      for (int i = 0; i < KEYS; i++) {
        section.sendKeys("a");
      }
      if (PROFILE) {
        profileStop(b, "keystrokes in the section");
      }
      report("keystroke to screen, 200 KB section", latencies(b));
      // the same place, 60 keys more: CodeMirror has measured the lines around the caret by now
      js(b, "window.lat = []; window.slow = [];");
      for (int i = 0; i < KEYS; i++) {
        section.sendKeys("a");
      }
      report("keystroke to screen, 200 KB section, continued typing", latencies(b));
      WebElement line = b.findElement(By.cssSelector("#budget-rows tr:last-child [data-field='description']"));
      js(b, "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", line);
      Thread.sleep(300);
      js(b, "window.lat = []; window.slow = [];");
      for (int i = 0; i < KEYS; i++) {
        line.sendKeys("b");
      }
      report("keystroke to screen, budget line", latencies(b));
      new WebDriverWait(b, Duration.ofSeconds(30)).until(d -> ((Number) js(b, "return tavoloClient.pendingCount()")).intValue() == 0);

      // a remote change: typed in A, drawn in B
      js(b, "window.remote = []; tavoloClient.on('remote', () => requestAnimationFrame(() => setTimeout(() =>"
          + " remote.push(performance.timeOrigin + performance.now()), 0)));");
      js(a, "window.sent = []; document.getElementById('doc-panels').addEventListener('keydown', ev =>"
          + " sent.push(performance.timeOrigin + ev.timeStamp), true);");
      WebElement other = a.findElement(By.cssSelector("[data-field='sections/bench/body'] .cm-content"));
      js(a, "const v = tavoloView.ctx.editors.get('sections/bench/body').view;"
          + "v.dispatch({selection: {anchor: 0}, scrollIntoView: true}); v.focus();");
      Thread.sleep(300);
      List<Double> remote = new ArrayList<>();
      if (PROFILE) {
        profileStart(b);
      }
      for (int i = 0; i < 30; i++) {
        int before = ((Number) js(b, "return remote.length")).intValue();
        other.sendKeys("r");
        new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> ((Number) js(b, "return remote.length")).intValue() > before);
        double sentAt = ((Number) js(a, "return sent[sent.length - 1]")).doubleValue();
        double drawnAt = ((Number) js(b, "return remote[remote.length - 1]")).doubleValue();
        remote.add(drawnAt - sentAt);
        Thread.sleep(120); // one keystroke per batch, as a person typing slowly
      }
      if (PROFILE) {
        profileStop(b, "remote changes (receiving page)");
      }
      report("remote change, keydown in A to drawn in B", remote);

      // the floor: the same measure on a page with one empty input and no script of ours, in
      // the same browser on the same loaded machine
      b.get("data:text/html,<input id=x aria-label=x>");
      WebElement plain = b.findElement(By.id("x"));
      plain.click();
      js(b, watch, plain);
      for (int i = 0; i < KEYS; i++) {
        plain.sendKeys("c");
      }
      report("keystroke to screen, empty page with one input (this machine's floor)", latencies(b));
    } catch (Throwable e) {
      e.printStackTrace();
      a.quit();
      b.quit();
      System.exit(1);
    }
    a.quit();
    b.quit();
    System.exit(0); // the test server's threads would keep the JVM up
  }

  private static Object js(ChromeDriver d, String script, Object... args) {
    return ((JavascriptExecutor) d).executeScript(script, args);
  }

  static void login(ChromeDriver d, String base, String email) {
    d.get(base + "/#/");
    new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> x.findElement(By.id("login-email")).isDisplayed());
    d.findElement(By.id("login-email")).sendKeys(email);
    d.findElement(By.id("login-password")).sendKeys("demo");
    d.findElement(By.id("login-submit")).click();
    new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> !x.findElements(By.cssSelector("#tavoli-list li")).isEmpty());
  }

  static void waitReady(ChromeDriver d) {
    new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "true".equals(js(d, "return document.querySelector('#view-doc').dataset.ready || null")));
  }

  /** The big draft, made through the page's own client, in batches under the message size limit. */
  static void fill(ChromeDriver d) {
    d.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    Object r = d.executeAsyncScript("const done = arguments[arguments.length - 1], c = tavoloClient;"
        + "c.on('rejected', e => done('refused: ' + e.code + ' ' + e.message));"
        + "const idle = () => new Promise(r => { const w = () => c.pendingCount() === 0 ? r() : setTimeout(w, 20); w(); });"
        + "(async () => {"
        + " c.submit([{op: 'create', coll: 'sections', id: 'bench', fields: {order: 'z', title: 'Relazione lunga', body: ''}}]); await idle();"
        + " const words = ['famiglie', 'servizi', 'territorio', 'inclusione', 'percorsi', 'lavoro', 'comunità', 'sostegno'];"
        + " let len = 0; const total = " + TEXT_BYTES + ";"
        + " while (len < total) { let s = ''; while (s.length < 40000 && len + s.length < total) s += words[(len + s.length) % 8] + (s.length % 700 < 12 ? '.\\n' : ' ');"
        + "  c.submit([{op: 'text', coll: 'sections', id: 'bench', field: 'body', edit: len ? [len, s] : [s]}]); len += s.length; await idle(); }"
        + " const org = c.you.org; const ops = [];"
        + " for (let i = 0; i < " + BUDGET_LINES + "; i++) ops.push({op: 'create', coll: 'budget', id: 'bl' + i,"
        + "  fields: {order: 'y' + String(i).padStart(4, '0'), contributor: org, nature: i % 3 ? 'monetary' : 'in_kind', category: 'servizi',"
        + "  description: 'Voce di spesa numero ' + i + ' per il progetto di inclusione', amount: 100000 + i}});"
        + " for (let i = 0; i < ops.length; i += 100) { c.submit(ops.slice(i, i + 100)); await idle(); }"
        + " done('ok'); })().catch(e => done('failed: ' + e));");
    if (!"ok".equals(r)) {
      throw new IllegalStateException("the draft was not filled: " + r);
    }
  }

  private static void profileStart(ChromeDriver d) {
    // long animation frames (over 50 ms): where a slow frame's time went
    js(d, "window.loaf = []; if (!window.loafObserver) { window.loafObserver = new PerformanceObserver(l => loaf.push(...l.getEntries()));"
        + " loafObserver.observe({type: 'long-animation-frame', buffered: false}); }");
    d.executeCdpCommand("Profiler.enable", Map.of());
    d.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
    d.executeCdpCommand("Profiler.start", Map.of());
  }

  /** The functions with the most samples of their own (self time), across the phase. */
  @SuppressWarnings("unchecked")
  private static void profileStop(ChromeDriver d, String phase) {
    Map<String, Object> profile = (Map<String, Object>) d.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) profile.get("nodes");
    Map<String, Long> self = new HashMap<>();
    long total = 0;
    for (Map<String, Object> n : nodes) {
      Map<String, Object> f = (Map<String, Object>) n.get("callFrame");
      String url = String.valueOf(f.get("url"));
      String name = f.get("functionName") + " " + url.substring(url.lastIndexOf('/') + 1) + ":" + f.get("lineNumber") + ":" + f.get("columnNumber");
      long hits = ((Number) n.getOrDefault("hitCount", 0)).longValue();
      self.merge(name, hits, Long::sum);
      total += hits;
    }
    long all = total;
    try {
      System.out.println("  long frames: " + js(d, "const s = {n: loaf.length, total: 0, script: 0, raf: 0, styleLayout: 0, by: {}};"
          + " for (const f of loaf) { s.total += f.duration; const end = f.startTime + f.duration;"
          + "  if (f.renderStart) { s.raf += (f.styleAndLayoutStart || end) - f.renderStart; s.styleLayout += end - (f.styleAndLayoutStart || end); }"
          + "  for (const sc of f.scripts) { s.script += sc.duration; const k = sc.invoker + ' ' + (sc.sourceFunctionName || '');"
          + "   s.by[k] = (s.by[k] || 0) + sc.duration + sc.forcedStyleAndLayoutDuration * 0; } }"
          + " s.by = Object.entries(s.by).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => k + ' ' + Math.round(v)).join('; ');"
          + " s.forced = loaf.reduce((n, f) => n + f.scripts.reduce((m, sc) => m + sc.forcedStyleAndLayoutDuration, 0), 0);"
          + " return JSON.stringify(s, (k, v) => typeof v === 'number' ? Math.round(v) : v);"));
    } catch (RuntimeException e) {
      System.out.println("  long frames: not readable here (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    System.out.printf("profile of %s: %d samples; top self time:%n", phase, all);
    self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
        .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
  }

  @SuppressWarnings("unchecked")
  private static List<Double> latencies(ChromeDriver d) throws InterruptedException {
    Thread.sleep(300);
    System.out.println("  Event Timing, keydown to next paint 16 ms or more: "
        + js(d, "return slow.length + ' keys' + (slow.length ? ' (' + slow.map(Math.round).sort((a, b) => a - b).join(', ') + ' ms)' : '')"));
    List<Double> out = new ArrayList<>();
    for (Object o : (List<Object>) js(d, "return lat")) {
      out.add(((Number) o).doubleValue());
    }
    return out;
  }

  private static void report(String what, List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    if (s.isEmpty()) {
      System.out.println(what + ": no samples");
      return;
    }
    System.out.printf("%s: n=%d, median %.1f ms, p95 %.1f ms, max %.1f ms%n", what, s.size(),
        s.get(s.size() / 2), s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.95) - 1)), s.get(s.size() - 1));
  }
}
