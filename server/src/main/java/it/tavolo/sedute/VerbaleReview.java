package it.tavolo.sedute;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import it.tavolo.core.Refusal;
import it.tavolo.core.Role;
import it.tavolo.auth.Access;
import it.tavolo.auth.AuditTrail;
import it.tavolo.core.sedute.ItalianTime;
import it.tavolo.core.sedute.SedutaState;
import it.tavolo.notify.Kinds;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The verbale after closing (docs/api.md, "The verbale: remarks, approval, signature"): the
 * bozza generated at closing, a remarks period a coordinator sets, remarks by the people
 * present, then the approval that freezes it. Stateless apart from its collaborators: called
 * from event loops.
 */
final class VerbaleReview {
  /** The longest remarks period a coordinator may set. */
  static final Duration MAX_PERIOD = Duration.ofDays(90);
  static final int MAX_REMARK = 4000;

  private final SeduteService sedute;
  private final Access access;
  private final ReviewStore store;
  private final Verbali verbali;
  private final AuditTrail audit;
  private final Convocazioni tell;

  VerbaleReview(SeduteService sedute, Access access, ReviewStore store, Verbali verbali, AuditTrail audit,
                Convocazioni tell) {
    this.tell = tell;
    this.sedute = sedute;
    this.access = access;
    this.store = store;
    this.verbali = verbali;
    this.audit = audit;
  }

  /**
   * bozza (no remarks period yet), osservazioni (remarks open), osservazioni_chiuse (the period
   * ended), approvato: what GET verbale shows besides the files.
   */
  Future<JsonObject> state(UUID sedutaId) {
    return store.review(sedutaId).compose(r -> verbali.approvedMeta(sedutaId).map(meta -> {
      JsonObject o = new JsonObject();
      Instant now = Instant.now();
      String state = r.approval() != null ? "approvato"
          : r.remarksUntil() == null ? "bozza"
          : now.isBefore(r.remarksUntil()) ? "osservazioni" : "osservazioni_chiuse";
      o.put("state", state).put("remarksUntil", r.remarksUntil() == null ? null : r.remarksUntil().toString());
      if (r.approval() == null) {
        o.putNull("approved");
      } else {
        JsonObject a = meta.orElseThrow().toJson();
        a.remove("generatedAt");
        a.put("at", r.approval().at().toString()).put("by", new JsonObject().put("id", r.approval().by().toString())
            .put("name", r.approval().byName()));
        a.put("approvedIn", r.approval().approvedIn() == null ? null : new JsonObject()
            .put("sedutaId", r.approval().approvedIn().toString()).put("itemId", r.approval().approvedItem().toString()));
        o.put("approved", a);
      }
      return o;
    }));
  }

  /** Until a time ({@code until}), or for a number of {@code days} from now (0: remarks close now). */
  record Period(Instant until, Integer days) {
  }

