package it.tavolo.core.ops;

import it.tavolo.core.Refusal;
import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Schema;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Transforms two operation lists that apply to the same document state, as ot.js does for
 * text: {@code transform(later, earlier)} returns {@code later'} (to apply after {@code
 * earlier}) and {@code earlier'} (to apply after {@code later}), with
 * {@code apply(apply(S, earlier), later') == apply(apply(S, later), earlier')}.
 *
 * <p>Pairs that cannot both apply to one state (an edit of an entity the other side created,
 * a create of an id the other side edits or deletes) throw {@link Refusal} {@code
 * invalid_op}: the later batch did not fit its baseSeq.
 *
 * <p>The server uses {@code later'} (a submitted batch against what was committed after its
 * baseSeq); a client uses both (its pending ops against an incoming batch). Rules, where
 * "later" wins every tie:
 *
 * <ul>
 *   <li>text vs text on one field: {@link TextOperation#transform};
 *   <li>set vs set on one field, move vs move on one entity: later wins, earlier' dropped;
 *   <li>any op on an entity the other side deleted: dropped (reported for later);
 *   <li>a reference to an entity the other side deleted: becomes null (deleting an entity
 *       clears references to it, so both orders agree);
 *   <li>create vs create of one id: later's create and its later ops on that entity dropped;
 *       earlier' becomes a create with {@code replace} (the client's own entity is replaced);
 *       a delete of that id later in the later batch still applies (to earlier's entity);
 *   <li>everything else passes unchanged.
 * </ul>
 */
public final class OpTransform {
  private OpTransform() {}

  /** {@code later'}, {@code earlier'} and what happened to later's ops. */
  public record Result(List<Op> later, List<Op> earlier, List<TransformNote> notes) {}

  public static Result transform(List<Op> later, List<Op> earlier) {
    Op[] cur = later.toArray(new Op[0]);
    List<Op> earlierOut = new ArrayList<>(earlier.size());
    Map<Integer, TransformNote> notes = null;
    for (Op b : earlier) {
      Op bCur = b;
      for (int i = 0; i < cur.length && bCur != null; i++) {
        Op l = cur[i];
        if (l == null) continue;
        Pair p = pair(l, bCur);
        if (p.reason != null) {
          if (notes == null) notes = new TreeMap<>();
          notes.put(i, new TransformNote(i, later.get(i), p.reason));
        }
        cur[i] = p.later;
        bCur = p.earlier;
      }
      if (bCur != null) earlierOut.add(bCur);
    }
    List<Op> laterOut = new ArrayList<>(cur.length);
    for (Op op : cur) if (op != null) laterOut.add(op);
    return new Result(
        laterOut,
        earlierOut,
        notes == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(notes.values())));
  }

  private record Pair(Op later, Op earlier, TransformNote.Reason reason) {}

  private static Pair keep(Op l, Op b) {
    return new Pair(l, b, null);
  }

  private static Pair pair(Op l, Op b) {
    if (b instanceof Op.Delete) {
      if (l.sameEntity(b)) {
        if (l instanceof Op.Create) throw contradiction(l);
        // both deleted it: nothing left to do on either side
        Op bPrime = l instanceof Op.Delete ? null : b;
        return new Pair(null, bPrime, TransformNote.Reason.ENTITY_DELETED);
      }
      Op lPrime = clearReferences(l, b.coll(), b.id());
      return new Pair(lPrime, b, lPrime == l ? null : TransformNote.Reason.REFERENCE_CLEARED);
    }
    if (l instanceof Op.Delete) {
      if (b.sameEntity(l)) {
        if (b instanceof Op.Create bc) {
          if (!bc.replace()) throw contradiction(l);
          // Later created this id too (its create was dropped) and then deleted it: the delete
          // stands on the server, so the entity is gone on both sides; dropping the delete
          // instead could not restore references later cleared when it ran on the client.
          return keep(l, null);
        }
        return keep(l, null);
      }
      return keep(l, clearReferences(b, l.coll(), l.id()));
    }
    if (!l.sameEntity(b)) return keep(l, b);
    if (b instanceof Op.Create bc) {
      if (l instanceof Op.Create) {
        if (bc.replace()) throw contradiction(l);
        return new Pair(
            null, new Op.Create(bc.coll(), bc.id(), bc.fields(), true), TransformNote.Reason.ID_TAKEN);
      }
      if (bc.replace()) return new Pair(null, b, TransformNote.Reason.ENTITY_REPLACED);
      throw contradiction(l);
    }
    if (l instanceof Op.Create) throw contradiction(l);
    if (l instanceof Op.Set ls && b instanceof Op.Set bs && ls.field().equals(bs.field())) {
      return keep(l, null);
    }
    if (l instanceof Op.Move && b instanceof Op.Move) return keep(l, null);
    if (l instanceof Op.Text lt && b instanceof Op.Text bt && lt.field().equals(bt.field())) {
      TextOperation[] t = TextOperation.transform(lt.edit(), bt.edit());
      return keep(
          new Op.Text(lt.coll(), lt.id(), lt.field(), t[0]),
          new Op.Text(bt.coll(), bt.id(), bt.field(), t[1]));
    }
    return keep(l, b);
  }

  /**
   * Both lists cannot have applied to one state (e.g. an edit of an entity the other side
   * created): the later batch was not valid at its baseSeq.
   */
  private static Refusal contradiction(Op l) {
    return Refusal.invalidOp(
        "op on " + l.coll() + "/" + l.id() + " does not fit the document at its baseSeq");
  }

  /** {@code op} with every reference to {@code coll/id} set to null; {@code op} itself if none. */
  static Op clearReferences(Op op, String coll, String id) {
    if (op instanceof Op.Set s) {
      if (id.equals(s.value()) && isRefTo(s.coll(), s.field(), coll)) {
        return new Op.Set(s.coll(), s.id(), s.field(), null);
      }
      return op;
    }
    if (op instanceof Op.Create c) {
      Map<String, Object> fields = null;
      for (Map.Entry<String, Object> f : c.fields().entrySet()) {
        if (id.equals(f.getValue()) && isRefTo(c.coll(), f.getKey(), coll)) {
          if (fields == null) fields = new LinkedHashMap<>(c.fields());
          fields.put(f.getKey(), null);
        }
      }
      return fields == null ? op : new Op.Create(c.coll(), c.id(), fields, c.replace());
    }
    return op;
  }

  private static boolean isRefTo(String coll, String field, String target) {
    CollectionDef c = Schema.collection(coll);
    FieldDef f = c == null ? null : c.field(field);
    return f != null && f.type() == FieldType.REF && target.equals(f.refCollection());
  }
}
