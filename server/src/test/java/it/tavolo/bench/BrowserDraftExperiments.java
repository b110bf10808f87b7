package it.tavolo.bench;

import it.tavolo.testing.TestServer;
import it.tavolo.webapp.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a keystroke in BrowserDraftBench's 200 KB section costs under a change, without a
 * rebuild: the same draft in one page, a list of variants (CSS added, or a script run and
 * undone) measured in turn, 60 real keys each, several rounds, so that before and after
 * share the machine's load of the same minute. A program, not a test (docs/benchmarks.md).
 *
 * <pre>
 * java -Dvariants='base;;notoolbar=&gt;css:.tv-toolbar{display:none!important}' -Drounds=2 \
 *     -Dfracs=1 -cp ... it.tavolo.bench.BrowserDraftExperiments
 * </pre>
 *
 * A variant is {@code name} or {@code name=>css:RULES} or {@code name=>SCRIPT} (the script may
 * set {@code window.xpUndo} to undo itself and {@code window.xpReport} to print something,
 * e.g. a MutationObserver's count). {@code fracs}: where the caret goes for each successive
 * variant, as a fraction of the text (1 = its end); a place not typed at before has lines
 * CodeMirror has not measured yet; {@code settle}: milliseconds to wait after the caret's jump
 * (400; more after a variant that changes the page's height a lot). Each line gives the median of all 60 keys and of the first
 * and last 30 apart.
 */
public final class BrowserDraftExperiments {
  private BrowserDraftExperiments() {}

  private static Object js(ChromeDriver d, String s, Object... a) {
    return ((JavascriptExecutor) d).executeScript(s, a);
  }

  public static void main(String[] args) throws Exception {
    String base = "http://localhost:" + TestServer.port();
    TestServer.Tavolo t = TestServer.freshTavolo();
    String doc = "/#/doc/" + t.id() + "/" + t.documentId();
    String[] variants = System.getProperty("variants", "base").split(";;");
    int rounds = Integer.getInteger("rounds", 2);
    double[] fracs = Arrays.stream(System.getProperty("fracs", "1").split(",")).mapToDouble(Double::parseDouble).toArray();
    ChromeDriver a = Browsers.headless();
    ChromeDriver b = Browsers.headless();
    try {
      BrowserDraftBench.login(a, base, "coordinatore@demo.tavolo");
      a.get(base + doc);
      BrowserDraftBench.waitReady(a);
      BrowserDraftBench.fill(a);
      BrowserDraftBench.login(b, base, "ets1@demo.tavolo");
      b.get("about:blank");
      b.get(base + doc);
      new WebDriverWait(b, Duration.ofSeconds(30)).until(x -> (Boolean) js(b, "return !!(document.querySelector('#view-doc').dataset.ready"
          + " && document.querySelectorAll('#budget-rows tr').length >= 300)"));
      Thread.sleep(1500);
      int k = 0;
      for (int r = 0; r < rounds; r++) {
        for (String v : variants) {
          String[] kv = v.split("=>", 2);
          js(b, "document.getElementById('xp')?.remove(); window.xpUndo?.(); window.xpUndo = null; window.xpReport = null;");
          if (kv.length > 1 && kv[1].startsWith("css:")) {
            js(b, "const s = document.createElement('style'); s.id = 'xp'; s.textContent = arguments[0]; document.head.append(s);", kv[1].substring(4));
          } else if (kv.length > 1) {
            js(b, kv[1]);
          }
          js(b, "const v = tavoloView.ctx.editors.get('sections/bench/body').view, f = arguments[0];"
              + " const p = f >= 1 ? v.state.doc.length : v.state.doc.lineAt(Math.floor(v.state.doc.length * f)).to;"
              + " v.dispatch({selection: {anchor: p}, scrollIntoView: true}); v.focus();", fracs[k++ % fracs.length]);
          // the page scrolls smoothly (scroll-behavior): a long jump, e.g. after a variant that
          // made the page far taller, is still moving after 400 ms (-Dsettle=ms)
          Thread.sleep(Long.getLong("settle", 400));
          // keydown to a task after the next frame (as the bench), and where that time went:
          // to the frame's start, to our rAF callback (after the page's own: CodeMirror's
          // measure, the app's render), and from there to the task after the frame
          js(b, "window.lat = []; window.parts = []; if (!window.watching) { window.watching = true;"
              + " document.getElementById('doc-panels').addEventListener('keydown', ev => { const t0 = ev.timeStamp;"
              + " requestAnimationFrame(ft => { const r0 = performance.now(); setTimeout(() => { const e = performance.now();"
              + " lat.push(e - t0); parts.push([ft - t0, r0 - t0, e - r0]); }, 0); }); }, true); }");
          WebElement section = b.findElement(By.cssSelector("[data-field='sections/bench/body'] .cm-content"));
          for (int i = 0; i < 60; i++) {
            section.sendKeys("a");
          }
          Thread.sleep(300);
          List<Double> s = new ArrayList<>();
          for (Object o : (List<?>) js(b, "return lat")) {
            s.add(((Number) o).doubleValue());
          }
          // the first keys at a new place (lines not yet measured) apart from the rest
          List<Double> first = new ArrayList<>(s.subList(0, s.size() / 2));
          List<Double> second = new ArrayList<>(s.subList(s.size() / 2, s.size()));
          Collections.sort(first);
          Collections.sort(second);
          Collections.sort(s);
          Object parts = js(b, "const m = k => { const x = parts.map(p => p[k]).sort((a, b) => a - b); return x[x.length >> 1].toFixed(1); };"
              + " return 'to frame start ' + m(0) + ', to our rAF ' + m(1) + ', rAF to task after ' + m(2);");
          Object report = js(b, "return window.xpReport ? window.xpReport() : ''");
          System.out.printf("%-16s median %.1f p95 %.1f max %.1f ms (keys 1-30 %.1f, 31-60 %.1f) | %s | load %s %s%n", kv[0],
              s.get(s.size() / 2), s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(s.size() - 1),
              first.get(first.size() / 2), second.get(second.size() / 2), parts,
              Files.readString(Path.of("/proc/loadavg")).split(" ")[0], report);
        }
      }
    } finally {
      a.quit();
      b.quit();
    }
    System.exit(0); // the test server's threads would keep the JVM up
  }
}
