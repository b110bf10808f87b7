package it.tavolo.notify;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A notification as mail, in Italian: the subject, the plain text and the HTML (every piece
 * of user text escaped). Pure functions, no state.
 */
final class MailText {
  private MailText() {
  }

  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry(Kinds.INTEGRATION_ACCEPTED, "La tua integrazione è stata accolta"),
      Map.entry(Kinds.INTEGRATION_REJECTED, "La tua integrazione è stata respinta"),
      Map.entry(Kinds.INTEGRATION_COMMENTED, "Nuovo commento alla tua integrazione"),
      Map.entry(Kinds.INTEGRATION_AWAITING_CONFIRMATION, "Un'integrazione attende la conferma della tua organizzazione"),
      Map.entry(Kinds.SEDUTA_CONVENED, "Convocazione"),
      Map.entry(Kinds.SEDUTA_CHANGED, "Seduta modificata"),
      Map.entry(Kinds.SEDUTA_CANCELLED, "Seduta annullata"),
      Map.entry(Kinds.SEDUTA_OPENED, "La seduta è aperta"),
      Map.entry(Kinds.VERBALE_READY, "Verbale disponibile"),
      Map.entry(Kinds.VERBALE_REMARKS_OPEN, "Osservazioni aperte sul verbale"),
      Map.entry(Kinds.VERBALE_APPROVED, "Verbale approvato"),
      Map.entry(Kinds.VERSION_CONSOLIDATED, "Versione consolidata"),
      Map.entry(Kinds.MENTION, "Ti hanno menzionato"),
      Map.entry(Kinds.REPLY, "Nuova risposta in una discussione"));

  record Rendered(String subject, String text, String html) {}

  static String label(String kind) {
    return LABELS.getOrDefault(kind, "Notifica");
  }

  /** The link to the exact place: the origin and the payload's app path ("#/..."), or none. */
  static String link(String origin, JsonObject payload) {
    String path = payload.getString("path");
    if (path == null || !path.startsWith("/") || path.startsWith("//")) {
      return null;
    }
    return origin + path;
  }

  static Rendered one(String kind, JsonObject payload, String recipientName, String origin) {
    String title = oneLine(payload.getString("title", ""));
    String subject = "[Tavolo] " + label(kind) + (title.isEmpty() ? "" : ": " + title);
    String body = payload.getString("body");
    String by = payload.getString("by");
    String link = link(origin, payload);
    StringBuilder t = new StringBuilder();
    t.append("Gentile ").append(recipientName).append(",\n\n").append(label(kind));
    if (!title.isEmpty()) t.append(": ").append(title);
    t.append(endsSentence(title) ? "\n" : ".\n");
    if (by != null) t.append("Da: ").append(by).append("\n");
    if (body != null && !body.isBlank()) t.append("\n").append(body.strip()).append("\n");
    if (link != null) t.append("\nApri in Tavolo: ").append(link).append("\n");
    t.append(FOOTER_TEXT);
    StringBuilder h = new StringBuilder(HEAD);
    h.append("<p>Gentile ").append(esc(recipientName)).append(",</p><p><strong>").append(esc(label(kind)))
        .append("</strong>").append(title.isEmpty() ? "" : ": " + esc(title)).append(endsSentence(title) ? "</p>" : ".</p>");
    if (by != null) h.append("<p>Da: ").append(esc(by)).append("</p>");
    if (body != null && !body.isBlank()) h.append("<blockquote>").append(paragraphs(body.strip())).append("</blockquote>");
    if (link != null) h.append("<p><a href=\"").append(esc(link)).append("\">Apri in Tavolo</a></p>");
    h.append(FOOTER_HTML).append("</body></html>");
    return new Rendered(subject, t.toString(), h.toString());
  }

  /** The daily digest: one line (and link) per notification, oldest first. */
  static Rendered digest(List<JsonObject> items, String recipientName, String origin) {
    String subject = "[Tavolo] Riepilogo del giorno: " + items.size() + (items.size() == 1 ? " notifica" : " notifiche");
    StringBuilder t = new StringBuilder("Gentile ").append(recipientName).append(",\n\necco le notizie da Tavolo:\n\n");
    StringBuilder h = new StringBuilder(HEAD).append("<p>Gentile ").append(esc(recipientName))
        .append(",</p><p>ecco le notizie da Tavolo:</p><ul>");
    for (JsonObject n : items) {
      JsonObject p = n.getJsonObject("payload", new JsonObject());
      String title = oneLine(p.getString("title", ""));
      String line = label(n.getString("kind")) + (title.isEmpty() ? "" : ": " + title);
      String link = link(origin, p);
      t.append("- ").append(line).append(link == null ? "" : "\n  " + link).append("\n");
      h.append("<li>").append(link == null ? esc(line) : "<a href=\"" + esc(link) + "\">" + esc(line) + "</a>").append("</li>");
    }
    t.append(FOOTER_TEXT);
    h.append("</ul>").append(FOOTER_HTML).append("</body></html>");
    return new Rendered(subject, t.toString(), h.toString());
  }

  private static final String HEAD = "<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Tavolo</title></head><body>";
  private static final String FOOTER_TEXT = "\n--\nRicevi questa email perché partecipi a un tavolo di co-progettazione su Tavolo. "
      + "Puoi scegliere quali email ricevere (subito, riepilogo giornaliero o nessuna) nelle impostazioni delle notifiche.\n";
  private static final String FOOTER_HTML = "<hr><p><small>Ricevi questa email perché partecipi a un tavolo di co-progettazione su Tavolo. "
      + "Puoi scegliere quali email ricevere (subito, riepilogo giornaliero o nessuna) nelle impostazioni delle notifiche.</small></p>";

  private static boolean endsSentence(String title) {
    return !title.isEmpty() && ".!?…".indexOf(title.charAt(title.length() - 1)) >= 0;
  }

  static String oneLine(String s) {
    String x = s.replaceAll("[\\r\\n\\t]+", " ").strip();
    return x.length() > 200 ? x.substring(0, 199) + "…" : x;
  }

  private static String paragraphs(String s) {
    StringBuilder b = new StringBuilder();
    for (String p : s.split("\\n\\s*\\n")) {
      b.append("<p>").append(esc(p).replace("\n", "<br>")).append("</p>");
    }
    return b.toString();
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
