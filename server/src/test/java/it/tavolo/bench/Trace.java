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
 * A sequential editing trace (josephg/editing-traces format) from the test resources'
 * {@code traces/} folder (source and licence in its README), or from {@code $TAVOLO_TRACES_DIR},
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

  /**
   * The trace {@code <name>.json.gz}: from {@code $TAVOLO_TRACES_DIR} when that names a folder
   * holding it (other traces of the same format), else from the test resources, which is
   * where the traces the tests use live, so a bare clone has them.
   */
  private static InputStream open(String name) throws IOException {
    String dir = System.getenv("TAVOLO_TRACES_DIR");
    if (dir != null && !dir.isBlank()) {
      Path p = Path.of(dir).resolve(name + ".json.gz");
      if (Files.exists(p)) return Files.newInputStream(p);
    }
    InputStream in = Trace.class.getResourceAsStream("/traces/" + name + ".json.gz");
    if (in == null) throw new IOException("no trace " + name + ".json.gz in the test resources' traces/ (nor in $TAVOLO_TRACES_DIR)");
    return in;
  }

  public static Trace load(String name) throws IOException {
    try (InputStream in = new GZIPInputStream(open(name), 1 << 16)) {
      return new Trace(name, new ObjectMapper().readTree(in));
    }
  }
}
