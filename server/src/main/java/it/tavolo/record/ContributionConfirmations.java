package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import it.tavolo.core.record.Contributions;
import it.tavolo.core.budget.Pledges;
import it.tavolo.db.DocumentAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each contributing organisation confirms its own contribution to a consolidated version
 * (issue 15): who, when, its figures in cents by nature, the version's SHA-256 and the
 * fingerprint of its lines, stored for good and appended to the audit trail in one
 * transaction. The listing says per contributor whether the version is confirmed, carried over
 * from an earlier confirmation (same lines), stale (its lines changed since) or unconfirmed.
 */
public final class ContributionConfirmations {
  private final RecordServices r;
  private final ContributionStore store;

  public ContributionConfirmations(RecordServices r) {
    this.r = r;
    this.store = new ContributionStore(r.app().pool());
    // the groupings are read through r.groupings(), built after this service
  }

  private Future<Version> consolidated(UUID doc, int number) {
    return r.versions().find(doc, number).compose(v -> v.consolidated() ? Future.succeededFuture(v)
        : Future.failedFuture(Refusal.conflict("not_consolidated",
            "Version " + number + " is not consolidated: contributions are confirmed on a consolidated version.")));
  }

  private Future<Map<String, Contributions.Figures>> figures(UUID doc, Version v) {
    return r.history().stateAt(doc, v.seq())
        .compose(state -> r.app().vertx().executeBlocking(() -> Contributions.of(state), false));
  }

  /**
   * The caller's organisation confirms its contribution to version {@code number}; or, with
   * {@code onBehalfOf}, the capofila of a grouping confirms for a member organisation that
   * delegated it (the confirmation names the grouping).
   */
  public Future<JsonObject> confirm(UUID user, UUID doc, int number, UUID onBehalfOf) {
    return r.integrations().access(user, doc).compose(Integrations::editor).compose(a -> consolidated(doc, number)
        .compose(v -> r.integrationStore().organisationOf(user).compose(own -> via(a.tavoloId(), own, onBehalfOf)
            .compose(grouping -> figures(doc, v).compose(all -> {
              UUID org = onBehalfOf == null ? own : onBehalfOf;
              Contributions.Figures mine = org == null ? null : all.get(org.toString());
              if (mine == null) {
                return Future.<Void>failedFuture(new Refusal(403, Pledges.NOT_YOUR_PLEDGE, "This organisation has no budget line"
                    + " in version " + number + ": there is no contribution to confirm."));
              }
              return record(a, user, doc, v, org, mine, grouping);
            }))))).compose(x -> list(user, doc, number));
  }

  /**
   * The grouping through which the caller's organisation {@code own} confirms for {@code
   * other} (null when it confirms for itself): {@code own} must be its capofila and {@code
   * other} a member that delegated it.
   */
  private Future<UUID> via(UUID tavoloId, UUID own, UUID other) {
    if (other == null || other.equals(own)) return Future.succeededFuture(null);
    return r.groupings().store().ofTavolo(r.app().pool(), tavoloId).compose(list -> {
      for (GroupingStore.Grouping g : list) {
        if (g.capofila().equals(own) && g.delegated(other)) return Future.succeededFuture(g.id());
      }
      return Future.failedFuture(new Refusal(403, Pledges.NOT_YOUR_PLEDGE, "Only a grouping's capofila confirms for a"
          + " member, and only once that member has delegated it."));
    });
  }

  private Future<Void> record(DocumentAccess a, UUID user, UUID doc, Version v, UUID org, Contributions.Figures f,
                              UUID grouping) {
    return r.app().pool().withTransaction(tx -> store.insert(tx, doc, v.number(), org, user, f.monetary(), f.inKind(),
        v.sha256(), f.linesSha256(), grouping).compose(added -> {
          if (!added) return Future.<Void>succeededFuture(); // already confirmed: the first one stands
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("version", (long) v.number());
          details.put("organisation", org.toString());
          details.put("monetary", f.monetary());
          details.put("inKind", f.inKind());
          details.put("versionSha256", v.sha256());
          details.put("linesSha256", f.linesSha256());
          if (grouping != null) details.put("viaGrouping", grouping.toString());
          return r.audit().append(tx, new AuditStore.Event(a.tavoloId(), user, "contribution_confirmed", doc,
              Integer.toString(v.number()), details)).<Void>mapEmpty();
        }));
  }

  /** Per contributing organisation of version {@code number}: its figures and how it stands. */
  public Future<JsonObject> list(UUID user, UUID doc, int number) {
    return r.integrations().access(user, doc).compose(a -> consolidated(doc, number)).compose(v -> figures(doc, v)
        .compose(all -> store.upTo(doc, number).compose(confirmations -> {
          List<UUID> ids = new ArrayList<>();
          all.keySet().forEach(id -> ids.add(UUID.fromString(id)));
          return store.organisations(ids).map(names -> render(v, all, confirmations, names));
        })));
  }

  private static JsonObject render(Version v, Map<String, Contributions.Figures> all,
                                   Map<UUID, List<ContributionStore.Stored>> confirmations, Map<UUID, String[]> names) {
    List<JsonObject> rows = new ArrayList<>();
    for (Contributions.Figures f : all.values()) {
      UUID org = UUID.fromString(f.organisation());
      List<ContributionStore.Stored> mine = confirmations.getOrDefault(org, List.of());
      List<Contributions.Confirmed> seen = new ArrayList<>();
      mine.forEach(c -> seen.add(new Contributions.Confirmed(c.version(), c.linesSha256())));
      Contributions.Status status = Contributions.status(v.number(), f.linesSha256(), seen);
      ContributionStore.Stored basis = null;
      for (ContributionStore.Stored c : mine) {
        if (c.version() <= v.number() && (basis == null || c.version() > basis.version())) basis = c;
      }
      String[] n = names.getOrDefault(org, new String[] {null, null});
      rows.add(new JsonObject()
          .put("organisation", new JsonObject().put("id", f.organisation()).put("name", n[0]))
          .put("side", n[1]).put("monetary", f.monetary()).put("inKind", f.inKind()).put("total", f.total())
          .put("status", status.wire())
          .put("confirmation", basis == null ? null : basis.toJson()));
    }
    rows.sort((x, y) -> String.valueOf(x.getJsonObject("organisation").getString("name"))
        .compareTo(String.valueOf(y.getJsonObject("organisation").getString("name"))));
    return new JsonObject().put("version", v.number()).put("sha256", v.sha256()).put("contributors", new JsonArray(rows));
  }
}
