package it.tavolo.record;

import it.tavolo.auth.AuditTrail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import it.tavolo.core.budget.BudgetTotals;
import it.tavolo.core.budget.Pledges;
import it.tavolo.core.budget.Side;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.record.Restore;
import it.tavolo.core.record.Sha256;
import it.tavolo.core.record.StateDiff;
import it.tavolo.core.record.VersionForm;
import it.tavolo.core.text.AuthorRuns;
import it.tavolo.db.DocumentAccess;
import it.tavolo.live.ServerBatch;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Versions (naming, consolidating, verifying, restoring), diffs, and the document's mode and
 * lock. A consolidation rebuilds the state at the version's seq from the op log, stores its
 * canonical form with the SHA-256, and records the decision in the audit trail, in one
 * transaction.
 */
public final class Versions {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Versions.class);
  public static final int MAX_NAME = 200;

  private final RecordServices r;
  /** Run once a version is consolidated, before the answer: the exports store its files (set at mount). */
  private volatile BiFunction<UUID, Integer, Future<?>> onConsolidated = (doc, number) -> Future.succeededFuture();

  Versions(RecordServices r) {
    this.r = r;
  }

  /**
   * What to do once a version is consolidated (the export layer renders and stores its files, so
   * that every download is a read). A failure there does not undo the consolidation: the files
   * are then stored at the first download instead.
   */
  public void onConsolidated(BiFunction<UUID, Integer, Future<?>> then) {
    this.onConsolidated = then;
  }

  private Future<DocumentAccess> access(UUID user, UUID doc) {
    return r.integrations().access(user, doc);
  }

  Future<Version> find(UUID doc, int number) {
    return r.versionStore().get(r.app().pool(), doc, number).compose(v -> v.isPresent()
        ? Future.succeededFuture(v.get()) : Future.failedFuture(Refusal.notFound("No such version of this document.")));
  }

  public Future<JsonArray> list(UUID user, UUID doc) {
    return access(user, doc).compose(a -> r.versionStore().list(doc)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(v -> out.add(v.toJson()));
      return out;
    });
  }

  public Future<JsonObject> get(UUID user, UUID doc, int number) {
    return access(user, doc).compose(a -> find(doc, number)).map(Version::toJson);
  }

  /** Names a seq (default: the head); with {@code consolidate}, consolidates it at once. */
  public Future<JsonObject> create(UUID user, UUID doc, Long seq, String name, boolean consolidate) {
    if (name == null || name.isBlank()) return Future.failedFuture(Errors.invalid("'name' is required."));
    if (name.length() > MAX_NAME) return Future.failedFuture(Errors.invalid("'name' is at most " + MAX_NAME + " characters."));
    return access(user, doc).compose(Integrations::editor)
        .compose(a -> consolidate ? Integrations.coordinator(a) : Future.succeededFuture(a))
        // refused before naming anything: no version is left behind by a refused consolidation
        .compose(a -> !consolidate ? Future.succeededFuture(a)
            : r.documents().head(r.app().pool(), doc).compose(head -> {
              long at = seq == null ? head : seq;
              if (at < 0 || at > head) return Future.<Void>succeededFuture(); // refused below, as invalid_input
              return canonicalAt(doc, at).compose(c -> unchangedCheck(doc, c));
            }).map(a))
        .compose(a -> r.app().pool().withTransaction(tx -> r.documents().get(tx, doc, true)
            .compose(d -> r.documents().head(tx, doc))
            .compose(head -> {
              long at = seq == null ? head : seq;
              if (at < 0 || at > head) return Future.failedFuture(Errors.invalid("'seq' must be between 0 and the head " + head + "."));
              return r.versionStore().insert(tx, doc, at, name.strip(), user);
            })))
        .compose(number -> consolidate ? consolidate(user, doc, number) : get(user, doc, number));
  }

  public Future<JsonObject> consolidate(UUID user, UUID doc, int number) {
    return access(user, doc).compose(Integrations::coordinator).compose(a -> find(doc, number).compose(v -> {
      if (v.consolidated()) return Future.failedFuture(Refusal.conflict("already_consolidated", "This version is already consolidated."));
      return canonicalAt(doc, v.seq())
          .compose(canonical -> {
            String sha = Sha256.hex(canonical);
            return unchangedCheck(doc, canonical).compose(ok -> r.app().pool().withTransaction(tx -> r.versionStore().consolidate(tx, doc, number, user, canonical, sha)
                .compose(x -> r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user, "version_consolidated", doc,
                    Integer.toString(number), Map.of("version", (long) number, "seq", v.seq(), "name", v.name(), "sha256", sha))))
                .compose(x -> r.notifications().addToTavolo(tx, a.tavoloId(), user, it.tavolo.notify.Kinds.VERSION_CONSOLIDATED,
                    new JsonObject().put("title", "Versione " + number + " — " + v.name()).put("tavolo", a.tavoloId().toString())
                        .put("doc", doc.toString()).put("version", number).put("actor", user.toString())
                        .put("path", "/#/doc/" + a.tavoloId() + "/" + doc), null)))
                .recover(err -> Errors.immutable(err, "already_consolidated", "This version is already consolidated.")));
          });
    })).compose(x -> onConsolidated.apply(doc, number).<Object>map(y -> y).otherwise(e -> {
      LOG.warn("the files of version {} of {} were not stored at consolidation; the first download will", number, doc, e);
      return null;
    })).compose(x -> get(user, doc, number));
  }

  /** The canonical form of the state at a seq, rebuilt from the op log (off the event loop). */
  private Future<String> canonicalAt(UUID doc, long seq) {
    return r.history().stateAt(doc, seq)
        .compose(state -> r.app().vertx().executeBlocking(() -> VersionForm.canonical(doc.toString(), state), false));
  }

  /**
   * A consolidation of exactly the content of the last consolidated version (any seq: a
   * restore reaches old content at a new seq) would be a
   * second fixed copy of the same text under a new number (issue 18): refused with
   * {@code unchanged_since_version}, naming that version.
   */
  private Future<Void> unchangedCheck(UUID doc, String canonical) {
    return r.versionStore().lastConsolidated(r.app().pool(), doc, canonical).compose(last -> last.isPresent() && last.get().getValue()
        ? Future.failedFuture(Refusal.conflict("unchanged_since_version", "The content is identical to version "
            + last.get().getKey() + ", the last consolidated one: there is nothing new to consolidate."))
        : Future.succeededFuture());
  }

  /**
   * Recomputes the hash of a consolidated version twice: from the op log (the state rebuilt at
   * its seq) and from the snapshot stored with it; both must equal the stored hash.
   */
  public Future<JsonObject> verify(UUID user, UUID doc, int number) {
    return access(user, doc).compose(a -> find(doc, number)).compose(v -> {
      if (!v.consolidated()) return Future.failedFuture(Refusal.conflict("not_consolidated", "Only a consolidated version has a hash to verify."));
      return r.versionStore().canonical(doc, number).compose(stored -> r.history().stateAt(doc, v.seq())
          .compose(state -> r.app().vertx().executeBlocking(() -> {
            String fromLog = VersionForm.sha256(doc.toString(), state);
            String fromSnapshot = Sha256.hex(stored);
            boolean ok = fromLog.equals(v.sha256()) && fromSnapshot.equals(v.sha256());
            return new JsonObject().put("number", number).put("seq", v.seq()).put("sha256", v.sha256())
                .put("fromLog", fromLog).put("fromSnapshot", fromSnapshot).put("ok", ok);
          }, false)));
    });
  }

  /**
   * Brings the document back to a version's content with one forward batch (the diff from the
   * head to that content), committed through the live layer: history is never rewritten. A
   * budget line is its contributor's pledge (issue 15): if the batch would create, change,
   * delete or re-assign a line of another organisation than the coordinator's own, one with
   * people at the tavolo (exactly those an integration waits for), it is refused with 403
   * {@code not_your_pledge} naming them in {@code pledges.owners}, and nothing changes; {@link
   * #restoreAsIntegration} asks for it instead.
   */
  public Future<JsonObject> restore(UUID user, UUID doc, int number) {
    return plan(user, doc, number).compose(p -> {
      JsonObject out = new JsonObject().put("version", number).put("fromSeq", p.head()).put("ops", p.ops().size());
      if (p.ops().isEmpty()) return Future.succeededFuture(out.put("seq", p.head()).put("changed", false));
      if (!p.owners().isEmpty()) {
        List<String> names = p.owners().stream().map(o -> (String) o.get("name")).toList();
        return Future.failedFuture(new Refusal(403, Pledges.NOT_YOUR_PLEDGE, "Restoring version " + number
            + " changes budget lines of " + String.join(", ", names) + ": ask for it as an integration"
            + " (\"asIntegration\": true), which they confirm before it is accepted.",
            Map.of("pledges", Map.of("owners", p.owners()))));
      }
      ServerBatch batch = new ServerBatch(user, Role.COORDINATOR.wire(), "restore:" + number, p.head(), p.head(),
          OpCodec.encodeBatch(p.ops()), true);
      return r.live().owners().commit(doc, batch, p.document().mode(), p.document().locked())
          .recover(err -> Future.failedFuture(Errors.fromLive(err)))
          .compose(seq -> r.audit().append(new AuditTrail.Event(p.access().tavoloId(), user, "version_restored", doc,
              Integer.toString(number), Map.of("version", (long) number, "fromSeq", p.head(), "seq", seq,
                  "opsSha256", Sha256.hex(OpCodec.toJson(p.ops())))))
              .map(x -> out.put("seq", seq).put("changed", true)));
    });
  }

  /**
   * The same restore asked for as an integration: its ops, computed on the head, are proposed
   * by the coordinator at the head as baseSeq (through {@link Integrations}, so the owners of
   * the budget lines it touches confirm it, and accepting it applies it). {@code rationale}
   * null: "Ripristino della versione N — name".
   */
  public Future<JsonObject> restoreAsIntegration(UUID user, UUID doc, int number, String rationale) {
    String why;
    try {
      why = rationale == null ? null : Integrations.checkedRationale(rationale);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return plan(user, doc, number).compose(p -> {
      if (p.ops().isEmpty()) {
        return Future.failedFuture(Errors.invalidOp("The document already has the content of version " + number
            + ": there is nothing to propose."));
      }
      return r.integrations().proposeRestore(user, doc, p.access().tavoloId(), p.head(), new JsonArray(OpCodec.toJson(p.ops())),
          why != null ? why : "Ripristino della versione " + number + " — " + p.version().name(), number);
    });
  }

  /** What a restore would do: the ops from the head to the version's content, and whose pledges they touch. */
  private record Plan(DocumentAccess access, DocumentRow document, Version version, long head, List<Op> ops,
                      List<Map<String, Object>> owners) {}

  private Future<Plan> plan(UUID user, UUID doc, int number) {
    return access(user, doc).compose(Integrations::coordinator).compose(a -> find(doc, number).compose(v ->
        r.documents().get(doc).compose(d -> {
          if (d.locked()) return Future.failedFuture(Errors.locked());
          return r.documents().head(r.app().pool(), doc).compose(head -> r.history().stateAt(doc, v.seq())
              .compose(target -> r.history().stateAt(doc, head).compose(now -> r.app().vertx().executeBlocking(() -> {
                List<Op> ops = Restore.ops(now, target);
                UUID[] owners = Pledges.owners(ops, now).stream().map(UUID::fromString).toArray(UUID[]::new);
                return Map.entry(ops, owners);
              }, false)))
              .compose(planned -> r.integrationStore().organisationOf(user)
                  .compose(own -> r.integrationStore().confirmingOwners(a.tavoloId(), planned.getValue(), own))
                  .map(owners -> new Plan(a, d, v, head, planned.getKey(), owners))));
        })));
  }

  // ---- diffs ----

  /** {@code head}, {@code v<number>} (a version) or a seq. */
  Future<Long> resolve(UUID doc, String ref) {
    if (ref == null || ref.isBlank() || ref.equals("head")) return r.documents().head(r.app().pool(), doc);
    if (ref.startsWith("v")) {
      try {
        return find(doc, Integer.parseInt(ref.substring(1))).map(Version::seq);
      } catch (NumberFormatException e) {
        return Future.failedFuture(Errors.invalid("A version reference is v<number>, e.g. v2."));
      }
    }
    try {
      long seq = Long.parseLong(ref);
      return r.documents().head(r.app().pool(), doc).compose(head -> seq < 0 || seq > head
          ? Future.failedFuture(Errors.invalid("seq " + seq + " is not between 0 and the head " + head + "."))
          : Future.succeededFuture(seq));
    } catch (NumberFormatException e) {
      return Future.failedFuture(Errors.invalid("'from' and 'to' are head, v<number> or a seq."));
    }
  }

  public Future<JsonObject> diff(UUID user, UUID doc, String fromRef, String toRef) {
    return access(user, doc).compose(a -> resolve(doc, fromRef).compose(from -> resolve(doc, toRef).compose(to -> {
      if (from > to) return Future.failedFuture(Errors.invalid("'from' must not be after 'to'."));
      return r.history().span(doc, from, to).compose(span -> r.documents().organisations()
          .compose(orgs -> r.integrationStore().seqMap(doc).compose(bySeq -> r.app().vertx().executeBlocking(() -> {
            StateDiff.Result d = StateDiff.between(span.from(), span.to(), span.between());
            return diffJson(d, span.from(), span.to(), orgs, bySeq);
          }, false))));
    })));
  }

  static JsonObject diffJson(StateDiff.Result d, DocumentState a, DocumentState b, Map<String, DocumentStore.Org> orgs,
                             Map<Long, UUID> integrationBySeq) {
    JsonArray changes = new JsonArray();
    for (StateDiff.EntityChange e : d.changes()) {
      JsonArray fields = new JsonArray();
      for (StateDiff.FieldChange f : e.fields()) {
        JsonObject fj = new JsonObject().put("field", f.field()).put("type", f.type());
        if (f.text() != null) {
          JsonArray parts = new JsonArray();
          for (StateDiff.TextPart p : f.text()) {
            if (p.kind().equals("equal")) {
              parts.add(new JsonObject().put("kind", "equal").put("length", p.text().length()));
            } else {
              parts.add(new JsonObject().put("kind", p.kind()).put("text", p.text()).put("authors", runs(p.authors())));
            }
          }
          fj.put("parts", parts);
        } else {
          fj.put("before", f.before()).put("after", f.after());
          if (f.setBy() != null && f.setBy().author() != null) {
            fj.put("setBy", new JsonObject().put("author", f.setBy().author()).put("seq", f.setBy().seq())
                .put("integration", Integration.id(integrationBySeq.get(f.setBy().seq()))));
          }
        }
        fj.put("touchedBy", touches(f.touchedBy(), integrationBySeq));
        fields.add(fj);
      }
      changes.add(new JsonObject().put("coll", e.coll()).put("id", e.id()).put("change", e.change())
          .put("fields", fields).put("touchedBy", touches(e.touchedBy(), integrationBySeq)));
    }
    java.util.function.Function<String, Side> sideOf = id -> {
      DocumentStore.Org o = orgs.get(id);
      return o == null ? Side.UNKNOWN : Side.valueOf(o.side());
    };
    return new JsonObject().put("fromSeq", d.fromSeq()).put("toSeq", d.toSeq()).put("changes", changes)
        .put("budget", new JsonObject().put("before", totals(BudgetTotals.of(a, sideOf)))
            .put("after", totals(BudgetTotals.of(b, sideOf))));
  }

  static JsonObject totals(BudgetTotals t) {
    JsonArray contributors = new JsonArray();
    t.byContributor().values().forEach(c -> contributors.add(new JsonObject().put("organisation", c.organisation())
        .put("side", c.side().name()).put("monetary", c.monetary()).put("inKind", c.inKind()).put("total", c.total())));
    return new JsonObject().put("total", t.total()).put("monetary", t.monetary()).put("inKind", t.inKind())
        .put("publicTotal", t.publicTotal()).put("thirdSectorTotal", t.thirdSectorTotal())
        .put("coFinancingShare", t.coFinancingShare().percentIt()).put("byContributor", contributors);
  }

  private static JsonArray runs(List<AuthorRuns.Run> runs) {
    JsonArray a = new JsonArray();
    runs.forEach(x -> a.add(new JsonArray().add(x.author()).add(x.length())));
    return a;
  }

  private static JsonArray touches(List<StateDiff.Touch> touches, Map<Long, UUID> bySeq) {
    JsonArray a = new JsonArray();
    touches.forEach(t -> a.add(new JsonObject().put("seq", t.seq()).put("author", t.author())
        .put("integration", Integration.id(bySeq.get(t.seq())))));
    return a;
  }

  // ---- mode and lock ----

  public Future<JsonObject> setMode(UUID user, UUID doc, String mode) {
    if (!"live".equals(mode) && !"proposal".equals(mode)) return Future.failedFuture(Errors.invalid("'mode' must be live or proposal."));
    return access(user, doc).compose(Integrations::coordinator).compose(a -> r.app().pool().withTransaction(tx ->
        r.documents().get(tx, doc, true).compose(d -> d.mode().equals(mode) ? Future.succeededFuture(d)
            : r.documents().setMode(tx, doc, mode).compose(x -> r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user,
                "mode_changed", doc, null, Map.of("from", d.mode(), "to", mode)))).map(x -> d))))
        .compose(x -> changed(doc));
  }

  public Future<JsonObject> setLocked(UUID user, UUID doc, boolean locked) {
    return access(user, doc).compose(Integrations::coordinator).compose(a -> r.app().pool().withTransaction(tx ->
        r.documents().get(tx, doc, true).compose(d -> d.locked() == locked ? Future.succeededFuture(d)
            : r.documents().setLocked(tx, doc, locked).compose(x -> r.documents().head(tx, doc))
                .compose(head -> r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user,
                    locked ? "document_locked" : "round_opened", doc, null, Map.of("seq", head)))).map(x -> d))))
        .compose(x -> changed(doc));
  }

  /** Tells the open sessions (mode and lock apply to the next batch) and answers the document's state. */
  private Future<JsonObject> changed(UUID doc) {
    return r.documents().get(doc).map(d -> {
      r.live().owners().documentChanged(doc, d.mode(), d.locked());
      return new JsonObject().put("id", doc.toString()).put("title", d.title()).put("mode", d.mode()).put("locked", d.locked());
    });
  }

}
