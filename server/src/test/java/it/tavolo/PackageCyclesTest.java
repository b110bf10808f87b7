package it.tavolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * The server's packages depend on each other without cycles (docs/architecture.md, "Where
 * things live"), so each can be read, and changed, knowing only those below it. Read from the
 * sources: every mention of an {@code it.tavolo} class, imported or written out in full,
 * outside comments. Sub-packages are packages of their own ({@code live.session},
 * {@code live.document}). {@code App} and {@code Main} are the composition root: App builds
 * every layer and hands each what it needs, so it depends on all of them and nothing depends on
 * it; they are their own node, apart from the rest of {@code it.tavolo} ({@code AppContext},
 * which every layer is given).
 */
class PackageCyclesTest {
  private static final Pattern MENTION = Pattern.compile("\\bit\\.tavolo((?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern COMMENTS = Pattern.compile("/\\*[\\s\\S]*?\\*/|//[^\\n]*");
  private static final String ROOT = "it.tavolo.App";

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Path sources = Path.of("src/main/java/it/tavolo");
    assertTrue(Files.isDirectory(sources), "run from the server module: " + sources.toAbsolutePath());
    Map<String, Set<String>> graph = new TreeMap<>();
    Map<String, Set<String>> because = new HashMap<>();
    try (Stream<Path> paths = Files.walk(sources)) {
      for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String file = p.getFileName().toString();
        String src = COMMENTS.matcher(Files.readString(p)).replaceAll("");
        Matcher pm = PACKAGE.matcher(src);
        assertTrue(pm.find(), "a package line in " + p);
        String from = node(pm.group(1), file.substring(0, file.length() - ".java".length()));
        graph.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = MENTION.matcher(src);
        while (m.find()) {
          String to = node("it.tavolo" + m.group(1), m.group(2));
          if (!to.equals(from)) {
            graph.get(from).add(to);
            because.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(file);
          }
        }
      }
    }
    assertTrue(graph.size() > 20, "found the packages: " + graph.keySet());
    List<String> problems = new ArrayList<>();
    for (Set<String> cycle : cycles(graph)) {
      StringBuilder b = new StringBuilder("cycle " + cycle + ":");
      for (String a : cycle) {
        for (String to : graph.get(a)) {
          if (cycle.contains(to)) {
            b.append("\n  ").append(a).append(" -> ").append(to).append(" in ").append(because.get(a + " -> " + to));
          }
        }
      }
      problems.add(b.toString());
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void findsTheCycleInAGraphThatHasOne() {
    Map<String, Set<String>> g = new TreeMap<>();
    g.put("a", Set.of("b"));
    g.put("b", Set.of("c"));
    g.put("c", Set.of("a", "d"));
    g.put("d", Set.of());
    assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    g.put("c", Set.of("d"));
    assertEquals(List.of(), cycles(g));
  }

  /** The package a class is in, but App and Main are the composition root. */
  private static String node(String pkg, String cls) {
    return pkg.equals("it.tavolo") && (cls.equals("App") || cls.equals("Main")) ? ROOT : pkg;
  }

  /** The strongly connected components of more than one node (Tarjan), each a cycle. */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] next = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, graph, index, low, stack, onStack, out, next);
      }
    }
    return out;
  }

  private static void strongConnect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                    Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                    List<Set<String>> out, int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]);
    next[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strongConnect(w, graph, index, low, stack, onStack, out, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component);
      }
    }
  }
}
