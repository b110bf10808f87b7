// The client's copy of a draft: collections of entities with typed fields, plus who wrote each
// character of every text field. Applies the five op kinds exactly as the server does for a
// well-formed batch: an op on a missing entity is a no-op, never an error.
import { TextOperation } from './text-operation.js';
import { AuthorRuns } from './author-runs.js';
import { COLLECTIONS, isTextField } from './schema.js';

const key = (coll, id, field) => `${coll}\u0000${id}\u0000${field}`;

export class DocumentState {
  constructor() {
    this.collections = {};
    for (const c of COLLECTIONS) this.collections[c] = new Map();
    this.authorship = new Map(); // key(coll,id,field) -> AuthorRuns
  }

  /**
   * From a protocol snapshot. `authorship` (optional, same shape as collections with run lists
   * [[author, length], ...] per text field) credits existing text; without it text is credited
   * to nobody (null).
   */
  static fromSnapshot(snapshot, authorship) {
    const doc = new DocumentState();
    const colls = snapshot?.collections ?? {};
    for (const [coll, entities] of Object.entries(colls)) {
      if (!doc.collections[coll]) doc.collections[coll] = new Map();
      for (const [id, fields] of Object.entries(entities ?? {})) {
        doc.collections[coll].set(id, structuredClone(fields));
        for (const [field, value] of Object.entries(fields)) {
          if (isTextField(coll, field) && typeof value === 'string') {
            const runs = authorship?.[coll]?.[id]?.[field];
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
        if (map.has(op.id)) return null;
        const fields = structuredClone(op.fields ?? {});
        map.set(op.id, fields);
        for (const [field, value] of Object.entries(fields)) {
          if (isTextField(op.coll, field) && typeof value === 'string') {
            this.authorship.set(key(op.coll, op.id, field), AuthorRuns.uniform(author, value.length));
          }
        }
        return [{ op: 'delete', coll: op.coll, id: op.id }];
      }
      case 'delete': {
        const fields = map.get(op.id);
        if (!fields) return null;
        map.delete(op.id);
        for (const field of Object.keys(fields)) this.authorship.delete(key(op.coll, op.id, field));
        return [{ op: 'create', coll: op.coll, id: op.id, fields: structuredClone(fields) }];
      }
      case 'set': {
        const fields = map.get(op.id);
        if (!fields) return null;
        const old = fields[op.field] === undefined ? null : fields[op.field];
        fields[op.field] = structuredClone(op.value);
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
