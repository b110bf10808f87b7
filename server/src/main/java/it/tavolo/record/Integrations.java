package it.tavolo.record;

import it.tavolo.auth.AuditTrail;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import it.tavolo.core.budget.Pledges;
import it.tavolo.core.model.Limits;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpCodec;
import it.tavolo.core.record.Overwrites;
import it.tavolo.core.record.Rebase;
import it.tavolo.core.record.Sha256;
import it.tavolo.core.record.Target;
import it.tavolo.core.sequencer.CommittedBatch;
import it.tavolo.db.DocumentAccess;
import it.tavolo.live.ErrorCode;
import it.tavolo.live.ProposalSink;
import it.tavolo.live.ServerBatch;
import it.tavolo.notify.Kinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Integrations: proposing, amending, withdrawing, supporting, commenting, and the
 * coordinator's acceptance (applied through the live layer as one strict batch, attributed
 * to the proposer; the accepter is recorded as the decider) or rejection. Every decision is
 * recorded in the audit trail in the same transaction as the change of status.
 */
public final class Integrations {
  public static final int MAX_RATIONALE = 4000;
  public static final int MAX_COMMENT = 4000;

  private final RecordServices r;

  Integrations(RecordServices r) {
    this.r = r;
  }

  // ---- access ----

  Future<DocumentAccess> access(UUID user, UUID doc) {
    return r.auth().access().document(user, doc);
  }

  static Future<DocumentAccess> editor(DocumentAccess a) {
    return a.role().canEdit() ? Future.succeededFuture(a)
        : Future.failedFuture(Refusal.forbidden("Observers cannot change anything in this tavolo."));
  }

  static Future<DocumentAccess> coordinator(DocumentAccess a) {
    return a.role().canManage() ? Future.succeededFuture(a)
        : Future.failedFuture(Refusal.forbidden("Only a coordinator of this tavolo can do this."));
  }

  Future<Integration> find(UUID doc, UUID id) {
    return r.integrationStore().get(r.app().pool(), doc, id, false).compose(o -> o.isPresent()
        ? Future.succeededFuture(o.get()) : Future.failedFuture(Refusal.notFound("No such integration in this document.")));
  }

  // ---- reading ----

