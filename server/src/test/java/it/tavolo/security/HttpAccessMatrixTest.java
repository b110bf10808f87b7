package it.tavolo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import it.tavolo.demo.DemoSeed;
import it.tavolo.security.RouteCatalog.Entry;
import it.tavolo.security.RouteCatalog.Kind;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP route of the real router, tried by everyone who must be refused: bad tokens of
 * every kind, a stranger to the tavolo, a coordinator of one tavolo reaching another's
 * entities through their own tavolo's path, observers on every write, members on every
 * coordinator action. Each must be refused with its stable code, and nothing saved may
 * change (a digest of every table before and after each route). The results are the table
 * in docs/security.md: the test fails when that table is out of date (regenerate it with
 * {@code -Dtavolo.writeDocs=true}).
 */
class HttpAccessMatrixTest {
  private static final Set<Integer> REFUSED = Set.of(401, 403, 404);
  private static final String SEDUTA = "{\"title\":\"Prova\",\"startsAt\":\"2026-12-03T15:00:00+01:00\","
      + "\"mode\":\"online\",\"callUrl\":\"https://meet.jit.si/prova\",\"agenda\":[]}";
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
  /** A body a legitimate caller could send to any write route (so a refusal is about who, not what). */
  private static final String BODY = "{\"title\":\"Prova di accesso\",\"role\":\"member\",\"name\":\"Prova\","
      + "\"email\":\"prova@example.org\",\"password\":\"una-password-lunga-1\",\"expiresInHours\":24,"
      + "\"rationale\":\"prova\",\"body\":\"un commento\",\"reason\":\"non serve\",\"mode\":\"proposal\","
      + "\"locked\":true,\"consolidate\":false,\"baseSeq\":0,\"ops\":[" + SecurityFixture.SECTION + "],"
      + "\"text\":\"Decisione\",\"presence\":\"in_room\",\"itemId\":null,\"startsAt\":\"2026-12-03T15:00:00+01:00\","
      + "\"callUrl\":\"https://meet.jit.si/prova\",\"agenda\":[]}";
  /** Bodies for routes the shared one does not fit. */
  private static final Map<String, String> BODIES = Map.of(
      "POST /api/tavoli/:tavoloId/sedute", SEDUTA,
      "PUT /api/sedute/:sedutaId", SEDUTA);

  private final SecurityFixture f = SecurityFixture.get();

  @Test
  void everyRouteIsClassified() {
    RouteCatalog.Catalog c = RouteCatalog.of(f.router);
    assertTrue(c.unclassified().isEmpty(), "routes with no access rule in RouteCatalog.EXPLICIT "
        + "(add each with its Kind, or mount it under /api/tavoli/:tavoloId or /api/documents/:id): " + c.unclassified());
    assertTrue(c.entries().size() >= EXPLICIT_MINIMUM, "the router was read: " + c.entries());
  }

  private static final int EXPLICIT_MINIMUM = 15;

  /** The parameters that name the container (tavolo or document) a route acts in. */
  private static final Set<String> CONTAINERS = Set.of("tavoloId", "docId", "documentId", "id", "doc", "sedutaId",
      "format"); // format: not an entity, nothing to take from another tavolo

  /**
   * Values for the path parameters: T's own entities; or (cross) T's containers with the
   * demo tavolo's entities inside them.
   */
  private Map<String, String> ids(boolean cross, String path) {
    Map<String, String> v = new HashMap<>();
    v.put("tavoloId", f.tavolo.toString());
    v.put("userId", (cross ? DemoSeed.ETS1 : DemoSeed.PA_MEMBER).id().toString());
    v.put("invitationId", (cross ? f.otherInvitation() : f.invitation).toString());
    v.put("integrationId", cross ? f.otherIntegration : f.integration);
    v.put("proposalId", (cross ? f.otherProposal : f.proposal).toString());
    v.put("v", cross ? f.otherVersion : f.version);
    for (String p : List.of("id", "docId", "documentId", "doc")) {
      v.put(p, f.document.toString());
    }
    v.put("token", "x".repeat(43));
    v.putAll(cross ? f.otherSeduta : f.seduta);
    v.put("sedutaId", path.contains("/verbale") ? f.closedSeduta : f.seduta.get("sedutaId"));
    v.put("format", "pdf");
    return v;
  }

