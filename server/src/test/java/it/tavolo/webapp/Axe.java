package it.tavolo.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The axe-core accessibility engine, run inside a test's browser. It comes from npm as a
 * devDependency of the webapp module (webapp/node_modules, installed by the build) and is
 * injected by the test through WebDriver: it is never part of webroot, so it never ships.
 */
final class Axe {
  private static String source;

  private Axe() {}

  /** One axe violation: the rule, its impact and the elements (CSS selectors) that fail it. */
  record Violation(String rule, String impact, String help, List<String> targets) {
    boolean seriousOrWorse() {
      return "serious".equals(impact) || "critical".equals(impact);
    }

    @Override
    public String toString() {
      return impact + " " + rule + " (" + help + "): " + targets;
    }
  }

  private static final String RUN = """
      const done = arguments[arguments.length - 1];
      const brief = (list) => list.map(v => ({rule: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : ''))}));
      axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
        .then(r => done({passes: r.passes.length, violations: brief(r.violations), incomplete: brief(r.incomplete)}))
        .catch(e => done({passes: 0, violations: [{rule: 'axe-error', impact: 'critical', help: String(e), targets: []}], incomplete: []}));
      """;

  /** What axe found on a page: violations, and the checks it could not decide (to review by eye). */
  record Result(List<Violation> violations, List<Violation> incomplete) {}

  /** Runs axe (WCAG 2.x A/AA and best practices) on the page as it is now. */
  @SuppressWarnings("unchecked")
  static Result run(TavoloBrowser b) {
    if (!Boolean.TRUE.equals(b.js("return typeof window.axe === 'object';"))) {
      b.js(source());
    }
    Map<String, Object> raw = (Map<String, Object>) b.driver.executeAsyncScript(RUN);
    List<Violation> violations = violations((List<Object>) raw.get("violations"));
    if (((Number) raw.get("passes")).intValue() == 0 && violations.isEmpty()) {
      throw new IllegalStateException("axe checked nothing on this page");
    }
    return new Result(violations, violations((List<Object>) raw.get("incomplete")));
  }

  @SuppressWarnings("unchecked")
  private static List<Violation> violations(List<Object> raw) {
    List<Violation> out = new ArrayList<>();
    for (Object o : raw) {
      Map<String, Object> v = (Map<String, Object>) o;
      out.add(new Violation((String) v.get("rule"), (String) v.get("impact"), (String) v.get("help"),
          (List<String>) v.get("targets")));
    }
    return out;
  }

  /**
   * The serious and critical violations; everything found, and the serious checks axe could not
   * decide, is printed for the log.
   */
  static List<Violation> serious(TavoloBrowser b, String page) {
    Result r = run(b);
    System.out.println("[axe " + page + "] " + r.violations().size() + " rules violated");
    for (Violation v : r.violations()) {
      System.out.println("[axe " + page + "] " + v);
    }
    for (Violation v : r.incomplete()) {
      if (v.seriousOrWorse()) {
        System.out.println("[axe " + page + "] to review: " + v.impact() + " " + v.rule() + " on " + v.targets().size()
            + " elements, e.g. " + v.targets().subList(0, Math.min(2, v.targets().size())));
      }
    }
    return r.violations().stream().filter(Violation::seriousOrWorse).toList();
  }

  private static synchronized String source() {
    if (source == null) {
      Path file = locate();
      try {
        source = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }

  /** webapp/node_modules/axe-core/axe.min.js of this repository, or TAVOLO_AXE_JS. */
  private static Path locate() {
    String override = System.getenv("TAVOLO_AXE_JS");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("webapp/node_modules/axe-core/axe.min.js");
      if (Files.isReadable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("axe-core not found: build the webapp module first (./mvnw package runs npm ci), "
        + "or set TAVOLO_AXE_JS to axe.min.js");
  }
}
