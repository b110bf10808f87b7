package it.tavolo.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.tavolo.config.DatabaseUrl;
import it.tavolo.core.model.StateCodec;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.text.TextOperation;
import it.tavolo.demo.DemoSeed;
import it.tavolo.demo.SeduteDemo;
import it.tavolo.testing.SpawnedServer;
import it.tavolo.testing.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out with real parts (docs/architecture.md, "Scaling out"): Debian's HAProxy running
 * docs/deploy/haproxy.cfg (only its ports changed) in front of three server processes on
 * Debian's PostgreSQL, which {@code .ci/run} installs and starts (TAVOLO_TEST_DATABASE_URL).
 * Two people of one tavolo on different processes see each other's names, cursors and edits;
 * the process the proxy routes the tavolo to is killed with SIGKILL while they type; the
 * client behind the proxy reconnects through it to another process, nothing acknowledged is
 * lost, everyone converges, and a person whose process died leaves the others' members list
 * and the seduta register within the lease. The seduta, opened on a process nobody is
 * connected to, lists and tells everyone. A process that only stalls past its lease (SIGSTOP)
 * is taken for dead, and lists its people again when it runs (SIGCONT). Skipped only where the proxy or the database is
 * absent on a developer machine; in CI both must be there.
 */
class ClusterProxyTest {
  private static final UUID DOC = DemoSeed.DOCUMENT_ID;
  private static final UUID TAVOLO = DemoSeed.TAVOLO_ID;
  /** Short, so the test is quick: a dead process's people go within lease + heartbeat (2 + 0.5 s). */
  private static final int LEASE_SECONDS = 2;
  private static final Path CONFIG = Path.of("..", "docs", "deploy", "haproxy.cfg");

  private static String adminUrl;
  private static String haproxy;

  @BeforeAll
  static void needsHaproxyAndASystemPostgres() {
    boolean ci = "true".equals(System.getenv("CI"));
    adminUrl = System.getenv("TAVOLO_TEST_DATABASE_URL");
    if (adminUrl == null || adminUrl.isBlank()) {
      if (ci) {
        fail("CI must provide TAVOLO_TEST_DATABASE_URL (.ci/run starts Debian's PostgreSQL)");
      }
      Assumptions.abort("TAVOLO_TEST_DATABASE_URL is not set: no system PostgreSQL to run the processes on");
    }
    haproxy = findHaproxy();
    if (haproxy == null) {
      if (ci) {
        fail("CI must install HAProxy (.ci/run: apt-get install haproxy)");
      }
      Assumptions.abort("no haproxy binary (apt-get install haproxy): the proxy test needs Debian's HAProxy");
    }
  }

  /** Someone at the tavolo: their client, what they saw of the others, what was acknowledged to them. */
  private static final class Person {
    final String who;
    final String token;
    final String clientId;
    TypingClient tc;
    String userId;
    final Set<String> members = new HashSet<>();
    /** Client id → the latest presence heard (focus null once gone). */
    final Map<String, JsonNode> presence = new HashMap<>();
    final Map<Long, String> acked = new HashMap<>();
    /** Every presence message heard, with the time (for a failure's message). */
    final List<String> heard = new ArrayList<>();
    /** The latest {@code seduta} announcement. */
    JsonNode seduta;

    Person(String who, String token, String clientId, LiveClient conn) {
      this.who = who;
      this.token = token;
      this.clientId = clientId;
      connected(conn);
    }

    void connected(LiveClient conn) {
      if (tc == null) {
        tc = new TypingClient(conn, clientId);
      } else {
        tc.conn = conn;
        for (JsonNode b : conn.welcome.path("ops")) {
          if (b.path("client").asText().equals(clientId)) {
            acked.put(b.path("seq").asLong(), clientId + ":" + b.path("clientSeq").asLong()); // committed before the kill
          }
          tc.doc.onBatch(b.path("seq").asLong(), b.path("author").asText(), b.path("client").asText(),
              b.path("clientSeq").asLong(), OpCodec.decodeBatch(b.path("ops")));
        }
        tc.doc.resend().ifPresent(tc::send);
      }
      userId = conn.welcome.path("you").path("user").asText();
      members.clear();
      conn.welcome.path("members").forEach(m -> members.add(m.path("user").asText()));
      // the welcome lists every cursor there is now, as the web app takes it: after a
      // reconnect to another process a cursor remembered from the old connection has gone
      presence.clear();
      conn.welcome.path("presence").forEach(p -> presence.put(p.path("client").asText(), p));
    }