  private static String fill(String path, Map<String, String> values, List<String> random) {
    Matcher m = PARAM.matcher(path);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        v = UUID.randomUUID().toString();
        random.add(m.group(1));
      }
      m.appendReplacement(b, v);
    }
    m.appendTail(b);
    return b.toString();
  }

  @Test
  void everyRouteRefusesBadTokensStrangersCrossTavoloIdsObserversAndMembersAndChangesNothing() {
    RouteCatalog.Catalog c = RouteCatalog.of(f.router);
    Map<String, String> attacks = f.forge.attacks(DemoSeed.PA_MEMBER, f.member, DemoSeed.COORDINATOR);
    attacks.put("revoked (logged out)", f.revoked);
    List<String> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int protectedRoutes = 0;
    for (Entry e : c.entries()) {
      if (!e.kind().needsToken()) {
        rows.add(row(e, "—", "—", "—", "—", "—"));
        continue;
      }
      protectedRoutes++;
      Map<String, String> before = f.fingerprint();
      List<String> random = new ArrayList<>();
      String own = fill(e.path(), ids(false, e.path()), random);
      String body = e.method().equals("GET") || e.method().equals("DELETE") ? null : BODIES.getOrDefault(e.key(), BODY);
      // bad tokens
      Map<String, Integer> tokenStatuses = new LinkedHashMap<>();
      for (Map.Entry<String, String> a : attacks.entrySet()) {
        HttpResponse<String> r = f.call(e.method(), own, a.getValue(), body);
        String code = SecurityFixture.json(r.body()).path("code").asText();
        String expected = expectedTokenCode(a.getKey());
        if (r.statusCode() != 401 || !code.equals(expected)) {
          failures.add(e.key() + " with " + a.getKey() + ": " + r.statusCode() + " " + r.body() + " (expected 401 " + expected + ")");
        }
        tokenStatuses.merge(r.statusCode() + "", 1, Integer::sum);
      }
      String tokens = tokenStatuses.size() == 1 && tokenStatuses.containsKey("401")
          ? "401 ×" + attacks.size() : tokenStatuses.toString();
      String stranger = "—";
      String cross = "—";
      String observer = "—";
      String member = "—";
      if (e.kind().tavoloScoped()) {
        stranger = refused(failures, e, "stranger", f.call(e.method(), own, f.stranger, body), REFUSED);
        if (!onlyContainerParams(e.path())) {
          List<String> r2 = new ArrayList<>();
          String crossPath = fill(e.path(), ids(true, e.path()), r2);
          cross = refused(failures, e, "cross-tavolo ids", f.call(e.method(), crossPath, f.outsiderCoordinator(), body), REFUSED);
        }
        if (e.kind() == Kind.TAVOLO_WRITE || e.kind() == Kind.COORDINATOR || e.kind() == Kind.NOTES_WRITER
            || e.kind() == Kind.PRESENT) {
          observer = refused(failures, e, "observer", f.call(e.method(), own, f.observer, body), Set.of(403));
        }
        if (e.kind() == Kind.COORDINATOR || e.kind() == Kind.NOTES_WRITER || e.kind() == Kind.PRESENT) {
          member = refused(failures, e, "member", f.call(e.method(), own, f.member, body), Set.of(403));
        }
        if (e.kind() == Kind.TAVOLO_READ && random.isEmpty()) {
          HttpResponse<String> r = f.call(e.method(), own, f.observer, null);
          observer = r.statusCode() + " (may read)";
          if (r.statusCode() >= 300) {
            failures.add(e.key() + ": an observer may read, got " + r.statusCode() + " " + r.body());
          }
        }
      }
      Map<String, String> after = f.fingerprint();
      if (!before.equals(after)) {
        failures.add(e.key() + ": refused calls changed saved data: " + diff(before, after));
      }
      String shown = e.path() + (random.isEmpty() ? "" : " ¹");
      rows.add(row(new Entry(e.method(), shown, e.kind(), e.automatic()), tokens, stranger, cross, observer, member));
    }
    assertTrue(failures.isEmpty(), "refusals that did not hold:\n" + String.join("\n", failures));
    SecurityDoc.section("http-matrix", String.join("\n", table(rows)));
    List<String> tokenRows = new ArrayList<>(List.of("| token presented | answer on each of the " + protectedRoutes
        + " routes that need one |", "|---|---|"));
    for (String a : attacks.keySet()) {
      tokenRows.add("| " + a + " | 401 `" + expectedTokenCode(a) + "` |");
    }
    SecurityDoc.section("token-attacks", String.join("\n", tokenRows));
  }

  private static boolean onlyContainerParams(String path) {
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      if (!CONTAINERS.contains(m.group(1))) {
        return false;
      }
    }
    return true;
  }

  private static String expectedTokenCode(String attack) {
    if (attack.startsWith("expired")) {
      return "token_expired";
    }
    if (attack.startsWith("not yet valid")) {
      return "token_not_yet_valid";
    }
    if (attack.startsWith("revoked")) {
      return "token_revoked";
    }
    return "unauthorized";
  }

  private static String refused(List<String> failures, Entry e, String who, HttpResponse<String> r, Set<Integer> allowed) {
    JsonNode body = SecurityFixture.json(r.body());
    String code = body.path("code").asText();
    if (!allowed.contains(r.statusCode()) || code.isEmpty()) {
      failures.add(e.key() + " by " + who + ": " + r.statusCode() + " " + r.body() + " (expected one of " + allowed + ")");
    }
    return r.statusCode() + " " + code;
  }

  private static String row(Entry e, String tokens, String stranger, String cross, String observer, String member) {
    return "| " + e.method() + " | `" + e.path() + "` | " + e.kind().label + (e.automatic() ? " (by path)" : "") + " | "
        + tokens + " | " + stranger + " | " + cross + " | " + observer + " | " + member + " |";
  }

  private static List<String> table(List<String> rows) {
    List<String> out = new ArrayList<>();
    out.add("| method | path | who may | bad tokens | stranger | cross-tavolo ids | observer | member |");
    out.add("|---|---|---|---|---|---|---|---|");
    out.addAll(rows);
    return out;
  }

  private static String diff(Map<String, String> a, Map<String, String> b) {
    List<String> changed = new ArrayList<>();
    for (String k : b.keySet()) {
      if (!b.get(k).equals(a.get(k))) {
        changed.add(k);
      }
    }
    return changed.toString();
  }
}
