package it.tavolo.core.model;

import it.tavolo.core.Refusal;
import it.tavolo.core.text.AuthorRuns;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A draft: entities by collection and id, each with its typed fields, text fields with their
 * author runs, scalars with who set them. Every mutation validates first and changes nothing
 * when it refuses; it returns an {@link Undo} so a batch can be applied all or nothing.
 *
 * <p>Not thread-safe: one owner (the document's sequencer, or one client) mutates it.
 */
public final class DocumentState {
  /** Reverts one applied mutation. */
  @FunctionalInterface
  public interface Undo {
    void undo();
  }

  private final Map<String, TreeMap<String, Entity>> collections = new LinkedHashMap<>();
  private final Limits limits;
  private Predicate<String> knownOrganisation = id -> true;
  private Predicate<String> knownTerritorio = name -> true;
  private long seq;

  public DocumentState() {
    this(Limits.DEFAULT);
  }

  public DocumentState(Limits limits) {
    this.limits = limits;
    for (CollectionDef c : Schema.collections()) collections.put(c.name(), new TreeMap<>());
  }

  /** A deep copy (same limits and organisation check). */
  public DocumentState copy() {
    DocumentState d = new DocumentState(limits);
    d.knownOrganisation = knownOrganisation;
    d.knownTerritorio = knownTerritorio;
    d.seq = seq;
    collections.forEach(
        (name, entities) -> {
          TreeMap<String, Entity> target = d.collections.get(name);
          entities.forEach((id, e) -> target.put(id, e.copy()));
        });
    return d;
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Which organisation ids are accepted beyond their syntax (e.g. the organisations of the
   * table's members); by default every syntactically valid id.
   */
  public void setKnownOrganisation(Predicate<String> known) {
    this.knownOrganisation = known == null ? id -> true : known;
  }

  /**
   * Which territorio names a budget line may carry (the tavolo's list); by default every
   * well-formed name. A name outside it is refused with {@link Refusal#UNKNOWN_TERRITORIO}.
   */
  public void setKnownTerritorio(Predicate<String> known) {
    this.knownTerritorio = known == null ? name -> true : known;
  }

  /** The seq of the last batch applied (0 for a new document). */
  public long seq() {
    return seq;
  }

  public void setSeq(long seq) {
    this.seq = seq;
  }

  // ---- reading ----

  public boolean exists(String coll, String id) {
    TreeMap<String, Entity> m = collections.get(coll);
    return m != null && m.containsKey(id);
  }

  /** Ids of a collection's entities, sorted. */
  public List<String> ids(String coll) {
    TreeMap<String, Entity> m = collections.get(coll);
    return m == null ? List.of() : List.copyOf(m.keySet());
  }

  public int count(String coll) {
    TreeMap<String, Entity> m = collections.get(coll);
    return m == null ? 0 : m.size();
  }

  /**
   * A field's value: String for text/string/enum/date/ref/org/order fields, Long for money,
   * null when unset. Throws IllegalArgumentException for an unknown entity or field.
   */
  public Object value(String coll, String id, String field) {
    Entity e = entityOrThrow(coll, id);
    Object v = e.values[fieldIndexOrThrow(coll, field)];
    return v instanceof TextField t ? t.text.toString() : v;
  }

  /** All fields of an entity in schema order (texts as plain strings; nulls kept). */
  public Map<String, Object> fields(String coll, String id) {
    Entity e = entityOrThrow(coll, id);
    CollectionDef c = Schema.collection(coll);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < e.values.length; i++) {
      Object v = e.values[i];
      out.put(c.field(i).name(), v instanceof TextField t ? t.text.toString() : v);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The text of a text field, without copying it (a live view: do not keep it). */
  public CharSequence textView(String coll, String id, String field) {
    return textField(coll, id, field).text;
  }

  public int textLength(String coll, String id, String field) {
    return textField(coll, id, field).text.length();
  }

  /** Who wrote each unit of a text field (a copy: O(runs)). */
  public AuthorRuns authorRuns(String coll, String id, String field) {
    return textField(coll, id, field).runs.snapshot();
  }

  /** Who set a scalar field last; null for text fields (see {@link #authorRuns}). */
  public SetBy setBy(String coll, String id, String field) {
    Entity e = entityOrThrow(coll, id);
    int i = fieldIndexOrThrow(coll, field);
    return e.values[i] instanceof TextField ? null : new SetBy(e.setBy[i], e.setSeq[i]);
  }

  Map<String, TreeMap<String, Entity>> collectionsView() {
    return collections;
  }

  private TextField textField(String coll, String id, String field) {
    Entity e = entityOrThrow(coll, id);
    if (e.values[fieldIndexOrThrow(coll, field)] instanceof TextField t) return t;
    throw new IllegalArgumentException(coll + "." + field + " is not a text field");
  }

  private Entity entityOrThrow(String coll, String id) {
    TreeMap<String, Entity> m = collections.get(coll);
    Entity e = m == null ? null : m.get(id);
    if (e == null) throw new IllegalArgumentException("no entity " + coll + "/" + id);
    return e;
  }

  private static int fieldIndexOrThrow(String coll, String field) {
    int i = Schema.collection(coll).indexOf(field);
    if (i < 0) throw new IllegalArgumentException("no field " + coll + "." + field);
    return i;
  }

  // ---- mutations: validate, apply, return the undo ----

  /**
   * Creates an entity. Omitted fields take their defaults; required fields (order, a budget
   * line's contributor) must be given. With {@code replace} the entity must exist and is
   * replaced whole (only produced by transformation on clients, when two creates chose the
   * same id).
   */
  public Undo create(
      String coll, String id, Map<String, Object> fields, boolean replace, String author, long seq) {
    CollectionDef c = collectionOrThrow(coll);
    Ids.requireEntityId(id);
    TreeMap<String, Entity> entities = collections.get(coll);
    Entity old = entities.get(id);
    if (replace && old == null) throw Refusal.invalidOp("no " + coll + " entity " + id + " to replace");
    if (!replace && old != null) throw Refusal.invalidOp(coll + " entity " + id + " already exists");
    if (!replace && entities.size() >= limits.maxEntitiesPerCollection()) {
      throw Refusal.tooLarge(
          coll + " already holds the maximum of " + limits.maxEntitiesPerCollection() + " entities");
    }
    for (String name : fields.keySet()) {
      if (c.indexOf(name) < 0) throw Refusal.invalidOp("unknown field " + coll + "." + name);
    }
    Entity e = new Entity(id, c.fields().size());
    for (int i = 0; i < c.fields().size(); i++) {
      FieldDef f = c.field(i);
      Object v;
      if (fields.containsKey(f.name())) {
        v = fields.get(f.name());
        if (f.type() == FieldType.TEXT) {
          validateText(c, f, v);
        } else {
          validateScalar(c, f, v, id);
        }
      } else if (f.required()) {
        throw Refusal.invalidOp("create " + coll + " needs the field " + f.name());
      } else {
        v = f.defaultValue();
      }
      if (f.type() == FieldType.TEXT) {
        String s = (String) v;
        e.values[i] = new TextField(s, AuthorRuns.of(s.length(), author));
      } else {
        e.values[i] = v;
        e.setBy[i] = author;
        e.setSeq[i] = seq;
      }
    }
    entities.put(id, e);
    return old == null ? () -> entities.remove(id) : () -> entities.put(id, old);
  }

  /**
   * Deletes an entity; references to it elsewhere become null (who set them is kept), so a
   * reference never points at a missing entity.
   */
  public Undo delete(String coll, String id) {
    collectionOrThrow(coll);
    TreeMap<String, Entity> entities = collections.get(coll);
    Entity old = entities.get(id);
    if (old == null) throw Refusal.invalidOp("no " + coll + " entity " + id);
    entities.remove(id);
    List<Entity> cleared = new ArrayList<>();
    List<Integer> clearedField = new ArrayList<>();
    for (CollectionDef other : Schema.collections()) {
      for (int i = 0; i < other.fields().size(); i++) {
        FieldDef f = other.field(i);
        if (f.type() != FieldType.REF || !coll.equals(f.refCollection())) continue;
        for (Entity e : collections.get(other.name()).values()) {
          if (id.equals(e.values[i])) {
            e.values[i] = null;
            cleared.add(e);
            clearedField.add(i);
          }
        }
      }
    }
    return () -> {
      for (int k = 0; k < cleared.size(); k++) cleared.get(k).values[clearedField.get(k)] = id;
      entities.put(id, old);
    };
  }

  /** Sets a scalar field (not text: use {@link #editText}; not order: use {@link #move}). */
  public Undo set(String coll, String id, String field, Object value, String author, long seq) {
    CollectionDef c = collectionOrThrow(coll);
    Entity e = existingEntity(coll, id);
    int i = c.indexOf(field);
    if (i < 0) throw Refusal.invalidOp("unknown field " + coll + "." + field);
    FieldDef f = c.field(i);
    if (f.type() == FieldType.TEXT) {
      throw Refusal.invalidOp(coll + "." + field + " is a text field: change it with a text op");
    }
    if (f.type() == FieldType.ORDER) {
      throw Refusal.invalidOp("order changes only with a move op");
    }
    validateScalar(c, f, value, id);
    return setUnchecked(e, i, value, author, seq);
  }

  /** Changes an order key. */
  public Undo move(String coll, String id, String key, String author, long seq) {
    CollectionDef c = collectionOrThrow(coll);
    Entity e = existingEntity(coll, id);
    int i = c.orderIndex();
    validateScalar(c, c.field(i), key, id);
    return setUnchecked(e, i, key, author, seq);
  }

  private static Undo setUnchecked(Entity e, int i, Object value, String author, long seq) {
    Object oldValue = e.values[i];
    String oldBy = e.setBy[i];
    long oldSeq = e.setSeq[i];
    e.values[i] = value;
    e.setBy[i] = author;
    e.setSeq[i] = seq;
    return () -> {
      e.values[i] = oldValue;
      e.setBy[i] = oldBy;
      e.setSeq[i] = oldSeq;
    };
  }

  /** Applies a text edit; inserted units are attributed to {@code author}. */
  public Undo editText(String coll, String id, String field, TextOperation edit, String author) {
    CollectionDef c = collectionOrThrow(coll);
    Entity e = existingEntity(coll, id);
    int i = c.indexOf(field);
    if (i < 0) throw Refusal.invalidOp("unknown field " + coll + "." + field);
    if (!(e.values[i] instanceof TextField t)) {
      throw Refusal.invalidOp(coll + "." + field + " is not a text field");
    }
    if (edit.targetLength() > limits.maxTextLength()) {
      throw Refusal.tooLarge(
          coll + "." + field + " would exceed " + limits.maxTextLength() + " code units");
    }
    TextOperation inverse = t.text.apply(edit); // validates length and surrogates first
    Runnable runsUndo = t.runs.apply(edit, author);
    return () -> {
      t.text.apply(inverse);
      runsUndo.run();
    };
  }

  private Entity existingEntity(String coll, String id) {
    Entity e = collections.get(coll).get(id);
    if (e == null) throw Refusal.invalidOp("no " + coll + " entity " + id);
    return e;
  }

  private static CollectionDef collectionOrThrow(String coll) {
    CollectionDef c = coll == null ? null : Schema.collection(coll);
    if (c == null) throw Refusal.invalidOp("unknown collection " + coll);
    return c;
  }

  private void validateText(CollectionDef c, FieldDef f, Object v) {
    if (!(v instanceof String s)) {
      throw Refusal.invalidOp(c.name() + "." + f.name() + " must be a string");
    }
    if (s.length() > limits.maxTextLength()) {
      throw Refusal.tooLarge(
          c.name() + "." + f.name() + " exceeds " + limits.maxTextLength() + " code units");
    }
    TextOperation.checkValidText(s);
  }

  private void validateScalar(CollectionDef c, FieldDef f, Object v, String selfId) {
    String where = c.name() + "." + f.name();
    if (v == null) {
      if (!f.nullable()) throw Refusal.invalidOp(where + " cannot be null");
      return;
    }
    switch (f.type()) {
      case STRING -> {
        if (!(v instanceof String s)) throw Refusal.invalidOp(where + " must be a string");
        if (s.length() > limits.maxStringLength()) {
          throw Refusal.tooLarge(where + " exceeds " + limits.maxStringLength() + " code units");
        }
        TextOperation.checkValidText(s);
      }
      case ENUM -> {
        if (!(v instanceof String s) || !f.enumValues().contains(s)) {
          throw Refusal.invalidOp(where + " must be one of " + f.enumValues());
        }
      }
      case DATE -> {
        if (!(v instanceof String s) || !Ids.isDate(s)) {
          throw Refusal.invalidOp(where + " must be a date YYYY-MM-DD or null");
        }
      }
      case MONEY -> {
        if (!(v instanceof Long n) || n < 0 || n > Limits.MAX_MONEY_CENTS) {
          throw Refusal.invalidOp(where + " must be integer euro cents from 0 to 10^13");
        }
      }
      case REF -> {
        if (!(v instanceof String s)) throw Refusal.invalidOp(where + " must be an id or null");
        if (f.refCollection().equals(c.name()) && s.equals(selfId)) {
          throw Refusal.invalidOp(where + " cannot refer to the entity itself");
        }
        if (!exists(f.refCollection(), s)) {
          throw Refusal.invalidOp(where + " refers to " + f.refCollection() + "/" + s + ", which does not exist");
        }
      }
      case YEAR -> {
        if (!(v instanceof Long n) || !Limits.isYear(n)) {
          throw Refusal.invalidOp(
              where + " must be a project year 1-" + Limits.MAX_PROJECT_YEAR + " or a calendar year "
                  + Limits.MIN_CALENDAR_YEAR + "-" + Limits.MAX_CALENDAR_YEAR + ", or null");
        }
      }
      case TERRITORY -> {
        if (!(v instanceof String s) || s.isBlank() || s.length() > Limits.MAX_TERRITORIO_LENGTH) {
          throw Refusal.invalidOp(
              where + " must be a territorio's name (1-" + Limits.MAX_TERRITORIO_LENGTH + " code units) or null");
        }
        TextOperation.checkValidText(s);
        if (!knownTerritorio.test(s)) {
          throw Refusal.invalid(
              Refusal.UNKNOWN_TERRITORIO, where + " names a territorio that is not in this tavolo's list: " + s);
        }
      }
      case ORG -> {
        if (!(v instanceof String s) || !Ids.isOrganisationId(s)) {
          throw Refusal.invalidOp(where + " must be an organisation id (a lower-case UUID)");
        }
        if (!knownOrganisation.test(s)) {
          throw Refusal.invalidOp(where + " names an organisation that is not at this table");
        }
      }
      case ORDER -> {
        if (!(v instanceof String s) || !Ids.isOrderKey(s, limits.maxOrderKeyLength())) {
          throw Refusal.invalidOp(
              where + " must be 1-" + limits.maxOrderKeyLength() + " printable ASCII characters");
        }
      }
      case TEXT -> throw new IllegalStateException("text is not a scalar");
    }
  }

  // ---- restoring (used by StateCodec) ----

  void restoreEntity(String coll, Entity e) {
    collections.get(coll).put(e.id, e);
  }

  static TextField newTextField(String text, AuthorRuns runs) {
    return new TextField(text, runs);
  }
}