    void pump() {
      JsonNode m;
      while ((m = tc.conn.inbox.poll()) != null) {
        switch (m.path("type").asText()) {
          case "members" -> {
            members.clear();
            m.path("members").forEach(x -> members.add(x.path("user").asText()));
          }
          case "presence" -> {
            presence.put(m.path("client").asText(), m);
            heard.add(System.currentTimeMillis() % 100_000 + " " + m);
          }
          case "seduta" -> seduta = m;
          case "ack" -> acked.put(m.path("seq").asLong(), clientId + ":" + m.path("clientSeq").asLong());
          default -> { }
        }
        tc.handle(m);
      }
      if (!tc.conn.closed) {
        tc.sendNext();
      }
    }

    boolean sees(String client, boolean typing) {
      JsonNode p = presence.get(client);
      return p != null && !p.path("focus").isNull() && p.path("typing").asBoolean() == typing;
    }

    boolean seesGone(String client) {
      JsonNode p = presence.get(client);
      return p == null || p.path("focus").isNull();
    }

    void type(String text) {
      String section = tc.doc.document().ids("sections").get(0);
      int length = tc.doc.document().textLength("sections", section, "body");
      tc.doc.edit(List.of(new Op.Text("sections", section, "body",
          TextOperation.builder().insert(text).retain(length).build())));
      if (!tc.conn.closed) {
        tc.sendNext();
      }
    }

    void moveTo(boolean typing) {
      ObjectNode p = LiveClient.JSON.createObjectNode();
      p.put("type", "presence");
      ObjectNode focus = p.putObject("focus");
      focus.put("coll", "sections");
      focus.put("id", tc.doc.document().ids("sections").get(0));
      focus.put("field", "body");
      focus.put("anchor", 0);
      focus.put("head", 0);
      p.put("typing", typing);
      tc.conn.send(p);
    }
  }

