package it.tavolo.core.record;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON text that Tavolo hashes (docs/record.md, "Canonical JSON"): objects with
 * their keys sorted by UTF-16 code units, no whitespace anywhere, strings escaped only where
 * JSON requires it ({@code "} and {@code \} as {@code \"} and {@code \\}, U+0000–U+001F as
 * {@code \b \t \n \f \r} or {@code \}{@code u00xx} in lower-case hex; everything else, é and €
 * included, written as itself), integers in plain decimal, {@code true}, {@code false}, {@code
 * null}. No floating-point numbers ever occur. The text is then encoded as UTF-8. For these
 * values it is the same text as RFC 8785 (JSON Canonicalization Scheme).
 *
 * <p>Values: {@link Map} with String keys, {@link List}, String, Long/Integer/BigInteger,
 * Boolean, null, and {@link Raw} (text that is already canonical JSON, written as is).
 */
public final class Canonical {
  /** A value whose canonical JSON text is already known (e.g. read back from a column). */
  public record Raw(String json) {}

  private Canonical() {}

  public static String json(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value);
    return out.toString();
  }

  public static byte[] utf8(Object value) {
    return json(value).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(out, s);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof BigInteger) {
      out.append(v);
    } else if (v instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (v instanceof Map<?, ?> m) {
      List<String> keys = new ArrayList<>(m.size());
      for (Object k : m.keySet()) {
        if (!(k instanceof String s)) throw new IllegalArgumentException("object keys must be strings: " + k);
        keys.add(s);
      }
      Collections.sort(keys); // String order is UTF-16 code unit order
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) out.append(',');
        string(out, keys.get(i));
        out.append(':');
        write(out, m.get(keys.get(i)));
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) out.append(',');
        write(out, l.get(i));
      }
      out.append(']');
    } else if (v instanceof Raw r) {
      out.append(r.json());
    } else {
      throw new IllegalArgumentException("no canonical JSON for " + v.getClass().getName());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
