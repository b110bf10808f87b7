package it.tavolo.sedute;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.sedute.RegisterEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The JSON shapes of docs/api.md's sedute section. */
final class SedutaJson {
  private SedutaJson() {
  }

  static JsonObject header(SedutaHeader s) {
    return new JsonObject()
        .put("id", s.id().toString())
        .put("tavoloId", s.tavoloId().toString())
        .put("title", s.title())
        .put("startsAt", s.startsAt().toString())
        .put("mode", s.mode().wire())
        .put("place", s.place())
        .put("callUrl", s.callUrl())
        .put("state", s.state().wire())
        .put("currentItem", str(s.currentItem()))
        .put("createdAt", s.createdAt().toString())
        .put("openedAt", str(s.openedAt()))
        .put("closedAt", str(s.closedAt()));
  }

  static JsonObject full(SedutaHeader s, List<SedutaStore.DocumentRef> docs, List<SedutaStore.AgendaItem> agenda,
                         List<RecordLink> links, Optional<Verbali.Meta> verbale, Optional<ViewerLinkStore.Active> viewer) {
    JsonObject o = header(s);
    JsonArray d = new JsonArray();
    docs.forEach(x -> d.add(new JsonObject().put("id", x.id().toString()).put("title", x.title())));
    o.put("documents", d);
    JsonArray a = new JsonArray();
    agenda.forEach(i -> a.add(item(i)));
    o.put("agenda", a);
    JsonArray integrations = new JsonArray();
    JsonArray versions = new JsonArray();
    for (RecordLink l : links) {
      (RecordLink.INTEGRATION.equals(l.kind()) ? integrations : versions).add(l.toJson());
    }
    o.put("integrations", integrations);
    o.put("versions", versions);
    o.put("verbale", verbale.map(Verbali.Meta::toJson).orElse(null));
    o.put("viewerLink", viewer.map(v -> new JsonObject().put("id", v.id().toString()).put("createdAt", v.createdAt().toString()))
        .orElse(null));
    return o;
  }

  static JsonObject item(SedutaStore.AgendaItem i) {
    JsonArray ds = new JsonArray();
    for (SedutaStore.Decision d : i.decisions()) {
      ds.add(new JsonObject().put("id", d.id().toString()).put("text", d.text())
          .put("recordedBy", d.recordedBy() == null ? null
              : new JsonObject().put("userId", d.recordedBy().toString()).put("name", d.recordedByName()))
          .put("recordedAt", d.recordedAt().toString()));
    }
    return new JsonObject().put("id", i.id().toString()).put("position", i.position()).put("title", i.title())
        .put("notes", i.notes()).put("decisions", ds);
  }

  static JsonObject entry(RegisterEntry e) {
    return new JsonObject()
        .put("id", e.id().toString())
        .put("userId", str(e.userId()))
        .put("name", e.name())
        .put("organisation", e.organisation())
        .put("side", e.side())
        .put("role", e.role())
        .put("presence", e.presence().wire())
        .put("source", e.manual() ? "manual" : "live")
        .put("joinedAt", e.joinedAt().toString())
        .put("leftAt", str(e.leftAt()))
        .put("connected", !e.manual() && e.leftAt() == null)
        .put("corrected", e.corrected());
  }

  static JsonArray register(List<RegisterEntry> entries) {
    JsonArray out = new JsonArray();
    entries.forEach(e -> out.add(entry(e)));
    return out;
  }

  private static String str(UUID id) {
    return id == null ? null : id.toString();
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }
}