  Future<JsonObject> setPeriod(UUID userId, UUID sedutaId, Supplier<Period> input) {
    return sedute.asCoordinator(userId, sedutaId).compose(s -> {
      Period p = input.get();
      Instant now = Instant.now();
      Instant until;
      if (p.days() != null) {
        if (p.days() < 0 || p.days() > MAX_PERIOD.toDays()) {
          throw Refusal.invalid("invalid_input", "'days' is 0 (close the remarks now) to " + MAX_PERIOD.toDays() + ".");
        }
        until = now.plus(Duration.ofDays(p.days()));
      } else {
        until = p.until();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(MAX_PERIOD))) {
          throw Refusal.invalid("invalid_input", "Give 'until', a time in the next " + MAX_PERIOD.toDays() + " days, or 'days'.");
        }
      }
      return closedAndNotApproved(s).compose(x -> store.review(sedutaId)).compose(r -> {
        // opening the period tells those present, who may remark; moving or closing it tells no one
        boolean wasOpen = r.remarksUntil() != null && now.isBefore(r.remarksUntil());
        SedutaStore.InTx then = until.isAfter(now) && !wasOpen
            ? (tx, id) -> tell.tellVerbale(tx, id, userId, Kinds.VERBALE_REMARKS_OPEN,
                "Osservazioni aperte sul verbale fino al " + ItalianTime.dateTime(until), false)
            : SedutaStore.InTx.NOTHING;
        return store.setPeriod(sedutaId, until, userId, then);
      });
    }).compose(x -> state(sedutaId));
  }

  Future<JsonObject> addRemark(UUID userId, UUID sedutaId, Supplier<String> input) {
    return sedute.asMember(userId, sedutaId)
        .compose(s -> access.member(userId, s.tavoloId()).compose(role -> store.wasPresent(sedutaId, userId).map(present -> {
          if (role == Role.OBSERVER || !present) {
            throw Refusal.forbidden("Only the members who took part in the seduta remark on its verbale.");
          }
          return s;
        })))
        .compose(s -> closedAndNotApproved(s).compose(x -> store.review(sedutaId)).compose(r -> {
          if (r.remarksUntil() == null || !Instant.now().isBefore(r.remarksUntil())) {
            throw Refusal.conflict("remarks_closed", "Remarks on this verbale are not open.");
          }
          String text = input.get();
          if (text == null || text.isBlank() || text.strip().length() > MAX_REMARK) {
            throw Refusal.invalid("invalid_input", "'text' is required, at most " + MAX_REMARK + " characters.");
          }
          return store.addRemark(sedutaId, userId, text.strip());
        }))
        .map(VerbaleReview::remark);
  }

  Future<JsonArray> remarks(UUID userId, UUID sedutaId) {
    return sedute.asMember(userId, sedutaId).compose(s -> store.remarks(sedutaId)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(r -> out.add(remark(r)));
      return out;
    });
  }

  /**
   * Approves the verbale: by the coordinator, or (with {@code approvedIn} and {@code itemId})
   * as an agenda item of an open later seduta of the same tavolo, where the decision is
   * recorded too. Renders the approved verbale with the remarks, stores it once with its
   * SHA-256 and appends {@code verbale_approved} to the tavolo's audit chain.
   */
  Future<JsonObject> approve(UUID userId, UUID sedutaId, Supplier<UUID[]> input) {
    return sedute.asCoordinator(userId, sedutaId).compose(s -> {
      UUID[] in = input.get();
      UUID approvedIn = in[0];
      UUID item = in[1];
      if ((approvedIn == null) != (item == null)) {
        throw Refusal.invalid("invalid_input", "'approvedIn' and 'itemId' go together: the later seduta and its agenda item.");
      }
      return closedAndNotApproved(s).compose(x -> store.review(sedutaId)).compose(r -> {
        if (r.remarksUntil() != null && Instant.now().isBefore(r.remarksUntil())) {
          throw Refusal.conflict("remarks_open", "Remarks are open until " + r.remarksUntil() + ": approve after.");
        }
        Future<Optional<String[]>> where = approvedIn == null ? Future.succeededFuture(Optional.empty())
            : store.approvingItem(s.tavoloId(), approvedIn, item).map(o -> {
              if (o.isEmpty()) {
                throw Refusal.invalid("invalid_input", "'approvedIn' must be an open seduta of this tavolo and 'itemId' one of its agenda items.");
              }
              return o;
            });
        return where.compose(w -> store.name(userId).compose(name -> store.remarks(sedutaId).compose(remarks -> {
          Instant now = Instant.now();
          String statement = w.isEmpty()
              ? "Verbale approvato il " + ItalianTime.dateTime(now) + " da " + name + ", coordinamento del tavolo."
              : "Verbale approvato il " + ItalianTime.dateTime(now) + " nella seduta «" + w.get()[0] + "», punto all'ordine del giorno «"
                  + w.get()[1] + "», registrato da " + name + ".";
          String decision = "Approvato il verbale della seduta «" + s.title() + "».";
          return verbali.renderApproved(sedutaId, remarks.stream().map(x -> new Verbali.Remark(x.name(), x.at(), x.text())).toList(),
                  statement)
              .compose(v -> store.approve(s.tavoloId(), sedutaId, userId, approvedIn, item, v, decision, audit,
                  (tx, id) -> tell.tellVerbale(tx, id, userId, Kinds.VERBALE_APPROVED, "Verbale approvato", true)));
        })));
      });
    }).compose(x -> state(sedutaId));
  }

  Future<Verbali.File> approvedFile(UUID userId, UUID sedutaId, VerbaleFormat format) {
    return sedute.asMember(userId, sedutaId).compose(s -> verbali.approvedFile(sedutaId, format))
        .map(f -> f.orElseThrow(() -> Refusal.conflict("verbale_not_approved", "The verbale is not approved yet.")));
  }

  private Future<Void> closedAndNotApproved(SedutaHeader s) {
    if (s.state() != SedutaState.CLOSED) {
      return Future.failedFuture(Refusal.conflict("seduta_not_closed", "The verbale exists once the seduta is closed."));
    }
    return store.review(s.id()).map(r -> {
      if (r.approval() != null) {
        throw Refusal.conflict("verbale_approved", "This verbale is approved: it cannot change.");
      }
      return null;
    });
  }

  private static JsonObject remark(ReviewStore.RemarkRow r) {
    return new JsonObject().put("id", r.id().toString()).put("userId", r.userId().toString()).put("name", r.name())
        .put("text", r.text()).put("at", r.at().toString());
  }
}
