package it.tavolo.record;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.model.Limits;
import it.tavolo.core.record.AuditChain;
import it.tavolo.core.model.Origins;
import it.tavolo.core.record.Provenance;
import it.tavolo.core.sequencer.CommittedBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who contributed what: per organisation, integrations proposed and how they ended; per
 * accepted integration, proposer, organisation, side, decider, time and seq; and for any
 * seq, every text run and field value with its author, seq and the integration it came
 * through. Also the audit trail's reading and verification.
 */
public final class Attribution {
  private final RecordServices r;

  public Attribution(RecordServices r) {
    this.r = r;
  }

  public Future<JsonObject> report(UUID user, UUID doc) {
    return r.integrations().access(user, doc).compose(a -> r.integrationStore().report(doc)
        .compose(byOrg -> r.integrationStore().list(doc, Integration.ACCEPTED).map(accepted -> {
          JsonArray acc = new JsonArray();
          for (Integration i : accepted) {
            acc.add(new JsonObject().put("integration", i.id().toString()).put("seq", i.appliedSeq())
                .put("proposer", new JsonObject().put("id", i.proposer().toString()).put("name", i.proposerName()))
                .put("organisation", new JsonObject().put("id", i.proposerOrg().toString()).put("name", i.proposerOrgName()))
                .put("side", i.proposerSide())
                .put("decidedBy", new JsonObject().put("id", i.decidedBy().toString()).put("name", i.decidedByName()))
                .put("decidedAt", i.decidedAt().toInstant().toString()));
          }
          return new JsonObject().put("document", doc.toString()).put("byOrganisation", byOrg).put("accepted", acc);
        })));
  }

  /** Replays the whole log (on a worker) with every run tagged by its seq. */
  public Future<JsonObject> provenance(UUID user, UUID doc, String ref) {
    return r.integrations().access(user, doc).compose(a -> r.versions().resolve(doc, ref))
        .compose(seq -> r.history().batches(doc, 0, seq).compose(all -> r.integrationStore().seqMap(doc)
            .compose(bySeq -> r.app().vertx().executeBlocking(() -> {
              Map<String, Object> p = Provenance.of(Provenance.replay(all, Limits.DEFAULT));
              Map<Long, String> origins = new HashMap<>();
              for (CommittedBatch b : all) {
                String kind = Origins.kind(b.clientId());
                if (kind != null) origins.put(b.seq(), kind);
              }
              return new JsonObject().put("seq", seq).put("collections", json(p, bySeq, origins));
            }, false))));
  }

  @SuppressWarnings("unchecked")
  /**
   * {@code origin}: the starting text's kind (seed, import, template, copy) when the run or value
   * came with the document's first batch rather than from a person at the tavolo; {@code author}
   * stays whoever brought it in (extension, issue 18).
   */
  private static JsonObject json(Map<String, Object> colls, Map<Long, UUID> bySeq, Map<Long, String> origins) {
    JsonObject out = new JsonObject();
    colls.forEach((coll, entities) -> {
      JsonObject ej = new JsonObject();
      ((Map<String, Object>) entities).forEach((id, fields) -> {
        JsonObject fj = new JsonObject();
        ((Map<String, Object>) fields).forEach((name, v) -> {
          if (v instanceof List<?> runs) {
            JsonArray a = new JsonArray();
            for (Object o : runs) {
              Provenance.Run run = (Provenance.Run) o;
              a.add(new JsonObject().put("author", run.author()).put("seq", run.seq()).put("length", run.length())
                  .put("integration", Integration.id(bySeq.get(run.seq()))).put("origin", origins.get(run.seq())));
            }
            fj.put(name, a);
          } else {
            Provenance.Value val = (Provenance.Value) v;
            fj.put(name, new JsonObject().put("author", val.author()).put("seq", val.seq())
                .put("integration", Integration.id(bySeq.get(val.seq()))).put("origin", origins.get(val.seq())));
          }
        });
        ej.put(id, fj);
      });
      out.put(coll, ej);
    });
    return out;
  }

  /** Oldest first after {@code after}, or with {@code newestFirst} the latest before {@code before}. */
  public Future<JsonArray> audit(UUID user, UUID tavolo, boolean newestFirst, long after, long before, int limit) {
    return r.auth().access().member(user, tavolo)
        .compose(role -> newestFirst ? r.audit().latest(tavolo, before, limit) : r.audit().list(tavolo, after, limit))
        .map(AuditStore::toJson);
  }

  public Future<JsonObject> verifyAudit(UUID user, UUID tavolo) {
    return r.auth().access().member(user, tavolo).compose(role -> r.audit().all(tavolo))
        .compose(rows -> r.app().vertx().executeBlocking(() -> {
          AuditChain.Verdict v = AuditChain.verify(rows);
          return new JsonObject().put("ok", v.ok()).put("rows", v.rows()).put("firstBadRow", v.firstBadRow())
              .put("problem", v.problem()).put("reason", v.reason()).put("head", v.head());
        }, false));
  }
}
