package it.tavolo.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the examples of docs/api.md (pairs of ```http blocks: a request, then its answer)
 * and checks answers against them, with {@code {{name}}} placeholders captured and reused.
 * The rules are those stated at the top of docs/api.md.
 */
final class ApiExamples {
  private static final Pattern FENCE = Pattern.compile("(?m)^```http\\s*\\n(.*?)^```\\s*$", Pattern.DOTALL);
  private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|POST|PUT|PATCH|DELETE) (\\S+)(?: HTTP/1\\.1)?$");
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3})(?: .*)?$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_*]+)}}");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{2,4} (.+)$");
  private static final Pattern ROUTE_ROW = Pattern.compile("(?m)^\\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|");

  record Message(Map<String, String> headers, String body) {}

  record Request(String method, String path, Message message) {}

  record Response(int status, Message message) {}

  record Example(int number, String title, Request request, Response response) {
    @Override
    public String toString() { return number + ". " + request.method() + " " + request.path() + " (" + title + ")"; }
  }

  record Route(String method, String path) {
    boolean matches(Request r) {
      String regex = Pattern.quote(path).replaceAll(":[A-Za-z]+", "\\\\E[^/]+\\\\Q");
      String concrete = PLACEHOLDER.matcher(r.path()).replaceAll("x").replaceFirst("\\?.*$", ""); // the query is not the route
      return method.equals(r.method()) && concrete.matches(regex);
    }
  }

  private ApiExamples() {}

  static List<Example> parse(String markdown) {
    List<Example> out = new ArrayList<>();
    Matcher fences = FENCE.matcher(markdown);
    Request pending = null;
    int pendingAt = 0;
    while (fences.find()) {
      String block = fences.group(1);
      String first = block.lines().findFirst().orElse("").trim();
      Matcher req = REQUEST_LINE.matcher(first);
      Matcher status = STATUS_LINE.matcher(first);
      if (req.matches()) {
        if (pending != null) throw new IllegalArgumentException("request without an answer: " + pending.path());
        pending = new Request(req.group(1), req.group(2), message(block));
        pendingAt = fences.start();
      } else if (status.matches()) {
        if (pending == null) throw new IllegalArgumentException("answer without a request at offset " + fences.start());
        out.add(new Example(out.size() + 1, headingBefore(markdown, pendingAt), pending,
            new Response(Integer.parseInt(status.group(1)), message(block))));
        pending = null;
      } else {
        throw new IllegalArgumentException("an http block must start with a request or a status line: " + first);
      }
    }
    if (pending != null) throw new IllegalArgumentException("request without an answer: " + pending.path());
    return out;
  }

  static List<Route> routes(String markdown) {
    List<Route> out = new ArrayList<>();
    Matcher m = ROUTE_ROW.matcher(markdown);
    while (m.find()) out.add(new Route(m.group(1), m.group(2)));
    return out;
  }

  private static Message message(String block) {
    List<String> lines = block.lines().toList();
    Map<String, String> headers = new LinkedHashMap<>();
    int i = 1;
    for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (colon < 1) throw new IllegalArgumentException("bad header line: " + line);
      headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    String body = String.join("\n", lines.subList(Math.min(i + 1, lines.size()), lines.size())).strip();
    return new Message(headers, body);
  }

  private static String headingBefore(String markdown, int offset) {
    Matcher h = HEADING.matcher(markdown.substring(0, offset));
    String title = "";
    while (h.find()) title = h.group(1);
    return title;
  }

  /** Replaces every {{name}} with its captured value; an unknown name is an error in the docs. */
  static String substitute(String text, Map<String, String> vars) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) throw new AssertionError("{{" + m.group(1) + "}} is used before it is captured");
      m.appendReplacement(b, Matcher.quoteReplacement(value));
    }
    m.appendTail(b);
    return b.toString();
  }

  /**
   * Checks {@code actual} against {@code expected}, capturing new placeholders into
   * {@code vars}; returns the first mismatch, or null.
   */
  static String mismatch(Object expected, Object actual, String where, Map<String, String> vars) {
    if (expected instanceof String s) {
      Matcher m = PLACEHOLDER.matcher(s);
      if (m.matches()) {
        String name = m.group(1);
        if (name.equals("*")) return null;
        if (actual == null || actual instanceof JsonObject || actual instanceof JsonArray) {
          return where + ": expected a value for {{" + name + "}}, got " + actual;
        }
        String value = actual.toString();
        String known = vars.putIfAbsent(name, value);
        return known == null || known.equals(value) ? null
            : where + ": {{" + name + "}} is " + known + " but the answer has " + value;
      }
      return s.equals(actual) ? null : where + ": expected \"" + s + "\", got " + describe(actual);
    }
    if (expected instanceof JsonObject o) {
      if (!(actual instanceof JsonObject a)) return where + ": expected an object, got " + describe(actual);
      for (String key : o.fieldNames()) {
        if (!a.containsKey(key)) return where + ": missing key '" + key + "'";
        String m = mismatch(o.getValue(key), a.getValue(key), where + "." + key, vars);
        if (m != null) return m;
      }
      return null;
    }
    if (expected instanceof JsonArray e) {
      if (!(actual instanceof JsonArray a)) return where + ": expected an array, got " + describe(actual);
      if (a.size() != e.size()) return where + ": expected " + e.size() + " elements, got " + a.size() + ": " + a.encode();
      for (int i = 0; i < e.size(); i++) {
        String m = mismatch(e.getValue(i), a.getValue(i), where + "[" + i + "]", vars);
        if (m != null) return m;
      }
      return null;
    }
    if (expected instanceof Number n) {
      return actual instanceof Number an && new BigDecimal(n.toString()).compareTo(new BigDecimal(an.toString())) == 0
          ? null : where + ": expected " + n + ", got " + describe(actual);
    }
    if (expected == null) return actual == null ? null : where + ": expected null, got " + describe(actual);
    return expected.equals(actual) ? null : where + ": expected " + expected + ", got " + describe(actual);
  }

  private static String describe(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
