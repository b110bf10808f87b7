// The draft, read only and in large type, for the presentation view: sections, objectives,
// activities and the budget. Entities changed a moment ago are highlighted with who changed
// them; entities someone is on carry their name. User text only through textContent.
import { t } from '../i18n.js';
import { el, clear } from '../ui/dom.js';
import { formatEuro } from '../ui/money.js';
import { colourIndex } from '../ui/colors.js';

export function keyOf(coll, id) { return `${coll}/${id}`; }

function marks(coll, id, o) {
  const k = keyOf(coll, id);
  const classes = ['tv-p-entity'];
  const change = o.changed.get(k);
  if (change) classes.push('tv-p-changed');
  if (o.followed === k) classes.push('tv-p-followed');
  const who = o.focusBy.get(k) ?? [];
  const badges = [];
  if (change) badges.push(el('span', { class: 'tv-p-change', text: t('present.changedBy', { name: o.nameOf(change.author) }) }));
  for (const u of who) badges.push(el('span', { class: `tv-p-here c${colourIndex(u)}`, text: o.nameOf(u) }));
  return { k, cls: classes.join(' '), badges: badges.length ? el('div', { class: 'tv-p-badges' }, ...badges) : null };
}

const LEAD_HINT = 'present-lead-hint';

function entity(tag, coll, id, o, ...children) {
  const m = marks(coll, id, o);
  // a table row keeps its cells: the badges go inside the first one
  if (tag === 'tr' && m.badges && children[0]) children[0].prepend(m.badges);
  const node = el(tag, { class: m.cls, dataset: { key: m.k, coll, id } }, tag === 'tr' ? null : m.badges, ...children);
  if (o.onLead) {
    node.tabIndex = 0;
    node.setAttribute('role', 'button');
    // named by its own content (what a person sees), described by what activating it does
    node.setAttribute('aria-describedby', LEAD_HINT);
    node.addEventListener('click', (ev) => { ev.stopPropagation(); o.onLead(coll, id); });
    node.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); ev.stopPropagation(); o.onLead(coll, id); } });
  }
  return node;
}

function text(value, cls = 'tv-p-text') {
  return value ? el('p', { class: cls, text: value }) : null;
}

/**
 * Renders `doc` into `root`. o: {changed: Map key→{author}, focusBy: Map key→[user], followed:
 * key|null, nameOf(user), onLead(coll, id)|null}.
 */
export function renderDocument(root, doc, o) {
  const scrollY = window.scrollY;
  const out = [];
  if (o.onLead) out.push(el('span', { id: LEAD_HINT, hidden: true, text: t('present.leadTo') }));
  out.push(el('h2', { class: 'tv-p-part', text: t('doc.sections') }));
  for (const s of doc.ordered('sections')) {
    out.push(entity('section', 'sections', s.id, o, el('h3', { text: s.title || t('sections.untitled') }), text(s.body)));
  }
  const objectives = doc.ordered('objectives');
  if (objectives.length) {
    out.push(el('h2', { class: 'tv-p-part', text: t('doc.objectives') }));
    const general = objectives.filter(x => x.kind === 'generale');
    const ids = new Set(general.map(g => g.id));
    const specific = (g) => objectives.filter(x => x.kind !== 'generale' && x.parent === g);
    const objective = (x, level) => entity('section', 'objectives', x.id, o,
      el(level, { text: x.title || t('objectives.untitled') }), text(x.description), text(x.operational), text(x.indicators, 'tv-p-text small'));
    for (const g of general) {
      out.push(objective(g, 'h3'));
      for (const s of specific(g.id)) out.push(el('div', { class: 'tv-p-nested' }, objective(s, 'h4')));
    }
    for (const s of objectives.filter(x => x.kind !== 'generale' && !ids.has(x.parent))) out.push(objective(s, 'h4'));
  }
  const activities = doc.ordered('activities');
  if (activities.length) {
    out.push(el('h2', { class: 'tv-p-part', text: t('doc.activities') }));
    for (const a of activities) {
      const when = [a.start, a.end].filter(Boolean).join(' – ');
      out.push(entity('section', 'activities', a.id, o, el('h3', { text: a.title || t('present.untitled') }),
        when ? el('p', { class: 'small', text: when }) : null, text(a.description)));
    }
  }
  const budget = doc.ordered('budget');
  if (budget.length) {
    out.push(el('h2', { class: 'tv-p-part', text: t('doc.budget') }));
    let total = 0n;
    const rows = budget.map(b => {
      total += BigInt(b.amount ?? 0);
      return entity('tr', 'budget', b.id, o,
        // data-label: a phone shows each line as a card, every value under its name
        el('td', { text: b.description ?? '', dataset: { label: t('budget.description') } }),
        el('td', { text: b.nature ? t(`nature.${b.nature}`) : '', dataset: { label: t('budget.nature') } }),
        el('td', { text: b.category ? t(`category.${b.category}`) : '', dataset: { label: t('budget.category') } }),
        el('td', { class: 'text-end', text: formatEuro(b.amount ?? 0), dataset: { label: t('budget.amount') } }));
    });
    out.push(el('table', { class: 'table tv-p-budget' },
      el('thead', null, el('tr', null, ...['budget.description', 'budget.nature', 'budget.category', 'budget.amount']
        .map(k => el('th', { scope: 'col', text: t(k) })))),
      el('tbody', null, ...rows),
      el('tfoot', null, el('tr', null, el('th', { scope: 'row', colspan: 3, text: t('present.total') }),
        el('td', { class: 'text-end', text: formatEuro(total) })))));
  }
  clear(root).append(...out);
  window.scrollTo({ top: scrollY, behavior: 'instant' });
}
