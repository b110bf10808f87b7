package it.tavolo.core;

import it.tavolo.core.model.CollectionDef;
import it.tavolo.core.model.DocumentState;
import it.tavolo.core.model.FieldDef;
import it.tavolo.core.model.FieldType;
import it.tavolo.core.model.Schema;
import it.tavolo.core.ops.Op;
import it.tavolo.core.ops.OpApplier;
import it.tavolo.core.text.TextOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random valid edits of a document, for property and convergence tests: every kind of op on
 * every collection, texts with emoji (surrogate pairs), references, and ids from a small pool
 * so that concurrent creates of one id happen.
 */
public final class RandomEdits {
  /** Annualità the random budget lines carry: project years and calendar years. */
  public static final List<Long> YEARS = List.of(1L, 2L, 3L, 2026L, 2027L);
  /** Territori the random budget lines name (every name is accepted: no list is set). */
  public static final List<String> TERRITORI = List.of("Pistoia", "Agliana", "Quarrata", "Zona Pistoiese");

  public static final List<String> ORGS =
      List.of(
          "00000000-0000-4000-8000-000000000001",
          "00000000-0000-4000-8000-000000000002",
          "00000000-0000-4000-8000-000000000003");
  private static final String[] PIECES = {
    "a", "b", "c", "xyz", " ", "\n", "è", "ß", "\uD83D\uDE00", "\uD83C\uDDEE\uD83C\uDDF9", "per", "€", "\uD834\uDD1E"
  };

  private final Random r;
  private final String[] pieces;
  /** Entity ids are drawn from {@code idPrefix + 0..idPool-1}, so they can collide. */
  private final String idPrefix;
  private final int idPool;

  public RandomEdits(Random r, String idPrefix, int idPool) {
    this(r, idPrefix, idPool, PIECES);
  }

  /** With its own alphabet, so that every character shows who typed it. */
  public RandomEdits(Random r, String idPrefix, int idPool, String[] pieces) {
    this.r = r;
    this.pieces = pieces;
    this.idPrefix = idPrefix;
    this.idPool = idPool;
  }

