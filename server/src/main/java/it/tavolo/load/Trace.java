package it.tavolo.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A sequential editing trace of {@code server/src/test/resources/traces} (format in its README): patches
 * {@code [pos, delCount, insText]} applied in order, positions in Unicode code points.
 */
record Trace(String name, String startContent, String endContent, List<Patch> patches, boolean bmpOnly) {

  record Patch(int pos, int delete, String insert) {
  }

  static Trace load(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
         JsonParser p = LoadHttp.JSON.getFactory().createParser(in)) {
      String start = "";
      String end = null;
      List<Patch> patches = new ArrayList<>();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + " is not a trace object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "startContent" -> start = p.getText();
          case "endContent" -> end = p.getText();
          case "txns" -> readTxns(p, patches);
          default -> p.skipChildren();
        }
      }
      if (end == null) {
        throw new IOException(file + " has no endContent");
      }
      boolean bmp = isBmp(start) && isBmp(end) && patches.stream().allMatch(x -> isBmp(x.insert()));
      String name = file.getFileName().toString().replace(".json.gz", "");
      return new Trace(name, start, end, patches, bmp);
    }
  }

  private static void readTxns(JsonParser p, List<Patch> out) throws IOException {
    while (p.nextToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("patches")) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_ARRAY) {
          p.nextToken();
          int pos = p.getIntValue();
          p.nextToken();
          int del = p.getIntValue();
          p.nextToken();
          String ins = p.getText();
          p.nextToken(); // END_ARRAY
          out.add(new Patch(pos, del, ins));
        }
      }
    }
  }

  private static boolean isBmp(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
