package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import it.tavolo.core.Refusal;
import it.tavolo.core.record.Contributions;
import it.tavolo.core.budget.Groupings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Groupings of partners inside a tavolo (issue 15): an RTI, ATI or consortium with a capofila.
 * Coordinators create and change them; every member reads them and their totals (computed in
 * the core from the document's head); a member organisation delegates the capofila to confirm
 * its contribution to versions for it. Every change is in the audit trail.
 */
public final class GroupingService {
  static final Set<String> KINDS = Set.of("RTI", "ATI", "consorzio");
  static final int MAX_NAME = 200;

  private final RecordServices r;
  private final GroupingStore store;

  public GroupingService(RecordServices r) {
    this.r = r;
    this.store = new GroupingStore(r.app().pool());
  }

  public GroupingStore store() {
    return store;
  }

  public Future<JsonArray> list(UUID user, UUID tavoloId) {
    return r.auth().access().member(user, tavoloId).compose(role -> store.ofTavolo(r.app().pool(), tavoloId)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(g -> out.add(g.toJson()));
      return out;
    });
  }

  private Future<GroupingStore.Grouping> find(UUID tavoloId, UUID id) {
    return store.ofTavolo(r.app().pool(), tavoloId).compose(list -> list.stream().filter(g -> g.id().equals(id)).findFirst()
        .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(Refusal.notFound("No such grouping in this tavolo."))));
  }

  /** What a create or change asks for, checked against the organisations at the tavolo. */
  private record Shape(String kind, String name, UUID capofila, List<UUID> members) {}

  private Future<Shape> shape(UUID tavoloId, JsonObject b, GroupingStore.Grouping was) {
    String kind = b.getValue("kind") == null && was != null ? was.kind() : string(b, "kind");
    if (!KINDS.contains(kind)) return Future.failedFuture(Errors.invalid("'kind' must be RTI, ATI or consorzio."));
    String name = b.getValue("name") == null && was != null ? was.name() : string(b, "name");
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      return Future.failedFuture(Errors.invalid("'name' is required, at most " + MAX_NAME + " characters."));
    }
    UUID capofila;
    List<UUID> members = new ArrayList<>();
    try {
      capofila = b.getValue("capofila") == null && was != null ? was.capofila() : UUID.fromString(string(b, "capofila"));
      if (b.getValue("members") == null && was != null) {
        was.members().forEach(m -> members.add(m.organisation()));
      } else {
        for (Object o : b.getJsonArray("members", new JsonArray())) members.add(UUID.fromString((String) o));
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(Errors.invalid("'capofila' and 'members' are organisation ids."));
    }
    if (!members.contains(capofila)) members.add(0, capofila);
    if (members.size() < 2) return Future.failedFuture(Errors.invalid("A grouping has the capofila and at least one more member."));
    return r.auth().organisations().ofTavolo(r.app().pool(), tavoloId).compose(at -> {
      for (UUID m : members) {
        if (at.stream().noneMatch(o -> o.id().equals(m))) {
          return Future.failedFuture(Errors.invalid("Organisation " + m + " is not at this tavolo."));
        }
      }
      return Future.succeededFuture(new Shape(kind, name.strip(), capofila, List.copyOf(new java.util.LinkedHashSet<>(members))));
    });
  }

  private static String string(JsonObject b, String key) {
    Object v = b.getValue(key);
    if (v != null && !(v instanceof String)) throw Errors.invalid("'" + key + "' must be a string.");
    return (String) v;
  }

  private static <T> Future<T> grouped(Throwable err) {
    if (err instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(Refusal.conflict("already_grouped", "An organisation is already in another grouping of this tavolo."));
    }
    return Future.failedFuture(err);
  }

  public Future<JsonObject> create(UUID user, UUID tavoloId, JsonObject body) {
    UUID id = UUID.randomUUID();
    return r.auth().access().coordinator(user, tavoloId).compose(role -> shape(tavoloId, body, null))
        .compose(s -> r.app().pool().withTransaction(tx -> store.insert(tx, id, tavoloId, s.kind(), s.name(), s.capofila(), user)
            .compose(x -> store.setMembers(tx, id, tavoloId, s.members(), true))
            .compose(x -> r.audit().append(tx, new AuditStore.Event(tavoloId, user, "grouping_created", null, id.toString(),
                details(id, s))))).recover(GroupingService::grouped))
        .compose(x -> find(tavoloId, id)).map(GroupingStore.Grouping::toJson);
  }

  public Future<JsonObject> change(UUID user, UUID tavoloId, UUID id, JsonObject body) {
    return r.auth().access().coordinator(user, tavoloId).compose(role -> find(tavoloId, id))
        .compose(was -> shape(tavoloId, body, was).compose(s -> r.app().pool().withTransaction(tx ->
            store.update(tx, id, s.kind(), s.name(), s.capofila())
                // a delegation is to one capofila: a new capofila needs new delegations
                .compose(x -> store.setMembers(tx, id, tavoloId, s.members(), s.capofila().equals(was.capofila())))
                .compose(x -> r.audit().append(tx, new AuditStore.Event(tavoloId, user, "grouping_changed", null,
                    id.toString(), details(id, s))))).recover(GroupingService::grouped)))
        .compose(x -> find(tavoloId, id)).map(GroupingStore.Grouping::toJson);
  }

  private static Map<String, Object> details(UUID id, Shape s) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("grouping", id.toString());
    d.put("kind", s.kind());
    d.put("name", s.name());
    d.put("capofila", s.capofila().toString());
    d.put("members", s.members().stream().map(UUID::toString).toList());
    return d;
  }

  /** A member of a member organisation delegates (or, {@code on} false, stops delegating) the capofila. */
  public Future<JsonObject> delegate(UUID user, UUID tavoloId, UUID id, boolean on) {
    return r.auth().access().member(user, tavoloId).compose(role -> role.canEdit() ? Future.succeededFuture(role)
            : Future.failedFuture(Refusal.forbidden("Observers cannot change anything in this tavolo.")))
        .compose(role -> find(tavoloId, id)).compose(g -> r.integrationStore().organisationOf(user).compose(org -> {
          if (org == null || g.members().stream().noneMatch(m -> m.organisation().equals(org))) {
            return Future.failedFuture(Refusal.forbidden("Your organisation is not a member of this grouping."));
          }
          if (org.equals(g.capofila())) return Future.failedFuture(Errors.invalid("The capofila confirms for itself: it has nothing to delegate."));
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("grouping", id.toString());
          d.put("organisation", org.toString());
          d.put("capofila", g.capofila().toString());
          return r.app().pool().withTransaction(tx -> store.delegate(tx, id, org, on ? user : null)
              .compose(x -> r.audit().append(tx, new AuditStore.Event(tavoloId, user,
                  on ? "grouping_delegated" : "grouping_delegation_revoked", null, id.toString(), d))));
        })).compose(x -> find(tavoloId, id)).map(GroupingStore.Grouping::toJson);
  }

  /** Each grouping of the document's tavolo with its totals at the head, in cents. */
  public Future<JsonArray> totals(UUID user, UUID doc) {
    return r.integrations().access(user, doc).compose(a -> store.ofTavolo(r.app().pool(), a.tavoloId()))
        .compose(groupings -> r.documents().head(r.app().pool(), doc).compose(head -> r.history().stateAt(doc, head))
            .compose(state -> r.app().vertx().executeBlocking(() -> {
              List<Groupings.Grouping> shapes = new ArrayList<>();
              for (GroupingStore.Grouping g : groupings) {
                shapes.add(new Groupings.Grouping(g.id().toString(), g.members().stream().map(m -> m.organisation().toString()).toList()));
              }
              Map<String, long[]> figures = new java.util.HashMap<>();
              Contributions.of(state).forEach((org, f) -> figures.put(org, new long[] {f.monetary(), f.inKind()}));
              List<Groupings.Total> totals = Groupings.totals(shapes, figures);
              JsonArray out = new JsonArray();
              for (int k = 0; k < groupings.size(); k++) {
                GroupingStore.Grouping g = groupings.get(k);
                Groupings.Total t = totals.get(k);
                JsonArray members = new JsonArray();
                for (GroupingStore.Member m : g.members()) {
                  long[] f = t.byMember().get(m.organisation().toString());
                  members.add(new JsonObject().put("organisation", new JsonObject().put("id", m.organisation().toString())
                      .put("name", m.name())).put("monetary", f[0]).put("inKind", f[1]).put("total", f[0] + f[1]));
                }
                out.add(new JsonObject().put("id", g.id().toString()).put("kind", g.kind()).put("name", g.name())
                    .put("capofila", g.capofila().toString()).put("monetary", t.monetary()).put("inKind", t.inKind())
                    .put("total", t.total()).put("members", members));
              }
              return out;
            }, false)));
  }
}
