package it.tavolo.threads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.anchor.Anchor;
import java.util.List;

/** A thread and its comments as the API and the WebSocket show them (docs/api.md "Threads"). Stateless. */
final class ThreadJson {
  private ThreadJson() {}

  /** The thread with its number of comments, its first and its last ({@code comments} holds them). */
  static JsonObject summary(ThreadStore.ThreadRow t, List<ThreadStore.CommentRow> firstAndLast) {
    JsonObject j = thread(t);
    if (!firstAndLast.isEmpty()) {
      j.put("first", comment(firstAndLast.get(0))).put("last", comment(firstAndLast.get(firstAndLast.size() - 1)));
    }
    return j;
  }

  /** The thread with all its comments, oldest first. */
  static JsonObject full(ThreadStore.ThreadRow t, List<ThreadStore.CommentRow> comments) {
    JsonArray cs = new JsonArray();
    comments.forEach(c -> cs.add(comment(c)));
    return thread(t).put("comments", cs);
  }

  private static JsonObject thread(ThreadStore.ThreadRow t) {
    return new JsonObject()
        .put("id", t.id().toString())
        .put("document", t.doc().toString())
        .put("status", t.status())
        .put("anchor", anchor(t.anchor()))
        .put("createdBy", person(t.createdBy()))
        .put("createdAt", t.createdAt().toInstant().toString())
        .put("resolvedBy", t.resolvedBy() == null ? null : person(t.resolvedBy()))
        .put("resolvedAt", t.resolvedAt() == null ? null : t.resolvedAt().toInstant().toString())
        .put("commentCount", t.comments());
  }

  static JsonObject anchor(Anchor a) {
    JsonObject j = new JsonObject().put("coll", a.coll()).put("id", a.id()).put("field", a.field());
    if (!a.onEntity()) j.put("start", a.start()).put("end", a.end());
    return j.put("quote", a.quote()).put("live", a.live());
  }

  private static JsonObject comment(ThreadStore.CommentRow c) {
    JsonArray mentions = new JsonArray();
    c.mentions().forEach(p -> mentions.add(person(p)));
    return new JsonObject().put("id", c.id().toString()).put("author", person(c.author())).put("body", c.body())
        .put("createdAt", c.createdAt().toInstant().toString()).put("mentions", mentions);
  }

  private static JsonObject person(ThreadStore.Person p) {
    return new JsonObject().put("id", p.id().toString()).put("name", p.name());
  }
}
