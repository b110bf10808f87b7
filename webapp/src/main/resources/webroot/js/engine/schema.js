// The draft's collections and field types (docs/architecture.md). The server is the judge;
// the client needs the types to know which fields are collaborative text.
export const SCHEMA = {
  sections: { order: 'order', title: 'string', body: 'text' },
  objectives: {
    order: 'order', kind: 'enum', parent: 'ref', title: 'string',
    description: 'text', operational: 'text', indicators: 'text',
  },
  activities: {
    order: 'order', objective: 'ref', title: 'string', description: 'text',
    lead: 'org', start: 'date', end: 'date',
  },
  budget: {
    order: 'order', contributor: 'org', nature: 'enum', category: 'enum',
    description: 'string', amount: 'money', activity: 'ref',
  },
};

export const COLLECTIONS = Object.keys(SCHEMA);

export const ENUMS = {
  'objectives.kind': ['generale', 'specifico'],
  'budget.nature': ['monetary', 'in_kind'],
  'budget.category': ['personale', 'spese_generali', 'strumentali', 'servizi', 'altro'],
};

export function fieldType(coll, field) {
  return SCHEMA[coll]?.[field];
}

export function isTextField(coll, field) {
  return fieldType(coll, field) === 'text';
}
