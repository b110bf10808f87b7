// Plain-language summaries of operations and field values, for integrations and diffs:
// "Sezione «Analisi del bisogno» · il testo: + «…» − «…»". Text only, never HTML.
import { t } from '../i18n.js';
import { formatEuro } from '../ui/money.js';
import { TextOperation } from '../engine/text-operation.js';

const SNIPPET = 140;

export function snippet(s) {
  const one = String(s ?? '').replace(/\s+/g, ' ').trim();
  return one.length > SNIPPET ? `${one.slice(0, SNIPPET - 1)}…` : one;
}

/** The entity's display name in the current document (or its kind if it is gone). */
export function entityName(doc, coll, id) {
  const e = doc?.get(coll, id);
  return e?.title || e?.description || t('record.unnamed');
}

/** "Sezione «Analisi del bisogno»" */
export function entityLabel(doc, coll, id, fallbackName) {
  const e = doc?.get(coll, id);
  const name = e ? (e.title || e.description || t('record.unnamed')) : (fallbackName ?? t('record.gone'));
  return t('record.entity', { kind: t(`kind.${coll}`), name });
}

/** A field's value as people read it. */
export function valueText(coll, field, value, doc, people) {
  if (value === null || value === undefined || value === '') return t('record.empty');
  if (field === 'amount') return formatEuro(value);
  if (field === 'contributor' || field === 'lead') return people.orgName(value);
  if (field === 'nature') return t(`nature.${value}`);
  if (field === 'category') return t(`category.${value}`);
  if (field === 'kind') return value === 'generale' ? t('objectives.generalShort') : t('objectives.specificShort');
  if (field === 'objective' || field === 'parent') return entityName(doc, 'objectives', value);
  if (field === 'activity') return entityName(doc, 'activities', value);
  if (field === 'order') return t('record.position');
  if (field === 'annualita') return Number(value) <= 20 ? t('budget.projectYear', { n: value }) : String(value);
  return snippet(value);
}

/** What a text edit inserts and deletes; deleted text is shown when `before` is the text it applies to. */
export function textEditSummary(edit, before) {
  const op = edit instanceof TextOperation ? edit : TextOperation.fromJSON(edit);
  const inserted = [];
  const deleted = [];
  let pos = 0;
  const known = typeof before === 'string' && before.length === op.baseLength;
  for (const c of op.ops) {
    if (TextOperation.isRetain(c)) pos += c;
    else if (TextOperation.isInsert(c)) inserted.push(c);
    else {
      deleted.push(known ? before.slice(pos, pos - c) : null);
      pos -= c;
    }
  }
  const parts = [];
  if (inserted.length) parts.push(t('record.inserted', { text: snippet(inserted.join(' … ')) }));
  if (deleted.length) {
    parts.push(deleted.every(d => d !== null)
      ? t('record.deleted', { text: snippet(deleted.join(' … ')) })
      : t('record.deletedCount', { count: -op.ops.filter(TextOperation.isDelete).reduce((a, b) => a + b, 0) }));
  }
  return parts.join(' ');
}

/**
 * One op: {where, what, target:{coll,id,field}|null}. `changed` is the check's
 * changedMeanwhile entry for a set whose field someone else set after the proposal: then
 * both values are shown, since accepting replaces theirs.
 */
export function describeOp(op, doc, people, changed) {
  const fieldName = op.field ? t(`field.${op.coll}.${op.field}`) : '';
  switch (op.op) {
    case 'create': {
      const f = op.fields ?? {};
      const name = f.title || f.description || t('record.unnamed');
      return { where: t('record.entity', { kind: t(`kind.${op.coll}`), name }), what: t('record.create'), target: null };
    }
    case 'delete':
      return { where: entityLabel(doc, op.coll, op.id), what: t('record.delete'), target: { coll: op.coll, id: op.id } };
    case 'move':
      return { where: entityLabel(doc, op.coll, op.id), what: t('record.move'), target: { coll: op.coll, id: op.id } };
    case 'set':
      return {
        where: `${entityLabel(doc, op.coll, op.id)} · ${fieldName}`,
        what: changed
          ? t('record.setOver', {
            current: valueText(op.coll, op.field, changed.current, doc, people),
            name: changed.setBy?.name ?? t('authors.former'), seq: changed.seq,
            value: valueText(op.coll, op.field, op.value, doc, people),
          })
          : t('record.set', { value: valueText(op.coll, op.field, op.value, doc, people) }),
        target: { coll: op.coll, id: op.id, field: op.field },
      };
    case 'text': {
      const before = doc?.get(op.coll, op.id)?.[op.field];
      return {
        where: `${entityLabel(doc, op.coll, op.id)} · ${fieldName}`,
        what: textEditSummary(op.edit, before),
        target: { coll: op.coll, id: op.id, field: op.field },
      };
    }
    default:
      return { where: '', what: '', target: null };
  }
}