  @Test
  void twoPeopleOnDifferentProcessesBehindTheProxySeeEachOtherAndSurviveTheirProcessBeingKilled() throws Exception {
    String url = freshDatabase();
    Map<String, String> env = new HashMap<>(Map.of("DATABASE_URL", url, "TAVOLO_CLUSTER", "on",
        "TAVOLO_CLUSTER_LEASE_SECONDS", Integer.toString(LEASE_SECONDS), "LOG_LEVEL", "INFO"));
    List<SpawnedServer> servers = new ArrayList<>();
    Process proxy = null;
    List<Person> people = new ArrayList<>();
    try {
      Map<String, String> seeding = new HashMap<>(env);
      seeding.put("TAVOLO_DEMO", "true");
      servers.add(SpawnedServer.start(seeding)); // migrates and seeds; the other two start on top of it
      env.put("TAVOLO_DEMO", "false");
      CompletableFuture<SpawnedServer> second = CompletableFuture.supplyAsync(() -> SpawnedServer.start(env));
      CompletableFuture<SpawnedServer> thirdStart = CompletableFuture.supplyAsync(() -> SpawnedServer.start(env));
      servers.add(second.get(180, TimeUnit.SECONDS));
      servers.add(thirdStart.get(180, TimeUnit.SECONDS));

      int proxyPort = freePort();
      Path dir = TestServer.tempDir("tavolo-haproxy");
      Path cfg = dir.resolve("haproxy.cfg");
      Files.writeString(cfg, withPorts(Files.readString(CONFIG, StandardCharsets.UTF_8), proxyPort, servers));
      proxy = new ProcessBuilder(haproxy, "-db", "-f", cfg.toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
      Process p = proxy;
      awaitCondition("the proxy answers /health", 20_000, () -> {
        if (!p.isAlive()) {
          fail("haproxy exited: " + read(dir.resolve("haproxy.log")));
        }
        return served(proxyPort, "/health?tavolo=" + TAVOLO) != null;
      }, List.of());

      // the first person comes through the proxy; where it sends the tavolo is "home"
      String tokenA = LiveClient.login(servers.get(0).port(), "coordinatore");
      String tokenB = LiveClient.login(servers.get(0).port(), "pa");
      String tokenC = LiveClient.login(servers.get(0).port(), "ets1");
      String wsUri = "/ws?tavolo=" + TAVOLO;
      Person a = new Person("coordinatore", tokenA, "px-a",
          LiveClient.join(proxyPort, wsUri, tokenA, DOC, "px-a", null, false));
      people.add(a);
      String homeName = a.tc.conn.ws.headers().get("X-Tavolo-Process");
      assertNotNull(homeName, "the proxy names the process that answered");
      int home = Integer.parseInt(homeName.substring(1)) - 1;
      int other = (home + 1) % 3;
      int third = (home + 2) % 3;
      int anyPort = servers.get(other).port(); // one that outlives the kill
      awaitCondition("the tavolo's HTTP calls go where its WebSocket went", 10_000,
          () -> homeName.equals(served(proxyPort, "/api/tavoli/" + TAVOLO + "/nothing-here"))
              && homeName.equals(served(proxyPort, "/health?tavolo=" + TAVOLO)), people);
      long t0 = System.nanoTime();
      Person b = new Person("pa", tokenB, "px-b", LiveClient.join(servers.get(other).port(), tokenB, DOC, "px-b", null));
      people.add(b);
      // someone whose process dies with the first person's and who does not come back
      Person c = new Person("ets1", tokenC, "px-c", LiveClient.join(servers.get(home).port(), tokenC, DOC, "px-c", null));
      people.add(c);

      awaitCondition("members across processes", 10_000, () -> a.members.contains(b.userId)
          && b.members.containsAll(Set.of(a.userId, c.userId)) && c.members.contains(b.userId), people);
      long membersMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(b.members.contains(b.userId) && a.members.contains(a.userId), "everyone is on their own list too");

      // cursors, both ways
      long tp = System.nanoTime();
      a.moveTo(true);
      awaitCondition("the second person sees the first one's cursor", 10_000, () -> b.sees("px-a", true), people);
      long presenceAtoB = (System.nanoTime() - tp) / 1_000_000;
      tp = System.nanoTime();
      b.moveTo(false);
      awaitCondition("the first person sees the second one's cursor", 10_000, () -> a.sees("px-b", false), people);
      long presenceBtoA = (System.nanoTime() - tp) / 1_000_000;
      c.moveTo(false);
      awaitCondition("the third person's cursor reaches the second", 10_000, () -> b.sees("px-c", false), people);

      // someone comes and goes on the third process: the others see both
      String tokenD = LiveClient.login(anyPort, "ets2");
      Person d = new Person("ets2", tokenD, "px-d", LiveClient.join(servers.get(third).port(), tokenD, DOC, "px-d", null));
      awaitCondition("a join on a third process reaches both", 10_000,
          () -> a.members.contains(d.userId) && b.members.contains(d.userId), List.of(a, b, c, d));
      d.moveTo(false);
      awaitCondition("and so does their cursor", 10_000, () -> a.sees("px-d", false) && b.sees("px-d", false),
          List.of(a, b, c, d));
      long tLeave = System.nanoTime();
      d.tc.close();
      awaitCondition("a leave on a third process reaches both", 10_000,
          () -> !a.members.contains(d.userId) && !b.members.contains(d.userId) && a.seesGone("px-d") && b.seesGone("px-d"),
          people);
      long leaveMs = (System.nanoTime() - tLeave) / 1_000_000;

      // the seduta opens on the third process, where nobody is connected: its register has everyone
      String coordinatore = a.token;
      assertEquals(200, api(servers.get(third).port(), "POST", "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/open",
          coordinatore).statusCode(), "the seduta opens");
      awaitCondition("everyone, on the two other processes, hears the seduta open", 10_000, () -> people.stream()
          .allMatch(x -> x.seduta != null && x.seduta.path("state").asText().equals("open")), people);
      Map<String, JsonNode> register = register(servers.get(third).port(), coordinatore);
      for (Person x : people) {
        assertTrue(register.containsKey(x.userId) && register.get(x.userId).path("connected").asBoolean(),
            x.who + " is in the register as connected, though connected to another process: " + register);
      }

      // edits, both ways
      for (int round = 0; round < 6; round++) {
        a.type("a");
        b.type("b");
        c.type("c");
        pumpAll(people, 20);
      }
      long head = settle(people, url);
      assertEquals(a.tc.doc.seq(), b.tc.doc.seq());
      assertEquals(snapshot(a), snapshot(b), "the people on two processes see the same document");

      // SIGKILL the tavolo's process while batches are in flight
      a.type("A");
      c.type("C");
      b.type("B");
      long tKill = System.nanoTime();
      servers.get(home).kill();
      awaitCondition("the connections to the killed process drop", 10_000,
          () -> a.tc.conn.closed && c.tc.conn.closed, List.of(b));
      LiveClient again = null;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (again == null) {
        try {
          again = LiveClient.join(proxyPort, wsUri, a.token, DOC, "px-a", a.tc.doc.seq(), false);
        } catch (RuntimeException | AssertionError notYet) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("no reconnection through the proxy within 30 s of the kill", notYet);
          }
          b.pump();
          Thread.sleep(50);
        }
      }
      long failoverMs = (System.nanoTime() - tKill) / 1_000_000;
      String movedTo = again.ws.headers().get("X-Tavolo-Process");
      assertNotEquals("p" + (home + 1), movedTo, "the proxy moved the tavolo to a live process");
      a.connected(again);
      people.remove(c);

      awaitCondition("the person whose process died leaves the others' members list", 20_000,
          () -> !b.members.contains(c.userId) && !a.members.contains(c.userId), List.of(a, b));
      long goneMs = (System.nanoTime() - tKill) / 1_000_000;
      awaitCondition("and their cursor goes", 10_000, () -> b.seesGone("px-c") && a.seesGone("px-c"), List.of(a, b));
      assertTrue(a.members.contains(b.userId) && b.members.contains(a.userId), "the two who stayed still see each other");

      awaitCondition("the register closes the attendance of the person whose process died", 20_000, () -> {
        Map<String, JsonNode> r = register(servers.get(third).port(), coordinatore);
        return !r.get(c.userId).path("connected").asBoolean();
      }, List.of(a, b));
      Map<String, JsonNode> after = register(servers.get(third).port(), coordinatore);
      assertTrue(after.get(a.userId).path("connected").asBoolean(), "the one who reconnected is still connected: " + after);
      assertTrue(after.get(b.userId).path("connected").asBoolean(), "the one on a live process is still connected: " + after);

      // more typing after the failover, then everyone converges on the log
      for (int round = 0; round < 6; round++) {
        a.type("x");
        b.type("y");
        pumpAll(people, 20);
      }
      head = settle(people, url);
      Map<Long, String> log = opLog(url);
      assertEquals(head, log.size(), "the op log holds every seq from 1 to the head, once");
      for (Person x : List.of(a, b, c)) {
        for (Map.Entry<Long, String> e : x.acked.entrySet()) {
          assertEquals(e.getValue(), log.get(e.getKey()), x.who + ": an acknowledged batch is in the log at its seq");
        }
      }
      assertEquals(snapshot(a), snapshot(b), "converged");
      try (LiveClient probe = LiveClient.join(proxyPort, wsUri, LiveClient.login(anyPort, "osservatore"), DOC, "px-probe",
          null, false)) {
        assertEquals(StateCodec.snapshot(TypingClient.stateOf(probe.welcome)).get("collections"), snapshot(a),
            "a newcomer through the proxy gets the same document");
      }
      // a process that only stalls past its lease (SIGSTOP, then SIGCONT) is swept, then lists its people again
      int stalled = movedTo.equals("p" + (other + 1)) ? third : other;
      String tokenE = LiveClient.login(anyPort, "ets2");
      Person e = new Person("ets2", tokenE, "px-e", LiveClient.join(servers.get(stalled).port(), tokenE, DOC, "px-e", null));
      people.add(e);
      awaitCondition("the first person sees who joined on the process about to stall", 10_000,
          () -> a.members.contains(e.userId), people);
      signal("STOP", servers.get(stalled));
      try {
        awaitCondition("a stalled process's people are taken off after the lease", 20_000,
            () -> !a.members.contains(e.userId), List.of(a));
      } finally {
        signal("CONT", servers.get(stalled));
      }
      awaitCondition("and listed again once it runs", 20_000, () -> a.members.contains(e.userId), people);
      e.moveTo(true);
      awaitCondition("with their cursor", 10_000, () -> a.sees("px-e", true), people);

      System.out.printf("ClusterProxyTest: 3 processes, 1 tavolo; members across processes %d ms (a leave %d ms), presence %d / %d ms, "
              + "reconnected through the proxy %d ms after SIGKILL (to %s), the dead process's person gone after %d ms "
              + "(lease %d s), %d batches%n",
          membersMs, leaveMs, presenceAtoB, presenceBtoA, failoverMs, movedTo, goneMs, LEASE_SECONDS, head);
      assertTrue(goneMs < (LEASE_SECONDS + 8) * 1000L, "gone within the lease and a few heartbeats: " + goneMs + " ms");
    } catch (Throwable t) {
      for (int i = 0; i < servers.size(); i++) {
        System.err.println("--- p" + (i + 1) + "'s log:\n" + servers.get(i).tail(40));
      }
      throw t;
    } finally {
      people.forEach(x -> x.tc.close());
      if (proxy != null) {
        proxy.destroy();
        proxy.waitFor(10, TimeUnit.SECONDS);
      }
      servers.forEach(SpawnedServer::close);
    }
  }

  /** {@code kill -<name> <pid>}: STOP stalls the server process as a long pause would, CONT lets it run again. */
  private static void signal(String name, SpawnedServer server) throws Exception {
    Process k = new ProcessBuilder("/bin/sh", "-c", "kill -" + name + " " + server.pid()).inheritIO().start();
    assertTrue(k.waitFor(10, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + name);
  }

  /** The repository's config with this run's ports: the proxy's and the three processes'. */
  static String withPorts(String config, int proxyPort, List<SpawnedServer> servers) {
    String out = config.replace("bind 127.0.0.1:8080", "bind 127.0.0.1:" + proxyPort);
    for (int i = 0; i < 3; i++) {
      String line = "server p" + (i + 1) + " 127.0.0.1:" + (8081 + i) + " ";
      assertTrue(out.contains(line), "docs/deploy/haproxy.cfg names " + line.trim());
      out = out.replace(line, "server p" + (i + 1) + " 127.0.0.1:" + servers.get(i).port() + " ");
    }
    return out;
  }

  /** The process (p1, p2, p3) that answered {@code path} through the proxy, or null. */
  private static String served(int proxyPort, String path) {
    try {
      HttpResponse<Void> r = TestServer.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() < 500 ? r.headers().firstValue("X-Tavolo-Process").orElse(null) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> api(int port, String method, String path, String token) {
    return TestServer.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}")).build());
  }

  /** The register's live entries by user id. */
  private static Map<String, JsonNode> register(int port, String token) {
    HttpResponse<String> r = api(port, "GET", "/api/sedute/" + SeduteDemo.SEDUTA_ID + "/register", token);
    assertEquals(200, r.statusCode(), r.body());
    Map<String, JsonNode> out = new HashMap<>();
    try {
      JsonNode n = LiveClient.JSON.readTree(r.body());
      for (JsonNode e : n.isArray() ? n : n.path("entries")) {
        if (!e.path("userId").isNull()) {
          out.put(e.path("userId").asText(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void pumpAll(List<Person> people, long waitMs) throws InterruptedException {
    Thread.sleep(waitMs);
    for (Person p : people) {
      p.pump();
    }
  }

  /** Pumps everyone until {@code done} holds; fails after {@code timeoutMs}. */
  private static void awaitCondition(String what, long timeoutMs, BooleanSupplier done, List<Person> people)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (true) {
      for (Person p : people) {
        p.pump();
      }
      if (done.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder b = new StringBuilder(what + ": not within " + timeoutMs + " ms;");
        people.forEach(p -> b.append(' ').append(p.who).append(" members=").append(p.members)
            .append(" presence=").append(p.presence.values()).append(" heard=").append(p.heard));
        fail(b.toString());
      }
      Thread.sleep(10);
    }
  }

  /** Pumps until nobody has anything in flight and everyone has the log's head. */
  private static long settle(List<Person> people, String url) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      pumpAll(people, 10);
      long head = opLog(url).size();
      if (people.stream().allMatch(p -> p.tc.doc.isSettled() && p.tc.doc.seq() == head)) {
        return head;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder b = new StringBuilder("clients did not settle at head " + head + ":");
        people.forEach(p -> b.append(' ').append(p.who).append('@').append(p.tc.doc.seq())
            .append(p.tc.doc.isSettled() ? "" : "(unsettled)"));
        fail(b.toString());
      }
    }
  }

  private static JsonNode snapshot(Person p) {
    return StateCodec.snapshot(p.tc.doc.document()).get("collections");
  }

  /** seq → "client:clientSeq" of the document's op log. */
  private static Map<Long, String> opLog(String url) throws Exception {
    DatabaseUrl u = DatabaseUrl.parse(url);
    Map<Long, String> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
         Statement s = c.createStatement();
         ResultSet r = s.executeQuery("select seq, client_id, client_seq from op_log where doc_id = '" + DOC + "'")) {
      while (r.next()) {
        out.put(r.getLong(1), r.getString(2) + ":" + r.getLong(3));
      }
    }
    return out;
  }

  /** A new, empty database on the external server, so runs never see each other's data. */
  private static String freshDatabase() throws Exception {
    DatabaseUrl admin = DatabaseUrl.parse(adminUrl);
    String name = "tavolo_px_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         Statement s = c.createStatement()) {
      s.execute("create database " + name); // a generated identifier, not user input
    }
    URI u = URI.create(adminUrl);
    return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), u.getPort(), "/" + name, u.getQuery(), null).toString();
  }

  /** haproxy on the PATH or where Debian puts it, or null. */
  private static String findHaproxy() {
    List<String> places = new ArrayList<>(List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy"));
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      places.add(d + "/haproxy");
    }
    return places.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
