// The draft's collections and typed fields (docs/architecture.md), mirroring the Java core's
// it.tavolo.core.model.Schema: types, defaults for fields a create omits, and what refs point at.
const f = (type, extra = {}) => ({ type, ...extra });

export const SCHEMA = {
  sections: {
    order: f('order', { required: true }), title: f('string', { dflt: '' }), body: f('text', { dflt: '' }),
  },
  objectives: {
    order: f('order', { required: true }),
    kind: f('enum', { dflt: 'specifico', values: ['generale', 'specifico'] }),
    parent: f('ref', { ref: 'objectives', dflt: null }),
    title: f('string', { dflt: '' }),
    description: f('text', { dflt: '' }),
    operational: f('text', { dflt: '' }),
    indicators: f('text', { dflt: '' }),
  },
  activities: {
    order: f('order', { required: true }),
    objective: f('ref', { ref: 'objectives', dflt: null }),
    title: f('string', { dflt: '' }),
    description: f('text', { dflt: '' }),
    lead: f('org', { dflt: null }),
    start: f('date', { dflt: null }),
    end: f('date', { dflt: null }),
  },
  budget: {
    order: f('order', { required: true }),
    contributor: f('org', { required: true }),
    nature: f('enum', { dflt: 'monetary', values: ['monetary', 'in_kind'] }),
    category: f('enum', { dflt: 'altro', values: ['personale', 'spese_generali', 'strumentali', 'servizi', 'altro'] }),
    description: f('string', { dflt: '' }),
    amount: f('money', { dflt: 0 }),
    activity: f('ref', { ref: 'activities', dflt: null }),
    // optional: absent from snapshots while null (documents written before them are unchanged);
    // annualita: project year 1..20 or calendar year 2000..2100; territorio: a name from the tavolo's list
    annualita: f('year', { dflt: null, optional: true }),
    territorio: f('territory', { dflt: null, optional: true }),
  },
  // the verbale's notes' interventi, riserve and dichiarazioni a verbale (issue 19): only the
  // notes' documents have any; the draft's pages never show them
  interventi: {
    order: f('order', { required: true }),
    item: f('ref', { ref: 'sections', dflt: null }),
    kind: f('enum', { dflt: 'intervento', values: ['intervento', 'riserva', 'dichiarazione'] }),
    speaker: f('string', { dflt: '' }),
    speakerUser: f('string', { dflt: '' }),
    organisation: f('string', { dflt: '' }),
    text: f('text', { dflt: '' }),
  },
};

export const COLLECTIONS = Object.keys(SCHEMA);

/** Collections left out of snapshots while empty (added after documents existed), as the Java core's. */
export const OMITTED_WHEN_EMPTY = new Set(['interventi']);

export function fieldDef(coll, field) { return SCHEMA[coll]?.[field]; }

export function fieldType(coll, field) { return fieldDef(coll, field)?.type; }

/** A field left out of snapshots while null (added after documents existed). */
export function isOptional(coll, field) { return fieldDef(coll, field)?.optional === true; }

export function isTextField(coll, field) { return fieldType(coll, field) === 'text'; }

export function enumValues(coll, field) { return fieldDef(coll, field)?.values ?? []; }

/** Is coll.field a reference to an entity of `target`? */
export function isRefTo(coll, field, target) {
  const d = fieldDef(coll, field);
  return d?.type === 'ref' && d.ref === target;
}

/** The fields of a new entity: the given ones plus every omitted field's default (optional ones only when not null). */
export function withDefaults(coll, fields) {
  const def = SCHEMA[coll];
  if (!def) return { ...fields };
  const out = {};
  for (const [name, d] of Object.entries(def)) {
    const v = name in fields ? fields[name] : (d.dflt === undefined ? null : d.dflt);
    if (v === null && d.optional) continue;
    out[name] = v;
  }
  for (const [name, v] of Object.entries(fields)) if (!(name in out) && !(name in def)) out[name] = v;
  return out;
}
