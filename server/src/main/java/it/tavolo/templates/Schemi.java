package it.tavolo.templates;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The schemi di progetto shipped with the server (resources {@code schemi/}: the avvisi of the
 * demo's real cases, each with its required sections and their guidance notes). Read once at
 * construction; immutable after, so thread-safe.
 */
final class Schemi {
  private final Map<String, JsonObject> byId = new LinkedHashMap<>();

  Schemi() {
    for (Object id : new JsonArray(read("schemi/index.json"))) {
      JsonObject s = new JsonObject(read("schemi/" + id + ".json"));
      if (!id.equals(s.getString("id"))) throw new IllegalStateException("schemi/" + id + ".json names itself " + s.getString("id"));
      byId.put((String) id, s);
    }
  }

  Optional<JsonObject> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Each schema as a listing shows it: id, title, avviso, ente and how many sections, objectives, activities. */
  JsonArray listing() {
    JsonArray out = new JsonArray();
    for (JsonObject s : byId.values()) {
      out.add(new JsonObject().put("id", "schema:" + s.getString("id")).put("title", s.getString("title"))
          .put("avviso", s.getString("avviso")).put("ente", s.getString("ente")).put("counts", Structure.counts(s)));
    }
    return out;
  }

  private static String read(String path) {
    try (InputStream in = Schemi.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("missing resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
