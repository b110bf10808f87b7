package it.tavolo.load;

/**
 * The cheap reading of a stream frame for the light clients of the load generator (most of
 * them): no JSON parse, only the fields a client needs to keep its sequence numbers, found
 * with {@code indexOf} in the fixed field order the server writes ({@code Wire.batchFields}:
 * type, seq, author, client, clientSeq, ops; an ack: type, clientSeq, seq). A batch's ops are
 * skipped, not read. A user's text can never fake a key: inside a JSON string a quote is
 * escaped ({@code \"}), so {@code "seq":} only matches a real key. Stateless.
 */
final class FrameScan {
  /** What a frame's messages are handed to, in order. */
  interface Visitor {
    void ops(long seq, String author, String client, long clientSeq);

    void ack(long clientSeq, long seq);

    /** Any other message in a stream frame (presence): counted only. */
    void other(String type);
  }

  private static final String TYPE = "{\"type\":\"";

  private FrameScan() {
  }

  /** True for the frames {@link #scan} reads: batches, ops, acks and presence. */
  static boolean isStream(String text) {
    return text.startsWith("{\"type\":\"batch\"") || text.startsWith("{\"type\":\"ops\"")
        || text.startsWith("{\"type\":\"ack\"") || text.startsWith("{\"type\":\"presence\"");
  }

  /** Hands every message of a stream frame to {@code v}; a batch frame's messages one by one. */
  static void scan(String text, Visitor v) {
    int i = text.indexOf(TYPE);
    while (i >= 0) {
      int from = i + TYPE.length();
      int end = text.indexOf('"', from);
      if (text.startsWith("ops\"", from)) {
        long seq = number(text, key(text, "\"seq\":", end));
        int a = key(text, "\"author\":\"", end);
        String author = text.substring(a, text.indexOf('"', a));
        int c = key(text, "\"client\":\"", a);
        String client = text.substring(c, text.indexOf('"', c));
        int cs = key(text, "\"clientSeq\":", c);
        long clientSeq = number(text, cs);
        v.ops(seq, author, client, clientSeq);
        end = skipValue(text, key(text, "\"ops\":", cs));
      } else if (text.startsWith("ack\"", from)) {
        int cs = key(text, "\"clientSeq\":", end);
        long clientSeq = number(text, cs);
        v.ack(clientSeq, number(text, key(text, "\"seq\":", cs)));
      } else if (!text.startsWith("batch\"", from)) {
        v.other(text.substring(from, end));
      }
      i = text.indexOf(TYPE, end);
    }
  }

  /** The position just after {@code key}, searched from {@code from}. */
  private static int key(String text, String key, int from) {
    int k = text.indexOf(key, from);
    if (k < 0) {
      throw new IllegalArgumentException("no " + key + " in a stream frame");
    }
    return k + key.length();
  }

  private static long number(String text, int at) {
    long n = 0;
    boolean negative = text.charAt(at) == '-';
    int i = negative ? at + 1 : at;
    for (; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        break;
      }
      n = n * 10 + (ch - '0');
    }
    return negative ? -n : n;
  }

  /** The position after the JSON value (array or object) starting at {@code at}: strings and escapes respected. */
  static int skipValue(String text, int at) {
    int depth = 0;
    boolean inString = false;
    for (int i = at; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return text.length();
  }
}