  /**
   * A random batch of 1..maxOps ops valid in sequence on {@code doc}, applied to {@code doc}
   * (as {@code author} at {@code seq}) while generating.
   */
  public List<Op> batch(DocumentState doc, int maxOps, String author, long seq) {
    int n = 1 + r.nextInt(maxOps);
    List<Op> ops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Op op = op(doc);
      OpApplier.apply(doc, op, author, seq);
      ops.add(op);
    }
    return ops;
  }

  /** One random op valid on {@code doc} (not applied). */
  public Op op(DocumentState doc) {
    for (int attempt = 0; ; attempt++) {
      int k = r.nextInt(100);
      String coll = Schema.collections().get(r.nextInt(4)).name();
      if (k < 15 || attempt > 20) {
        Op c = create(doc, coll);
        if (c != null) return c;
        continue;
      }
      List<String> ids = doc.ids(coll);
      if (ids.isEmpty()) continue;
      String id = ids.get(r.nextInt(ids.size()));
      if (k < 23) return new Op.Delete(coll, id);
      if (k < 33) return new Op.Move(coll, id, orderKey());
      if (k < 50) {
        Op s = set(doc, coll, id);
        if (s != null) return s;
        continue;
      }
      Op t = text(doc, coll, id);
      if (t != null) return t;
    }
  }

  private Op create(DocumentState doc, String coll) {
    String id = null;
    for (int i = 0; i < 5 && id == null; i++) {
      String c = r.nextInt(4) == 0 ? idPrefix + "u" + Long.toHexString(r.nextLong() >>> 20) : idPrefix + r.nextInt(idPool);
      if (!doc.exists(coll, c)) id = c;
    }
    if (id == null) return null;
    CollectionDef c = Schema.collection(coll);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (FieldDef f : c.fields()) {
      if (!f.required() && r.nextInt(3) == 0) continue;
      fields.put(f.name(), f.type() == FieldType.TEXT ? randomString(r.nextInt(6)) : value(doc, c, f, id));
    }
    return new Op.Create(coll, id, fields);
  }

  private Op set(DocumentState doc, String coll, String id) {
    CollectionDef c = Schema.collection(coll);
    List<FieldDef> scalars = new ArrayList<>();
    for (FieldDef f : c.fields()) if (f.type() != FieldType.TEXT && f.type() != FieldType.ORDER) scalars.add(f);
    FieldDef f = scalars.get(r.nextInt(scalars.size()));
    Object v = value(doc, c, f, id);
    if (v == null && !f.nullable()) return null;
    return new Op.Set(coll, id, f.name(), v);
  }

  private Object value(DocumentState doc, CollectionDef c, FieldDef f, String selfId) {
    switch (f.type()) {
      case STRING:
        return randomString(r.nextInt(5));
      case ENUM:
        return f.enumValues().get(r.nextInt(f.enumValues().size()));
      case DATE:
        // starts in 2020-2024, ends in 2025-2029: whatever interleaves, no end comes before its
        // start (the core refuses that on submission: ScheduleRule), so every random batch applies
        return r.nextInt(4) == 0 ? null : String.format("20%02d-%02d-%02d",
            ("end".equals(f.name()) ? 25 : 20) + r.nextInt(5), 1 + r.nextInt(12), 1 + r.nextInt(28));
      case MONEY:
        return r.nextInt(5) == 0 ? 0L : (long) r.nextInt(1_000_000_000);
      case REF: {
        List<String> targets = new ArrayList<>(doc.ids(f.refCollection()));
        if (f.refCollection().equals(c.name())) targets.remove(selfId);
        if (targets.isEmpty() || r.nextInt(4) == 0) return null;
        return targets.get(r.nextInt(targets.size()));
      }
      case ORG:
        return !f.required() && r.nextInt(4) == 0 ? null : ORGS.get(r.nextInt(ORGS.size()));
      case YEAR:
        return r.nextInt(4) == 0 ? null : YEARS.get(r.nextInt(YEARS.size()));
      case TERRITORY:
        return r.nextInt(4) == 0 ? null : TERRITORI.get(r.nextInt(TERRITORI.size()));
      case ORDER:
        return orderKey();
      default:
        throw new IllegalStateException();
    }
  }

  private String orderKey() {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) b.append((char) ('A' + r.nextInt(26)));
    return b.toString();
  }

  private Op text(DocumentState doc, String coll, String id) {
    CollectionDef c = Schema.collection(coll);
    List<FieldDef> texts = new ArrayList<>();
    for (FieldDef f : c.fields()) if (f.isText()) texts.add(f);
    if (texts.isEmpty()) return null;
    FieldDef f = texts.get(r.nextInt(texts.size()));
    String s = doc.textView(coll, id, f.name()).toString();
    return new Op.Text(coll, id, f.name(), textEdit(s));
  }

  /** A random valid edit of {@code s}: a few retains, inserts and deletes at code point boundaries. */
  public TextOperation textEdit(String s) {
    TextOperation.Builder b = TextOperation.builder();
    int pos = 0;
    int parts = 1 + r.nextInt(3);
    for (int p = 0; p < parts && pos <= s.length(); p++) {
      int retain = boundary(s, pos + r.nextInt(s.length() - pos + 1)) - pos;
      b.retain(retain);
      pos += retain;
      int kind = r.nextInt(3);
      if (kind != 1) b.insert(randomString(1 + r.nextInt(4)));
      if (kind != 0 && pos < s.length()) {
        int end = boundary(s, pos + 1 + r.nextInt(Math.min(5, s.length() - pos)));
        b.delete(end - pos);
        pos = end;
      }
    }
    b.retain(s.length() - pos);
    return b.build();
  }

  /** {@code i}, or the next position if it falls inside a surrogate pair. */
  private static int boundary(String s, int i) {
    if (i > 0 && i < s.length() && Character.isHighSurrogate(s.charAt(i - 1)) && Character.isLowSurrogate(s.charAt(i))) {
      return i + 1;
    }
    return i;
  }

  public String randomString(int count) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) b.append(pieces[r.nextInt(pieces.length)]);
    return b.toString();
  }

  /** A random document built by a few random batches from empty. */
  public DocumentState randomDocument(int batches) {
    DocumentState d = new DocumentState();
    for (int i = 0; i < batches; i++) batch(d, 4, "seed-author", i + 1);
    d.setSeq(batches);
    return d;
  }
}
