package it.tavolo.live.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.core.client.ClientDocument;
import it.tavolo.core.client.Outgoing;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.Limits;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.text.AuthorRuns;
import it.tavolo.core.text.TextOperation;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * A terminal client of {@code /ws} for trying Tavolo by hand (docs/protocol.md, "Try it by
 * hand"): logs in, joins a document, appends each typed line to the first section's body,
 * and prints everyone else's changes with their author. Uses the core's client engine, so
 * concurrent typing from several terminals converges like in the browser.
 */
public final class LiveCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private final Object lock = new Object();
  private final Map<String, String> names = new HashMap<>();
  private List<String> online = List.of();
  private final String clientId = "cli-" + UUID.randomUUID().toString().substring(0, 8);
  private final CountDownLatch closed = new CountDownLatch(1);
  private WebSocket ws;
  private ClientDocument doc;

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new HashMap<>(Map.of("--url", "http://localhost:8080", "--password", "demo"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i], args[i + 1]);
    }
    if (!opt.containsKey("--user")) {
      OUT.println("usage: LiveCli --user ets1@demo.tavolo [--password demo] [--url http://localhost:8080] [--doc <id>]");
      System.exit(2);
    }
    new LiveCli().run(opt);
  }

  private void run(Map<String, String> opt) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = opt.get("--url").replaceAll("/+$", "");
    JsonNode login = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
            .put("email", opt.get("--user")).put("password", opt.get("--password")).toString())).build()));
    String token = login.path("token").asText();
    String docId = opt.get("--doc");
    if (docId == null) {
      JsonNode tavoli = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/tavoli"))
          .header("Authorization", "Bearer " + token).GET().build()));
      docId = tavoli.path(0).path("documents").path(0).path("id").asText(null);
      if (docId == null) {
        throw new IllegalStateException("you are in no tavolo with a document; pass --doc");
      }
    }
    ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws"), new Listener()).join();
    ObjectNode hello = JSON.createObjectNode().put("type", "hello").put("token", token).put("doc", docId)
        .put("client", clientId);
    hello.putNull("since");
    ws.sendText(hello.toString(), true).join();
    keepTokenFresh(http, base, login);

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while (closed.getCount() > 0 && (line = in.readLine()) != null) {
      if (line.equals("/quit")) {
        break;
      } else if (line.equals("/show")) {
        show();
      } else if (line.equals("/who")) {
        synchronized (lock) {
          OUT.println("online: " + String.join(", ", online));
        }
      } else if (line.startsWith("/raw ")) {
        ws.sendText(line.substring(5), true).join();
      } else if (!line.isBlank()) {
        type(line);
      }
    }
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  /**
   * Access tokens live 15 minutes and the server closes a connection whose token expires:
   * at two thirds of each lifetime, refresh and hand the new token to the open connection.
   */
  private void keepTokenFresh(HttpClient http, String base, JsonNode session) {
    long lifetime = Math.max(30, session.path("expiresIn").asLong(900));
    String refresh = session.path("refreshToken").asText();
    java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "token-refresh");
          t.setDaemon(true);
          return t;
        });
    timer.schedule(() -> {
      try {
        JsonNode next = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/api/auth/refresh"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("refreshToken", refresh).toString()))
            .build()));
        ws.sendText(JSON.createObjectNode().put("type", "token").put("token", next.path("token").asText()).toString(), true)
            .join();
        keepTokenFresh(http, base, next);
      } catch (Exception e) {
        OUT.println("! cannot refresh the token (" + e.getMessage() + "): the connection will close when it expires");
      }
      timer.shutdown();
    }, lifetime * 2 / 3, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static String send(HttpClient http, HttpRequest r) throws Exception {
    HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(r.uri().getPath() + ": " + res.statusCode() + " " + res.body());
    }
    return res.body();
  }

  /** The first section by order key (ties by id), or null. */
  private String firstSection() {
    DocumentState d = doc.document();
    String best = null;
    String bestOrder = null;
    for (String id : d.ids("sections")) {
      String order = String.valueOf(d.value("sections", id, "order"));
      if (best == null || order.compareTo(bestOrder) < 0) {
        best = id;
        bestOrder = order;
      }
    }
    return best;
  }

  private void type(String text) {
    synchronized (lock) {
      if (doc == null) {
        OUT.println("(not joined yet)");
        return;
      }
      String s = firstSection();
      if (s == null) {
        s = "s-" + clientId;
        doc.edit(List.of(new Op.Create("sections", s, Map.of("order", "m", "title", "Note", "body", text))));
      } else {
        int len = doc.document().textLength("sections", s, "body");
        String add = len == 0 ? text : " " + text;
        doc.edit(List.of(new Op.Text("sections", s, "body", TextOperation.builder().retain(len).insert(add).build())));
      }
      sendNext();
    }
  }

  private void sendNext() {
    doc.nextToSend().ifPresent(this::submit);
  }

  private void submit(Outgoing o) {
    ObjectNode m = JSON.createObjectNode().put("type", "submit").put("clientSeq", o.clientSeq()).put("baseSeq", o.baseSeq());
    m.set("ops", OpCodec.encodeBatch(o.ops()));
    ws.sendText(m.toString(), true);
  }

  private void show() {
    synchronized (lock) {
      String s = doc == null ? null : firstSection();
      if (s == null) {
        OUT.println("(no section yet: type a line to start one)");
        return;
      }
      String body = (String) doc.document().value("sections", s, "body");
      OUT.println("== " + doc.document().value("sections", s, "title") + " (seq " + doc.seq() + ")");
      int pos = 0;
      for (AuthorRuns.Run r : doc.document().authorRuns("sections", s, "body").runs()) {
        String run = body.substring(pos, pos + r.length()).replace('\n', ' ');
        OUT.println("  [" + names.getOrDefault(r.author(), "user " + r.author().substring(0, 8)) + "] "
            + (run.length() > 70 ? run.substring(0, 70) + "…" : run));
        pos += r.length();
      }
    }
  }

  private void handle(JsonNode m) {
    synchronized (lock) {
      switch (m.path("type").asText()) {
        case "welcome" -> {
          ObjectNode state = JSON.createObjectNode();
          state.put("format", StateCodec.FORMAT);
          state.put("seq", m.path("seq").asLong());
          state.set("collections", m.path("snapshot").path("collections"));
          state.set("authorship", m.path("authors").path("collections"));
          JsonNode you = m.path("you");
          doc = new ClientDocument(clientId, you.path("user").asText(), StateCodec.readState(state, Limits.DEFAULT),
              m.path("seq").asLong(), 0);
          members(m.path("members"));
          OUT.println("joined as " + you.path("name").asText() + " (" + you.path("role").asText() + ", "
              + you.path("orgName").asText() + ") at seq " + m.path("seq").asLong() + "; online: "
              + String.join(", ", online));
          OUT.println("type a line to add it to the first section; /show /who /raw {json} /quit");
        }
        case "ack" -> {
          doc.onAck(m.path("clientSeq").asLong(), m.path("seq").asLong());
          sendNext();
        }
        case "ops" -> {
          List<Op> ops = OpCodec.decodeBatch(m.path("ops"));
          doc.onBatch(m.path("seq").asLong(), m.path("author").asText(), m.path("client").asText(),
              m.path("clientSeq").asLong(), ops);
          String who = names.getOrDefault(m.path("author").asText(), m.path("author").asText());
          for (Op op : ops) {
            OUT.println("seq " + m.path("seq").asLong() + " " + who + ": " + describe(op));
          }
        }
        case "members" -> {
          members(m.path("members"));
          OUT.println("online: " + String.join(", ", online));
        }
        case "error" -> OUT.println("error " + m.path("code").asText() + ": " + m.path("message").asText());
        default -> {
          // presence, pong, token_accepted: nothing to print
        }
      }
    }
  }

  private void members(JsonNode list) {
    List<String> now = new java.util.ArrayList<>();
    for (JsonNode x : list) {
      String label = x.path("name").asText() + " (" + x.path("orgName").asText() + ", " + x.path("side").asText() + ")";
      names.put(x.path("user").asText(), label);
      now.add(label);
    }
    online = now;
  }

  private String describe(Op op) {
    if (op instanceof Op.Text t) {
      StringBuilder inserted = new StringBuilder();
      int deleted = 0;
      TextOperation e = t.edit();
      for (int i = 0; i < e.size(); i++) {
        if (e.isInsert(i)) {
          inserted.append(e.insertedText(i));
        } else if (e.isDelete(i)) {
          deleted += e.length(i);
        }
      }
      String now = String.valueOf(doc.document().value(t.coll(), t.id(), t.field()));
      return t.coll() + "/" + t.id() + "." + t.field() + (inserted.length() > 0 ? " +\"" + inserted + "\"" : "")
          + (deleted > 0 ? " -" + deleted : "") + "  → \"" + (now.length() > 80 ? "…" + now.substring(now.length() - 80) : now) + "\"";
    }
    return OpCodec.encode(op).toString();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(partial.toString());
          if (m.path("type").asText().equals("batch")) {
            m.path("messages").forEach(LiveCli.this::handle);
          } else {
            handle(m);
          }
        } catch (Exception e) {
          OUT.println("(unreadable message: " + e.getMessage() + ")");
        }
        partial.setLength(0);
      }
      w.request(1);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
      OUT.println("connection closed: " + status + " " + reason);
      closed.countDown();
      System.exit(status == WebSocket.NORMAL_CLOSURE ? 0 : 1);
      return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
      OUT.println("connection error: " + error);
      closed.countDown();
      System.exit(1);
    }
  }
}
