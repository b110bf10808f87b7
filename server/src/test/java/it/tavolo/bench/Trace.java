package it.tavolo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.tavolo.core.text.TextBuffer;
import it.tavolo.core.text.TextOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A sequential editing trace from {@code ../shared/traces} (josephg/editing-traces format),
 * converted to UTF-16 TextOperations: one list of edits per transaction, each edit spanning
 * the whole text at that point.
 */
public final class Trace {
  public final String name;
  public final String startContent;
  public final String endContent;
  /** Per transaction, its patches as whole-text edits applying in order. */
  public final List<TextOperation[]> txns;
  public final int patches;

  private Trace(String name, JsonNode root) {
    this.name = name;
    this.startContent = root.path("startContent").asText("");
    this.endContent = root.get("endContent").asText();
    this.txns = new ArrayList<>();
    int count = 0;
    if (!"concurrent".equals(root.path("kind").asText())) {
      TextBuffer mirror = new TextBuffer(startContent);
      boolean astral = hasSurrogates(startContent);
      for (JsonNode txn : root.get("txns")) {
        JsonNode ps = txn.get("patches");
        TextOperation[] ops = new TextOperation[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
          JsonNode p = ps.get(i);
          String ins = p.get(2).asText();
          astral |= hasSurrogates(ins);
          ops[i] = patch(mirror, p.get(0).asInt(), p.get(1).asInt(), ins, astral);
          mirror.apply(ops[i]);
          count++;
        }
        txns.add(ops);
      }
      if (!mirror.contentEquals(endContent)) throw new IllegalStateException(name + ": conversion does not reach endContent");
    }
    this.patches = count;
  }

  /**
   * A patch {@code [pos, delCount, insText]} in code points as a UTF-16 edit of {@code text}.
   * Without surrogates in the text code points and code units coincide.
   */
  static TextOperation patch(CharSequence text, int pos, int del, String ins, boolean astral) {
    int from = pos, to = pos + del;
    if (astral) {
      from = Character.offsetByCodePoints(text, 0, pos);
      to = Character.offsetByCodePoints(text, from, del);
    }
    return TextOperation.builder().retain(from).insert(ins).delete(to - from).retain(text.length() - to).build();
  }

  static boolean hasSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) if (Character.isSurrogate(s.charAt(i))) return true;
    return false;
  }

  /** {@code $TAVOLO_SHARED_DIR}, else {@code <repo root>/../shared}, looked for from the working directory up. */
  public static Path sharedDir() {
    String env = System.getenv("TAVOLO_SHARED_DIR");
    if (env != null && !env.isBlank()) return Path.of(env);
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("server"))) return d.resolveSibling("shared");
    }
    return dir.resolveSibling("shared");
  }

  public static Trace load(String name) throws IOException {
    Path p = sharedDir().resolve("traces").resolve(name + ".json.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16)) {
      return new Trace(name, new ObjectMapper().readTree(in));
    }
  }

  public static boolean available(String name) {
    return Files.exists(sharedDir().resolve("traces").resolve(name + ".json.gz"));
  }
}
