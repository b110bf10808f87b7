// The client's copy of a draft: collections of entities with typed fields, plus who wrote each
// character of every text field. Applies the five op kinds exactly as the server does for a
// well-formed batch: an op on a missing entity is a no-op, never an error.
import { TextOperation } from './text-operation.js';
import { AuthorRuns } from './author-runs.js';
import { COLLECTIONS, OMITTED_WHEN_EMPTY, SCHEMA, isOptional, isTextField, withDefaults } from './schema.js';

const key = (coll, id, field) => `${coll}\u0000${id}\u0000${field}`;

export class DocumentState {
  constructor() {
    this.collections = {};
    for (const c of COLLECTIONS) this.collections[c] = new Map();
    this.authorship = new Map(); // key(coll,id,field) -> AuthorRuns
  }

  /**
   * From a protocol snapshot. `authorship` (optional: the welcome's `authors`, the Java core's
   * authorship form {collections: {coll: {id: {field: [[author, length], ...]}}}})
   * credits existing text; without it text is credited to nobody (null).
   */
  static fromSnapshot(snapshot, authorship) {
    const doc = new DocumentState();
    const colls = snapshot?.collections ?? {};
    const auth = authorship?.collections ?? authorship;
    for (const [coll, entities] of Object.entries(colls)) {
      if (!doc.collections[coll]) doc.collections[coll] = new Map();
      for (const [id, fields] of Object.entries(entities ?? {})) {
        doc.collections[coll].set(id, structuredClone(fields));
        for (const [field, value] of Object.entries(fields)) {
          if (isTextField(coll, field) && typeof value === 'string') {
            const runs = auth?.[coll]?.[id]?.[field];
            const ar = Array.isArray(runs) ? new AuthorRuns(runs) : AuthorRuns.uniform(null, value.length);
            doc.authorship.set(key(coll, id, field), ar.length === value.length ? ar : AuthorRuns.uniform(null, value.length));
          }
        }
      }
    }
    return doc;
  }

  toSnapshot() {
    const collections = {};
    for (const [coll, map] of Object.entries(this.collections)) {
      if (map.size === 0 && OMITTED_WHEN_EMPTY.has(coll)) continue; // as the server's snapshot
      collections[coll] = {};
      for (const [id, fields] of map) collections[coll][id] = structuredClone(fields);
    }
    return { collections };
  }

  get(coll, id) { return this.collections[coll]?.get(id); }

  has(coll, id) { return this.collections[coll]?.has(id) ?? false; }

  /** Entities of a collection sorted by order key (code-unit order), ties by id. */
  ordered(coll) {
    const list = [...(this.collections[coll]?.entries() ?? [])].map(([id, f]) => ({ id, ...f }));
    list.sort((a, b) => cmp(a.order ?? '', b.order ?? '') || cmp(a.id, b.id));
    return list;
  }

  authors(coll, id, field) {
    return this.authorship.get(key(coll, id, field)) ?? AuthorRuns.uniform(null, (this.get(coll, id)?.[field] ?? '').length);
  }

  /**
   * Applies ops in order, crediting text to `author`. Returns the inverse ops (in the order that
   * undoes them) so a caller can build undo entries. Throws on a malformed text edit, which
   * means client and server disagree: the caller resynchronises.
   */
  apply(ops, author) {
    const inverse = [];
    for (const op of ops) {
      const inv = this.applyOne(op, author);
      if (inv) inverse.unshift(...inv);
    }
    return inverse;
  }

  applyOne(op, author) {
    const map = this.collections[op.coll] ?? (this.collections[op.coll] = new Map());
    switch (op.op) {
      case 'create': {
        const old = map.get(op.id);
        // `replace` comes only from transformation, when two creates chose the same id.
        if (old && !op.replace) return null;
        if (!old && op.replace) return null;
        const inverse = old
          ? [{ op: 'create', coll: op.coll, id: op.id, fields: structuredClone(old), replace: true }]
          : [{ op: 'delete', coll: op.coll, id: op.id }];
        const fields = withDefaults(op.coll, structuredClone(op.fields ?? {}));
        map.set(op.id, fields);
        for (const [field, value] of Object.entries(fields)) {
          if (isTextField(op.coll, field) && typeof value === 'string') {
            this.authorship.set(key(op.coll, op.id, field), AuthorRuns.uniform(author, value.length));
          }
        }
        return inverse;
      }
      case 'delete': {
        const fields = map.get(op.id);
        if (!fields) return null;
        map.delete(op.id);
        for (const field of Object.keys(fields)) this.authorship.delete(key(op.coll, op.id, field));
        // References to the deleted entity become null, as on the server; undo restores them.
        const restore = [];
        for (const [coll, def] of Object.entries(SCHEMA)) {
          for (const [field, d] of Object.entries(def)) {
            if (d.type !== 'ref' || d.ref !== op.coll) continue;
            for (const [id, other] of this.collections[coll] ?? []) {
              if (other[field] === op.id) {
                other[field] = null;
                restore.push({ op: 'set', coll, id, field, value: op.id });
              }
            }
          }
        }
        return [{ op: 'create', coll: op.coll, id: op.id, fields: structuredClone(fields) }, ...restore];
      }
      case 'set': {
        const fields = map.get(op.id);
        if (!fields) return null;
        const old = fields[op.field] === undefined ? null : fields[op.field];
        if (op.value === null && isOptional(op.coll, op.field)) delete fields[op.field]; // as the server's snapshot
        else fields[op.field] = structuredClone(op.value);
        return [{ op: 'set', coll: op.coll, id: op.id, field: op.field, value: old }];
      }
      case 'move': {
        const fields = map.get(op.id);
        if (!fields) return null;
        const old = fields.order ?? '';
        fields.order = op.order;
        return [{ op: 'move', coll: op.coll, id: op.id, order: old }];
      }
      case 'text': {
        const fields = map.get(op.id);
        if (!fields) return null;
        const edit = op.edit instanceof TextOperation ? op.edit : TextOperation.fromJSON(op.edit);
        const before = typeof fields[op.field] === 'string' ? fields[op.field] : '';
        fields[op.field] = edit.apply(before);
        const k = key(op.coll, op.id, op.field);
        const runs = this.authorship.get(k) ?? AuthorRuns.uniform(null, before.length);
        this.authorship.set(k, runs.apply(edit, author));
        return [{ op: 'text', coll: op.coll, id: op.id, field: op.field, edit: edit.invert(before).toJSON() }];
      }
      default:
        throw new Error('unknown op kind: ' + op.op);
    }
  }
}

function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
