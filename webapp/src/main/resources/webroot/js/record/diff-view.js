// A diff between two points of the history (GET /api/documents/:id/diff): per entity, text
// inserted and deleted with who wrote it, values before and after, and the budget's totals
// before and after. Everything through textContent.
import { el } from '../ui/dom.js';
import { t } from '../i18n.js';
import { formatEuro } from '../ui/money.js';
import { valueText } from './op-summary.js';

function authorNames(runs, people) {
  const names = [...new Set((runs ?? []).map(r => people.nameOf(Array.isArray(r) ? r[0] : r.author)))];
  return names.join(', ');
}

function entityName(change, doc) {
  const title = change.fields.find(f => f.field === 'title' || f.field === 'description');
  const fromDiff = title && (title.after ?? title.before);
  const e = doc?.get(change.coll, change.id);
  return (typeof fromDiff === 'string' && fromDiff) || e?.title || e?.description || t('record.unnamed');
}

function textField(f, people) {
  const out = el('div', { class: 'tv-diff-text' });
  let gap = false;
  for (const p of f.parts ?? []) {
    if (p.kind === 'equal') { gap = true; continue; }
    if (gap && out.childNodes.length) out.append(el('span', { class: 'tv-muted', text: ' … ' }));
    gap = false;
    const who = authorNames(p.authors, people);
    const tag = p.kind === 'insert' ? 'ins' : 'del';
    const label = p.kind === 'insert' ? t('diff.insertedBy', { names: who }) : t('diff.deletedBy', { names: who });
    out.append(el(tag, { class: `tv-diff-${p.kind}`, title: label },
      el('span', { class: 'visually-hidden', text: `${label}: ` }), p.text));
  }
  if (!out.childNodes.length) out.append(el('span', { class: 'tv-muted', text: t('diff.noTextChange') }));
  return out;
}

function touchedBy(list, people) {
  const names = [...new Set((list ?? []).map(x => people.nameOf(x.author)))];
  const viaIntegration = (list ?? []).some(x => x.integration);
  if (!names.length) return null;
  return el('p', { class: 'small tv-muted mb-1', text: t(viaIntegration ? 'diff.byWithIntegration' : 'diff.by', { names: names.join(', ') }) });
}

function totalsTable(before, after, people) {
  const row = (label, a, b, money = true) => el('tr', null,
    el('th', { scope: 'row', text: label }),
    el('td', { class: 'text-end', text: money ? formatEuro(a ?? 0) : (a ?? '—') }),
    el('td', { class: 'text-end', text: money ? formatEuro(b ?? 0) : (b ?? '—') }),
    el('td', { class: 'text-end', text: money ? delta((b ?? 0) - (a ?? 0)) : '' }));
  const orgs = new Map();
  for (const c of before?.byContributor ?? []) orgs.set(c.organisation, { before: c.total, after: 0 });
  for (const c of after?.byContributor ?? []) orgs.set(c.organisation, { before: orgs.get(c.organisation)?.before ?? 0, after: c.total });
  const contributorRows = [...orgs.entries()]
    .sort((x, y) => people.orgName(x[0]).localeCompare(people.orgName(y[0]), 'it'))
    .map(([org, v]) => row(people.orgName(org), v.before, v.after));
  return el('table', { class: 'table table-sm tv-diff-totals', id: 'diff-totals' },
    el('caption', { text: t('diff.budgetCaption') }),
    el('thead', null, el('tr', null,
      el('th', { scope: 'col', text: t('diff.figure') }),
      el('th', { scope: 'col', class: 'text-end', text: t('diff.before') }),
      el('th', { scope: 'col', class: 'text-end', text: t('diff.after') }),
      el('th', { scope: 'col', class: 'text-end', text: t('diff.delta') }))),
    el('tbody', null,
      ...contributorRows,
      row(t('nature.monetary'), before?.monetary, after?.monetary),
      row(t('nature.in_kind'), before?.inKind, after?.inKind),
      row(t('diff.publicTotal'), before?.publicTotal, after?.publicTotal),
      row(t('diff.thirdSectorTotal'), before?.thirdSectorTotal, after?.thirdSectorTotal),
      row(t('diff.share'), before?.coFinancingShare, after?.coFinancingShare, false)),
    el('tfoot', null, row(t('budget.grandTotal'), before?.total, after?.total)));
}

function delta(cents) {
  if (!cents) return '—';
  return `${cents > 0 ? '+' : '−'} ${formatEuro(Math.abs(cents))}`;
}

/** The diff as a DOM tree. */
export function renderDiff(diff, { doc, people, fromLabel, toLabel }) {
  const root = el('div', { class: 'tv-diff', id: 'diff-result' });
  root.append(el('h3', { class: 'h5', tabindex: '-1', id: 'diff-title', text: t('diff.title', { from: fromLabel, to: toLabel }) }));
  const changes = diff.changes ?? [];
  if (!changes.length) root.append(el('p', { text: t('diff.none') }));
  const list = el('ol', { class: 'list-unstyled' });
  for (const c of changes) {
    const item = el('li', { class: `tv-card tv-diff-entity tv-diff-${c.change}`, dataset: { coll: c.coll, id: c.id, change: c.change } },
      el('h4', { class: 'h6' },
        el('span', { class: `badge tv-status tv-change-${c.change}`, text: t(`diff.change.${c.change}`) }), ' ',
        t('record.entity', { kind: t(`kind.${c.coll}`), name: entityName(c, doc) })),
      touchedBy(c.touchedBy, people));
    const dl = el('dl', { class: 'tv-diff-fields' });
    for (const f of c.fields) {
      if (f.field === 'order' && c.change !== 'changed') continue;
      dl.append(el('dt', { text: t(`field.${c.coll}.${f.field}`) === `field.${c.coll}.${f.field}` ? f.field : t(`field.${c.coll}.${f.field}`) }));
      const dd = el('dd', { dataset: { field: f.field } });
      if (f.type === 'text') {
        dd.append(textField(f, people));
      } else if (f.field === 'order') {
        dd.append(t('diff.moved'));
      } else {
        dd.append(
          el('span', { class: 'tv-diff-before', text: valueText(c.coll, f.field, f.before, doc, people) }),
          el('span', { 'aria-hidden': 'true', text: ' → ' }),
          el('span', { class: 'visually-hidden', text: ` ${t('diff.becomes')} ` }),
          el('span', { class: 'tv-diff-after', text: valueText(c.coll, f.field, f.after, doc, people) }));
        if (f.setBy?.author) dd.append(el('span', { class: 'small tv-muted', text: ` · ${t('diff.setBy', { name: people.nameOf(f.setBy.author) })}` }));
      }
      dl.append(dd);
    }
    item.append(dl);
    list.append(item);
  }
  root.append(list, totalsTable(diff.budget?.before, diff.budget?.after, people));
  return root;
}

