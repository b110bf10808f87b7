package it.tavolo.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every route of the real router, each with the access rule it must enforce. Routes are
 * read from the router itself, so a route added by any layer is covered: one under a
 * tavolo ({@code :tavoloId}), a document ({@code /api/documents/:x}) or a seduta
 * ({@code /api/sedute/:x}) is classified automatically (GET/HEAD read: any member; anything
 * else a write: never an observer, and for a seduta a coordinator's only);
 * any other new route fails {@link HttpAccessMatrixTest#everyRouteIsClassified} until it
 * is added to {@link #EXPLICIT}.
 */
final class RouteCatalog {
  enum Kind {
    /** No token needed (logging in, invitation links). */
    OPEN("open"),
    /** Operations endpoints: open by design, expose them only to the scraper/orchestrator. */
    OPS("ops, open"),
    /** Prometheus scraping: the metrics token (TAVOLO_METRICS_TOKEN), else loopback only. */
    METRICS("metrics token, else loopback"),
    /** The WebSocket: the token comes in the hello (see the WebSocket table). */
    WEBSOCKET("token in hello"),
    /** A valid token, about the caller only. */
    SELF("token"),
    /** A member of the tavolo, any role. */
    TAVOLO_READ("member, any role"),
    /** A member who may edit: coordinator or member, never an observer. */
    TAVOLO_WRITE("coordinator or member"),
    /** The tavolo's coordinators only. */
    COORDINATOR("coordinator"),
    /** A seduta's segretario verbalizzante and the writers a coordinator allowed (never an observer). */
    NOTES_WRITER("segretario verbalizzante or allowed writer"),
    /** A coordinator or member the seduta's register records as present (never an observer). */
    PRESENT("member present at the seduta");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    boolean needsToken() {
      return this != OPEN && this != OPS && this != METRICS && this != WEBSOCKET;
    }

    boolean tavoloScoped() {
      return this == TAVOLO_READ || this == TAVOLO_WRITE || this == COORDINATOR || this == NOTES_WRITER || this == PRESENT;
    }
  }

  record Entry(String method, String path, Kind kind, boolean automatic) {
    String key() {
      return method + " " + path;
    }
  }

  /** Routes whose rule the path alone does not tell. */
  static final Map<String, Kind> EXPLICIT = Map.ofEntries(
      Map.entry("POST /api/auth/login", Kind.OPEN),
      Map.entry("POST /api/auth/refresh", Kind.OPEN),
      Map.entry("POST /api/auth/oidc", Kind.OPEN),
      Map.entry("GET /api/invitations/:token", Kind.OPEN),
      Map.entry("GET /api/viewer/:token", Kind.OPEN),
      Map.entry("POST /api/tavoli/:tavoloId/sedute", Kind.COORDINATOR),
      Map.entry("POST /api/sedute/:sedutaId/notes/entries", Kind.NOTES_WRITER),
      Map.entry("DELETE /api/sedute/:sedutaId/notes/entries/:entryId", Kind.NOTES_WRITER),
      Map.entry("POST /api/sedute/:sedutaId/verbale/remarks", Kind.PRESENT),
      Map.entry("POST /api/invitations/:token/register", Kind.OPEN),
      // the same three with the secret in a header rather than the path
      Map.entry("GET /api/invitation", Kind.OPEN),
      Map.entry("POST /api/invitation/register", Kind.OPEN),
      Map.entry("POST /api/invitation/accept", Kind.SELF),
      Map.entry("GET /api/viewer", Kind.OPEN),
      // a tavolo's calendar feed: its secret is in the path (calendar apps send no token)
      Map.entry("GET /api/calendar/:token", Kind.OPEN),
      Map.entry("POST /api/tavoli/:tavoloId/calendar-feed", Kind.COORDINATOR),
      Map.entry("DELETE /api/tavoli/:tavoloId/calendar-feed", Kind.COORDINATOR),
      // the caller's own notifications, email choices and mail
      Map.entry("GET /api/me/notifications", Kind.SELF),
      Map.entry("GET /api/me/notifications/unread", Kind.SELF),
      Map.entry("POST /api/me/notifications/read", Kind.SELF),
      Map.entry("POST /api/me/notifications/:id/read", Kind.SELF),
      Map.entry("GET /api/me/notification-settings", Kind.SELF),
      Map.entry("PUT /api/me/notification-settings", Kind.SELF),
      Map.entry("GET /api/me/mail", Kind.SELF),
      // a viewer link's guests: the tavolo's public files (the secret is the credential)
      Map.entry("GET /api/viewer/:token/files", Kind.OPEN),
      Map.entry("GET /api/viewer/:token/files/:fileId/content", Kind.OPEN),
      Map.entry("PUT /api/tavoli/:tavoloId/files/:fileId/public", Kind.COORDINATOR),
      Map.entry("POST /api/tavoli/:tavoloId/templates", Kind.COORDINATOR),
      Map.entry("POST /api/tavoli/:tavoloId/documents/from-template", Kind.COORDINATOR),
      Map.entry("GET /api/tavoli/:tavoloId/organisation-proposals", Kind.COORDINATOR),
      Map.entry("POST /api/tavoli/:tavoloId/organisation-proposals/:proposalId/confirm", Kind.COORDINATOR),
      Map.entry("POST /api/tavoli/:tavoloId/organisation-proposals/:proposalId/reject", Kind.COORDINATOR),
      Map.entry("GET /health", Kind.OPS),
      Map.entry("GET /metrics", Kind.METRICS),
      Map.entry("GET /ws", Kind.WEBSOCKET),
      Map.entry("POST /api/auth/logout", Kind.SELF),
      Map.entry("GET /api/me", Kind.SELF),
      Map.entry("GET /api/tavoli", Kind.SELF),
      Map.entry("POST /api/tavoli", Kind.SELF),
      Map.entry("GET /api/organisations", Kind.SELF),
      Map.entry("POST /api/invitations/:token/accept", Kind.SELF),
      Map.entry("POST /api/tavoli/:tavoloId/documents", Kind.COORDINATOR),
      Map.entry("PUT /api/tavoli/:tavoloId/members/:userId", Kind.COORDINATOR),
      Map.entry("DELETE /api/tavoli/:tavoloId/members/:userId", Kind.COORDINATOR),
      Map.entry("GET /api/tavoli/:tavoloId/organisations", Kind.TAVOLO_READ),
      Map.entry("POST /api/tavoli/:tavoloId/partners", Kind.COORDINATOR),
      Map.entry("PUT /api/tavoli/:tavoloId/territori", Kind.COORDINATOR),
      Map.entry("POST /api/tavoli/:tavoloId/invitations", Kind.COORDINATOR),
      Map.entry("GET /api/tavoli/:tavoloId/invitations", Kind.COORDINATOR),
      Map.entry("DELETE /api/tavoli/:tavoloId/invitations/:invitationId", Kind.COORDINATOR),
      Map.entry("POST /api/documents/:docId/integrations/:integrationId/accept", Kind.COORDINATOR),
      Map.entry("POST /api/tavoli/:tavoloId/groupings", Kind.COORDINATOR),
      Map.entry("PUT /api/tavoli/:tavoloId/groupings/:groupingId", Kind.COORDINATOR),
      Map.entry("POST /api/documents/:docId/integrations/:integrationId/reject", Kind.COORDINATOR),
      Map.entry("PUT /api/documents/:docId/mode", Kind.COORDINATOR),
      Map.entry("PUT /api/documents/:docId/lock", Kind.COORDINATOR),
      Map.entry("POST /api/documents/:docId/versions/:v/consolidate", Kind.COORDINATOR),
      Map.entry("POST /api/documents/:docId/versions/:v/restore", Kind.COORDINATOR));

  record Catalog(List<Entry> entries, List<String> unclassified) {}

  static Catalog of(Router router) {
    List<Entry> entries = new ArrayList<>();
    TreeSet<String> unclassified = new TreeSet<>();
    for (Route r : router.getRoutes()) {
      // a path with parameters is kept as a regex; its name is the path as written
      String path = r.isRegexPath() ? r.getName() : r.getPath();
      if (path == null || !path.startsWith("/") || path.endsWith("/") || r.methods() == null || r.methods().isEmpty()) {
        continue; // handlers on every request or a prefix (headers, body, token check, static files)
      }
      for (HttpMethod m : r.methods()) {
        String key = m.name() + " " + path;
        Kind k = EXPLICIT.get(key);
        boolean automatic = false;
        boolean read = m == HttpMethod.GET || m == HttpMethod.HEAD;
        if (k == null && (path.contains(":tavoloId") || path.matches("/api/documents/:[^/]+(/.*)?"))) {
          k = read ? Kind.TAVOLO_READ : Kind.TAVOLO_WRITE;
          automatic = true;
        }
        if (k == null && path.matches("/api/sedute/:[^/]+(/.*)?")) {
          // a seduta belongs to one tavolo; only its coordinators plan, run and close it
          k = read ? Kind.TAVOLO_READ : Kind.COORDINATOR;
          automatic = true;
        }
        if (k == null) {
          unclassified.add(key);
        } else if (entries.stream().noneMatch(e -> e.key().equals(key))) {
          entries.add(new Entry(m.name(), path, k, automatic));
        }
      }
    }
    entries.sort((a, b) -> a.path().equals(b.path()) ? a.method().compareTo(b.method()) : a.path().compareTo(b.path()));
    return new Catalog(entries, new ArrayList<>(unclassified));
  }
}