  public Future<JsonArray> list(UUID user, UUID doc, String status) {
    if (status != null && !List.of("open", "applying", "accepted", "rejected", "withdrawn").contains(status)) {
      return Future.failedFuture(Errors.invalid("'status' must be open, applying, accepted, rejected or withdrawn."));
    }
    return access(user, doc).compose(a -> r.integrationStore().list(doc, status)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(i -> out.add(i.toJson()));
      return out;
    });
  }

  /** One integration with its supporters, comments and, while open, whether it applies to the head now. */
  public Future<JsonObject> get(UUID user, UUID doc, UUID id) {
    return access(user, doc).compose(a -> find(doc, id)).compose(i -> r.integrationStore().supporters(id)
        .compose(s -> r.integrationStore().comments(id).compose(c -> {
          JsonObject out = i.toJson().put("supporters", s).put("commentList", c);
          if (!Integration.OPEN.equals(i.status())) return Future.succeededFuture(out);
          return check(i).map(chk -> out.put("check", chk));
        })));
  }

  /**
   * Whether the integration applies to the head as written: {@code {"headSeq","applicable",
   * "conflicts","changedMeanwhile"}}. {@code changedMeanwhile} lists the fields it sets that
   * someone else set after its baseSeq: accepting overwrites them, so the decider sees both
   * values and who set the current one before choosing.
   */
  Future<JsonObject> check(Integration i) {
    return r.documents().head(r.app().pool(), i.docId()).compose(head -> r.history().stateAt(i.docId(), head)
        .compose(state -> r.history().batches(i.docId(), i.baseSeq(), head).compose(after ->
            r.app().vertx().executeBlocking(() -> {
              List<Op> concurrent = new ArrayList<>();
              Map<Long, String> integrationOf = new HashMap<>();
              for (CommittedBatch b : after) {
                concurrent.addAll(b.ops());
                if (b.clientId().startsWith(INTEGRATION_CLIENT)) {
                  integrationOf.put(b.seq(), b.clientId().substring(INTEGRATION_CLIENT.length()));
                }
              }
              List<Op> proposal = OpCodec.decodeBatch(i.ops().encode());
              Rebase.Result res = Rebase.onto(proposal, concurrent, state);
              List<Overwrites.Overwrite> changed = Overwrites.of(proposal, i.baseSeq(), state);
              return new Checked(new JsonObject().put("headSeq", head).put("applicable", res.applicable())
                  .put("conflicts", conflicts(res)), changed, integrationOf);
            }, false))))
        .compose(c -> names(c.changed()).map(names -> c.report().put("changedMeanwhile", changedMeanwhile(c, names))));
  }

  /** The op log's client id of an accepted integration's batch is this prefix and the integration's id. */
  static final String INTEGRATION_CLIENT = "integration:";

  private record Checked(JsonObject report, List<Overwrites.Overwrite> changed, Map<Long, String> integrationOf) {}

  private static JsonArray changedMeanwhile(Checked c, Map<String, String> names) {
    JsonArray a = new JsonArray();
    for (Overwrites.Overwrite o : c.changed()) {
      a.add(new JsonObject().put("coll", o.coll()).put("id", o.id()).put("field", o.field())
          .put("current", o.current()).put("proposed", o.proposed())
          .put("setBy", new JsonObject().put("id", o.author()).put("name", names.get(o.author())))
          .put("seq", o.seq()).put("integration", c.integrationOf().get(o.seq())));
    }
    return a;
  }

  /** Display names of the authors of overwritten values (a user since deleted has none). */
  private Future<Map<String, String>> names(List<Overwrites.Overwrite> changed) {
    List<UUID> ids = new ArrayList<>();
    for (Overwrites.Overwrite o : changed) {
      try {
        UUID u = UUID.fromString(o.author());
        if (!ids.contains(u)) ids.add(u);
      } catch (IllegalArgumentException notAUser) {
        // a system author: shown without a name
      }
    }
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return r.auth().users().displayNames(ids);
  }

  static JsonArray conflicts(Rebase.Result res) {
    JsonArray a = new JsonArray();
    for (Rebase.Conflict c : res.conflicts()) {
      JsonObject o = new JsonObject().put("index", c.index()).put("reason", c.reason()).put("message", c.message());
      if (c.target() != null) o.put("target", target(c.target()));
      a.add(o);
    }
    return a;
  }

  static JsonObject target(Target t) {
    return new JsonObject().put("op", t.op()).put("coll", t.coll()).put("id", t.id()).put("field", t.field());
  }

  // ---- proposing ----

  /** A proposal's validated content. */
  private record Content(List<Op> ops, String opsJson, String targetsJson, UUID[] owners) {}

  private Future<Content> validate(UUID doc, long baseSeq, JsonArray opsJson) {
    List<Op> ops;
    try {
      if (opsJson == null) throw Refusal.invalidOp("'ops' must be an array of operations");
      ops = OpCodec.decodeBatch(OpCodec.mapper().readTree(opsJson.encode()));
    } catch (Refusal e) {
      return Future.failedFuture(e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Future.failedFuture(Errors.invalidOp("'ops' is not valid JSON"));
    }
    if (ops.isEmpty()) return Future.failedFuture(Errors.invalidOp("A proposal needs at least one operation."));
    if (ops.size() > Limits.DEFAULT.maxOpsPerBatch()) {
      return Future.failedFuture(new Refusal(413, "too_large", "A proposal holds at most "
          + Limits.DEFAULT.maxOpsPerBatch() + " operations."));
    }
    for (Op op : ops) {
      if (op instanceof Op.Create c && c.replace()) return Future.failedFuture(Errors.invalidOp("\"replace\" is not for clients to send"));
    }
    return r.documents().head(r.app().pool(), doc).compose(head -> {
      if (baseSeq < 0 || baseSeq > head) {
        return Future.failedFuture(new Refusal(400, "bad_base_seq", "baseSeq " + baseSeq + " is not between 0 and the head " + head));
      }
      Future<java.util.Set<String>> organisations = new it.tavolo.db.OrganisationStore(r.app().pool()).idsAtDocument(doc);
      Future<java.util.Set<String>> territori = new it.tavolo.db.TerritorioStore(r.app().pool()).atDocument(doc);
      return organisations.compose(orgs -> territori).compose(t -> r.history().stateAt(doc, baseSeq))
          .compose(state -> r.app().vertx().executeBlocking(() -> {
        // a proposal names only organisations at the tavolo, and territori of its list, as a direct edit does
        state.setKnownOrganisation(organisations.result()::contains);
        state.setKnownTerritorio(territori.result()::contains);
        Rebase.checkAppliesTo(ops, state); // its refusal (invalid_op, 400) is the answer
        JsonArray targets = new JsonArray();
        Target.of(ops).forEach(t -> targets.add(target(t)));
        // whose pledges it touches: they confirm it before a coordinator may accept it (issue 15)
        UUID[] owners = Pledges.owners(ops, state).stream().map(UUID::fromString).toArray(UUID[]::new);
        return new Content(ops, OpCodec.toJson(ops), targets.encode(), owners);
      }, false));
    });
  }

  private static String rationale(String s, boolean required) {
    if (s == null || s.isBlank()) {
      if (required) throw Errors.invalid("'rationale' is required: say why the change is proposed.");
      return "";
    }
    if (s.length() > MAX_RATIONALE) throw Errors.invalid("'rationale' is at most " + MAX_RATIONALE + " characters.");
    return s.strip();
  }

  public Future<JsonObject> propose(UUID user, UUID doc, long baseSeq, JsonArray ops, String rationaleText) {
    String rationale;
    try {
      rationale = rationale(rationaleText, true);
    } catch (Refusal e) {
      return Future.failedFuture(e);
    }
    return access(user, doc).compose(Integrations::editor)
        .compose(a -> a.locked() ? Future.failedFuture(Errors.locked()) : Future.succeededFuture(a))
        .compose(a -> create(user, doc, a.tavoloId(), baseSeq, ops, rationale, null, null))
        .compose(id -> find(doc, id)).onSuccess(i -> panel(doc, i.id(), i.status())).map(Integration::toJson);
  }

  /**
   * A coordinator's restore of version {@code version} asked for as an integration (its ops
   * touch budget lines of other organisations, which confirm it before it is accepted): proposed
   * at {@code baseSeq} (the head the ops were computed on) like any other, its audit row naming
   * the version it restores.
   */
  Future<JsonObject> proposeRestore(UUID user, UUID doc, UUID tavolo, long baseSeq, JsonArray ops, String rationale,
                                    int version) {
    return create(user, doc, tavolo, baseSeq, ops, rationale, null, null, Map.of("restores", (long) version))
        .compose(id -> find(doc, id)).onSuccess(i -> panel(doc, i.id(), i.status())).map(Integration::toJson);
  }

  /** Checks a rationale as a proposal's: required, at most {@link #MAX_RATIONALE} characters. */
  static String checkedRationale(String s) {
    return rationale(s, true);
  }

  private Future<UUID> create(UUID user, UUID doc, UUID tavolo, long baseSeq, JsonArray ops, String rationale,
                              String clientId, Long clientSeq) {
    return create(user, doc, tavolo, baseSeq, ops, rationale, clientId, clientSeq, Map.of());
  }

  private Future<UUID> create(UUID user, UUID doc, UUID tavolo, long baseSeq, JsonArray ops, String rationale,
                              String clientId, Long clientSeq, Map<String, Object> auditExtra) {
    UUID id = UUID.randomUUID();
    return validate(doc, baseSeq, ops).compose(content -> r.app().pool().withTransaction(tx ->
        r.documents().get(tx, doc, false)
            .compose(d -> d.locked() ? Future.<Void>failedFuture(Errors.locked()) : Future.<Void>succeededFuture())
            .compose(x -> r.integrationStore().insert(tx, new IntegrationStore.NewIntegration(id, doc, tavolo, user,
                baseSeq, content.opsJson(), content.targetsJson(), rationale, clientId, clientSeq, content.owners())))
            .compose(x -> tellOwners(tx, tavolo, doc, id, user, rationale, content.owners()))
            .compose(x -> {
              Map<String, Object> details = details(id, "baseSeq", baseSeq, "revision", 1L, "opsSha256", Sha256.hex(content.opsJson()));
              details.putAll(auditExtra);
              return r.audit().append(tx, new AuditTrail.Event(tavolo, user, "integration_proposed", doc, id.toString(), details));
            }))
        .map(x -> id));
  }

  public Future<JsonObject> amend(UUID user, UUID doc, UUID id, long baseSeq, JsonArray ops, String rationaleText) {
    return access(user, doc).compose(Integrations::editor).compose(a -> find(doc, id).compose(i -> {
      if (!i.proposer().equals(user)) return Future.failedFuture(Refusal.forbidden("Only its proposer can amend an integration."));
      if (!Integration.OPEN.equals(i.status())) return Future.failedFuture(Errors.closed(i.status()));
      if (a.locked()) return Future.failedFuture(Errors.locked());
      String rationale = rationaleText == null ? i.rationale() : rationale(rationaleText, true);
      return validate(doc, baseSeq, ops).compose(content -> r.app().pool().withTransaction(tx ->
          r.integrationStore().get(tx, doc, id, true).compose(fresh -> {
            if (!Integration.OPEN.equals(fresh.orElseThrow().status())) return Future.failedFuture(Errors.closed(fresh.get().status()));
            return r.integrationStore().amend(tx, id, baseSeq, content.opsJson(), content.targetsJson(), rationale,
                    content.owners())
                .compose(x -> tellOwners(tx, a.tavoloId(), doc, id, user, rationale, content.owners()))
                .compose(x -> r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user, "integration_amended", doc,
                    id.toString(), details(id, "baseSeq", baseSeq, "revision", (long) fresh.get().revision() + 1,
                        "opsSha256", Sha256.hex(content.opsJson())))));
          })));
    })).compose(x -> find(doc, id)).onSuccess(i -> panel(doc, id, i.status())).map(Integration::toJson);
  }

  public Future<JsonObject> withdraw(UUID user, UUID doc, UUID id) {
    return access(user, doc).compose(a -> find(doc, id).compose(i -> {
      if (!i.proposer().equals(user)) return Future.failedFuture(Refusal.forbidden("Only its proposer can withdraw an integration."));
      return r.app().pool().withTransaction(tx -> r.integrationStore()
          .decide(tx, id, List.of(Integration.OPEN), Integration.WITHDRAWN, user, null, null)
          .compose(ok -> ok ? r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user, "integration_withdrawn", doc,
              id.toString(), details(id))) : Future.failedFuture(Errors.closed(i.status()))));
    })).compose(x -> find(doc, id)).onSuccess(i -> panel(doc, id, i.status())).map(Integration::toJson);
  }

  public Future<JsonObject> support(UUID user, UUID doc, UUID id, boolean on) {
    return access(user, doc).compose(Integrations::editor).compose(a -> find(doc, id)).compose(i -> {
      if (!Integration.OPEN.equals(i.status())) return Future.failedFuture(Errors.closed(i.status()));
      return r.integrationStore().support(id, user, on);
    }).compose(x -> get(user, doc, id)).onSuccess(j -> panel(doc, id, null));
  }

  public Future<JsonObject> comment(UUID user, UUID doc, UUID id, String body) {
    if (body == null || body.isBlank()) return Future.failedFuture(Errors.invalid("'body' is required."));
    if (body.length() > MAX_COMMENT) return Future.failedFuture(Errors.invalid("'body' is at most " + MAX_COMMENT + " characters."));
    return access(user, doc).compose(Integrations::editor).compose(a -> find(doc, id))
        .compose(i -> r.app().pool().withTransaction(tx -> r.integrationStore().comment(tx, id, user, body.strip(),
            (t, commentId) -> i.proposer().equals(user) ? Future.succeededFuture()
                : tellProposer(t, i, Kinds.INTEGRATION_COMMENTED, user, body.strip()))))
        .onSuccess(c -> panel(doc, id, null));
  }

  // ---- telling people ----

  /**
   * The proposer's notification of a decision or a comment, in {@code tx} (the decision's own
   * transaction: no decision without it). The link opens the document at the integration's
   * card (the web app's {@code #/doc/<tavolo>/<doc>/integrazione/<id>}).
   */
  private Future<Long> tellProposer(io.vertx.sqlclient.SqlConnection tx, Integration i, String kind, UUID actor, String body) {
    String rationale = i.rationale() == null || i.rationale().isBlank() ? "" : i.rationale().strip();
    JsonObject payload = new JsonObject()
        .put("title", rationale.isEmpty() ? "Integrazione al documento" : rationale.lines().findFirst().orElse(rationale))
        .put("tavolo", i.tavoloId().toString()).put("doc", i.docId().toString()).put("integration", i.id().toString())
        .put("actor", actor.toString())
        .put("path", "/#/doc/" + i.tavoloId() + "/" + i.docId() + "/integrazione/" + i.id());
    if (body != null) payload.put("body", body);
    return r.notifications().add(tx, i.proposer(), kind, payload);
  }

  /**
   * The members of the organisations whose budget lines the integration (new or amended)
   * touches, at the tavolo, but not of the proposer's own: their confirmation is needed
   * before it can be accepted. In {@code tx}, the proposal's own transaction.
   */
  private Future<Void> tellOwners(io.vertx.sqlclient.SqlConnection tx, UUID tavolo, UUID doc, UUID id, UUID proposer,
                                  String rationale, UUID[] owners) {
    return r.integrationStore().ownerMembers(tx, tavolo, owners, proposer).compose(users -> {
      String text = rationale == null ? "" : rationale.strip();
      JsonObject payload = new JsonObject()
          .put("title", "Da confermare: " + (text.isEmpty() ? "integrazione al documento" : text.lines().findFirst().orElse(text)))
          .put("body", "L'integrazione cambia righe di bilancio della tua organizzazione: serve la vostra conferma.")
          .put("tavolo", tavolo.toString()).put("doc", doc.toString()).put("integration", id.toString())
          .put("actor", proposer.toString())
          .put("path", "/#/doc/" + tavolo + "/" + doc + "/integrazione/" + id);
      Future<Void> chain = Future.succeededFuture();
      for (UUID u : users) {
        chain = chain.compose(x -> r.notifications().add(tx, u, Kinds.INTEGRATION_AWAITING_CONFIRMATION, payload.copy()).mapEmpty());
      }
      return chain;
    });
  }

  /**
   * The integrations panels open on the document (in every process) learn that one changed:
   * {@code {"type":"integration","doc","integration","status"}} (status null: its comments or
   * supporters changed). They re-read it instead of polling.
   */
  void panel(UUID doc, UUID id, String status) {
    r.live().owners().broadcastEverywhere(doc, new JsonObject().put("type", "integration").put("doc", doc.toString())
        .put("integration", id.toString()).put("status", status).encode());
  }

  // ---- the owners' confirmation (issue 15) ----

  /**
   * A member of an organisation whose budget lines the integration touches confirms its
   * current revision for that organisation; recorded in the audit trail. Anyone else is
   * refused with {@code not_your_pledge}; a second confirmation of the same revision changes
   * nothing.
   */
  public Future<JsonObject> confirm(UUID user, UUID doc, UUID id) {
    return access(user, doc).compose(Integrations::editor).compose(a -> r.integrationStore().organisationOf(user)
        .compose(org -> r.app().pool().withTransaction(tx -> r.integrationStore().get(tx, doc, id, true).compose(o -> {
          if (o.isEmpty()) return Future.<Void>failedFuture(Refusal.notFound("No such integration in this document."));
          Integration i = o.get();
          if (!Integration.OPEN.equals(i.status())) return Future.<Void>failedFuture(Errors.closed(i.status()));
          if (org == null || !i.pledges().getJsonArray("owners").contains(org.toString())) {
            return Future.<Void>failedFuture(new Refusal(403, Pledges.NOT_YOUR_PLEDGE,
                "This integration touches no budget line of your organisation: only the owners confirm it."));
          }
          return r.integrationStore().confirm(tx, id, org, i.revision(), user).compose(added -> !added
              ? Future.<Void>succeededFuture()
              : r.audit().append(tx, new AuditStore.Event(a.tavoloId(), user, "integration_confirmed", doc, id.toString(),
                  details(id, "organisation", org.toString(), "revision", (long) i.revision(),
                      "opsSha256", Sha256.hex(i.ops().encode())))).<Void>mapEmpty());
        }))))
        .compose(x -> find(doc, id)).map(Integration::toJson);
  }

  /** The refusal of an acceptance while owners have not confirmed (null when none awaits). */
  static Refusal awaitingConfirmation(Integration i) {
    if (i.awaiting().isEmpty()) return null;
    List<String> names = new ArrayList<>();
    i.awaiting().forEach(o -> names.add(((JsonObject) o).getString("name")));
    return Refusal.conflict(AWAITING_CONFIRMATION, "It changes budget lines of " + String.join(", ", names)
        + ": a member of each must confirm it before it can be accepted.");
  }

  /** The code of an acceptance refused because owners of budget lines it touches have not confirmed it. */
  public static final String AWAITING_CONFIRMATION = "awaiting_confirmation";

  // ---- deciding ----

  public Future<JsonObject> reject(UUID user, UUID doc, UUID id, String reason) {
    if (reason == null || reason.isBlank()) return Future.failedFuture(Errors.invalid("'reason' is required: say why it is rejected."));
    if (reason.length() > MAX_RATIONALE) return Future.failedFuture(Errors.invalid("'reason' is at most " + MAX_RATIONALE + " characters."));
    return access(user, doc).compose(Integrations::coordinator).compose(a -> find(doc, id).compose(i ->
        r.app().pool().withTransaction(tx -> r.integrationStore()
            .decide(tx, id, List.of(Integration.OPEN), Integration.REJECTED, user, reason.strip(), null)
            .compose(ok -> ok ? r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user, "integration_rejected", doc,
                id.toString(), details(id, "proposer", i.proposer().toString(), "organisation", i.proposerOrg().toString(),
                    "side", i.proposerSide(), "reason", reason.strip())))
                : Future.failedFuture(Errors.closed(i.status())))
            .compose(x -> i.proposer().equals(user) ? Future.succeededFuture()
                : tellProposer(tx, i, Kinds.INTEGRATION_REJECTED, user, reason.strip())))))
        .compose(x -> find(doc, id)).onSuccess(i -> panel(doc, id, i.status())).map(Integration::toJson);
  }

  /**
   * Accepts: claims the integration (open → applying) so no one else decides it meanwhile,
   * commits its ops through the live layer as one strict batch (author: the proposer; client
   * id {@code integration:<id>}, client seq: its revision, so a retry is recognised), then
   * records the acceptance (applying → accepted, with the decider and the seq) and its audit
   * row. If the batch cannot be applied as written, the integration is open again with the
   * conflict recorded, and the answer is 409 {@code integration_conflict}.
   */
  public Future<JsonObject> accept(UUID user, UUID doc, UUID id) {
    return access(user, doc).compose(Integrations::coordinator).compose(a -> find(doc, id).compose(i -> {
      if (!List.of(Integration.OPEN, Integration.APPLYING).contains(i.status())) {
        return Future.failedFuture(Errors.closed(i.status()));
      }
      if (awaitingConfirmation(i) != null) return Future.failedFuture(awaitingConfirmation(i));
      return r.app().pool().withTransaction(tx -> r.documents().get(tx, doc, false).compose(d ->
              // read again under the row lock: an amendment meanwhile is a revision no owner confirmed
              r.integrationStore().get(tx, doc, id, true).compose(fresh -> fresh.isPresent()
                  && fresh.get().revision() == i.revision() && awaitingConfirmation(fresh.get()) == null
                  ? Future.<Void>succeededFuture()
                  : Future.<Void>failedFuture(fresh.isPresent() && awaitingConfirmation(fresh.get()) != null
                      ? awaitingConfirmation(fresh.get()) : Errors.closed("decided")))
              .compose(ok0 -> r.integrationStore().decide(tx, id, List.of(Integration.OPEN, Integration.APPLYING), Integration.APPLYING,
                  user, null, null)).compose(ok -> ok ? Future.succeededFuture(d) : Future.failedFuture(Errors.closed("decided")))))
          .compose(d -> commit(i, d))
          .recover(err -> {
            Throwable e = err;
            if (e instanceof Refusal ref && "integration_conflict".equals(ref.code())) {
              return check(i).compose(chk -> r.integrationStore().reopen(id, chk.put("message", ref.getMessage())))
                  .recover(x -> r.integrationStore().reopen(id, new JsonObject().put("message", ref.getMessage())))
                  .compose(x -> Future.failedFuture(Errors.conflict("The integration no longer applies as written: "
                      + ref.getMessage() + ". It stays open: its proposer can amend it.")));
            }
            if (e instanceof Refusal ref && ("integration_closed".equals(ref.code())
                || AWAITING_CONFIRMATION.equals(ref.code()))) {
              return Future.failedFuture(e);
            }
            return r.integrationStore().reopen(id, null).transform(x -> Future.failedFuture(e));
          })
          .compose(seq -> overwritten(i, seq).compose(overwrote -> r.app().pool().withTransaction(tx -> r.integrationStore()
              .decide(tx, id, List.of(Integration.APPLYING), Integration.ACCEPTED, user, null, seq)
              .compose(ok -> ok ? r.audit().append(tx, new AuditTrail.Event(a.tavoloId(), user, "integration_accepted", doc,
                  id.toString(), details(id, "proposer", i.proposer().toString(), "organisation", i.proposerOrg().toString(),
                      "side", i.proposerSide(), "seq", seq, "revision", (long) i.revision(), "overwrote", overwrote)))
                  : Future.failedFuture(Errors.closed("decided")))
              .compose(x -> i.proposer().equals(user) ? Future.succeededFuture()
                  : tellProposer(tx, i, Kinds.INTEGRATION_ACCEPTED, user, null)))));
    })).compose(x -> find(doc, id)).onSuccess(i -> panel(doc, id, i.status())).map(Integration::toJson);
  }

  /**
   * The values others had set after the proposal's baseSeq that the accepted batch (at
   * {@code seq}) replaced, computed from the document just before it: the acceptance's audit row
   * keeps them, so the record says what the coordinator chose to overwrite and whose it was.
   */
  private Future<List<Map<String, Object>>> overwritten(Integration i, long seq) {
    return r.history().stateAt(i.docId(), seq - 1).compose(before -> r.app().vertx().executeBlocking(() -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Overwrites.Overwrite o : Overwrites.of(OpCodec.decodeBatch(i.ops().encode()), i.baseSeq(), before)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coll", o.coll());
        m.put("id", o.id());
        m.put("field", o.field());
        m.put("was", o.current());
        m.put("setBy", o.author());
        m.put("seq", o.seq());
        out.add(m);
      }
      return out;
    }, false));
  }

  private Future<Long> commit(Integration i, DocumentRow d) {
    if (d.locked()) return Future.failedFuture(Errors.locked());
    ServerBatch batch;
    try {
      batch = new ServerBatch(i.proposer(), Role.COORDINATOR.wire(), i.clientId(), i.revision(), i.baseSeq(),
          OpCodec.mapper().readTree(i.ops().encode()), true);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Future.failedFuture(e);
    }
    return r.live().owners().commit(d.id(), batch, d.mode(), d.locked())
        .recover(err -> Future.failedFuture(Errors.fromLive(err)));
  }

  // ---- the live layer's proposals ----

  /** Members' submits in proposal mode become integrations with an empty rationale (to amend). */
  ProposalSink sink() {
    return (doc, author, clientId, clientSeq, baseSeq, opsJson) -> r.integrationStore().byClient(doc, clientId, clientSeq)
        .compose(existing -> {
          if (existing.isPresent() && !existing.get().proposer().equals(author)) {
            // a resend is answered only to whoever sent it: the id is another user's (issue 22)
            return Future.failedFuture(ErrorCode.CLIENT_TAKEN.refusal("This client id is another user's: connect with a new one."));
          }
          if (existing.isPresent()) return Future.succeededFuture(existing.get().id().toString());
          return access(author, doc).compose(Integrations::editor)
              .compose(a -> a.locked() ? Future.failedFuture(Errors.locked()) : Future.succeededFuture(a))
              .compose(a -> create(author, doc, a.tavoloId(), baseSeq, new JsonArray(opsJson), "", clientId, clientSeq))
              .onSuccess(id -> panel(doc, id, Integration.OPEN))
              .map(UUID::toString);
        }); // its refusals reach the proposer as they are: the live layer maps them to the wire
  }

  static Map<String, Object> details(UUID integration, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("integration", integration.toString());
    for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
    return m;
  }
}
