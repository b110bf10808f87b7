// The budget as an editable table, with live totals per contributor and nature, per annualità,
// territorio and grouping, and the Third-Sector co-financing share (overall and per annualità), all
// recomputed from the lines at every render, so they follow what people type. Amounts are
// shown and typed the Italian way.
import { el, clear } from './dom.js';
import { t } from '../i18n.js';
import { KeyedList } from './keyed-list.js';
import { fillOptions, setIfIdle, uid, onCommit, entityActions, focusAfterDelete } from './fields.js';
import { formatEuro, formatAmount, parseEuro, formatShare } from './money.js';
import { budgetTotals } from '../engine/budget-totals.js';
import { ENUMS_LABELS } from './labels.js';

/** A project year (1-20) as "1ª annualità", a calendar year as is. */
function yearLabel(y) {
  return y <= 20 ? t('budget.projectYear', { n: y }) : String(y);
}

export class BudgetPanel {
  constructor(root, ctx) {
    this.ctx = ctx;
    const head = el('thead', null, el('tr', null,
      ...['budget.contributor', 'budget.natureCategory', 'budget.descriptionActivity', 'budget.amount', 'budget.actions']
        .map((k, i) => el('th', { scope: 'col', class: i === 3 ? 'text-end' : undefined, text: t(k) }))));
    const body = el('tbody', { id: 'budget-rows' });
    this.table = el('table', { class: 'table tv-budget-table', id: 'budget-table' },
      el('caption', { class: 'visually-hidden', text: t('budget.caption') }), head, body);
    this.addButton = el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'add-budget-line', text: t('budget.add'), onclick: () => this.add() });
    this.totals = el('div', { class: 'tv-totals', id: 'budget-totals', 'aria-live': 'polite' });
    root.append(el('div', { class: 'table-responsive' }, this.table), this.addButton, this.totals);
    this.rows = new KeyedList(body, {
      create: (line) => this.createRow(line),
      update: (row, line) => this.updateRow(row, line),
    });
  }

  /** The contributor choices (the same list for every line that keeps a tavolo organisation). */
  orgOptions(keep) {
    const memo = this.optionsMemo ??= new Map();
    const k = `org:${keep ?? ''}`;
    if (!memo.has(k)) memo.set(k, this.ctx.people.orgList(keep).map(o => ({ value: o.id, label: `${o.name} (${o.side})` })));
    return memo.get(k);
  }

  activityOptions() {
    const memo = this.optionsMemo ??= new Map();
    if (!memo.has('activities')) {
      memo.set('activities', [{ value: '', label: t('budget.noActivity') },
        ...this.ctx.doc.ordered('activities').map(a => ({ value: a.id, label: a.title || t('activities.untitled') }))]);
    }
    return memo.get('activities');
  }

  /**
   * Whether this line is another organisation's pledge (issue 15) that this person may not
   * change directly: always in live mode; in proposal mode a member's change becomes a
   * proposal (which the owner confirms), while a coordinator's would be applied, so refused.
   */
  othersPledge(line) {
    const mine = this.ctx.client.you?.org;
    if (!line.contributor || line.contributor === mine) return false;
    return this.ctx.client.mode !== 'proposal' || this.ctx.role === 'coordinator';
  }

  /** Whether the contributor of a line may be changed here: never to move a pledge live. */
  contributorLocked() {
    return this.ctx.client.mode !== 'proposal' || this.ctx.role === 'coordinator';
  }

  /** Project years 1-5 and calendar years around today; a value already set is kept as a choice. */
  yearOptions(keep) {
    const now = new Date().getFullYear();
    const years = [1, 2, 3, 4, 5, ...Array.from({ length: 12 }, (_, i) => now - 6 + i)];
    if (keep != null && !years.includes(keep)) years.push(keep);
    years.sort((a, b) => a - b);
    return [{ value: '', label: t('budget.noYear') }, ...years.map(y => ({ value: String(y), label: yearLabel(y) }))];
  }

  territorioOptions(keep) {
    const names = [...this.ctx.territori];
    if (keep && !names.includes(keep)) names.push(keep);
    return [{ value: '', label: t('budget.noTerritorio') }, ...names.map(n => ({ value: n, label: n }))];
  }

  lineName(line) {
    return line.description || t('budget.untitledLine');
  }

  createRow(line) {
    const ctx = this.ctx;
    const ro = !ctx.canEdit || this.othersPledge(line);
    const set = (field) => (v) => ctx.apply([{ op: 'set', coll: 'budget', id: line.id, field, value: v }]);
    // Two controls share a cell (nature and category, description and activity) so the table
    // fits beside the changes panel; each keeps its own accessible name.
    const cell = (...pairs) => {
      // data-label: on a phone each line is a card and the cell shows its name above it
      const td = el('td', { class: pairs.length > 1 ? 'tv-stack' : undefined, dataset: { label: pairs.filter((_, i) => i % 2 === 0).join(' · ') } });
      for (let i = 0; i < pairs.length; i += 2) {
        pairs[i + 1].setAttribute('aria-label', pairs[i]);
        td.append(pairs[i + 1]);
      }
      return td;
    };
    const contributor = el('select', { class: 'form-select form-select-sm', disabled: ro, dataset: { field: 'contributor' } });
    contributor.setAttribute('aria-label', t('budget.contributor'));
    contributor.addEventListener('change', () => set('contributor')(contributor.value));
    const nature = el('select', { class: 'form-select form-select-sm', disabled: ro, dataset: { field: 'nature' } });
    nature.addEventListener('change', () => set('nature')(nature.value));
    const category = el('select', { class: 'form-select form-select-sm', disabled: ro, dataset: { field: 'category' } });
    category.addEventListener('change', () => set('category')(category.value));
    const annualita = el('select', { class: 'form-select form-select-sm', disabled: ro, dataset: { field: 'annualita' } });
    annualita.addEventListener('change', () => set('annualita')(annualita.value === '' ? null : Number(annualita.value)));
    const territorio = el('select', { class: 'form-select form-select-sm', disabled: ro, dataset: { field: 'territorio' } });
    territorio.addEventListener('change', () => set('territorio')(territorio.value === '' ? null : territorio.value));
    const activity = el('select', { class: 'form-select form-select-sm', disabled: ro, dataset: { field: 'activity' } });
    activity.addEventListener('change', () => set('activity')(activity.value === '' ? null : activity.value));
    // A text area that grows with its text (CSS field-sizing): a long description wraps and is
    // read whole, never cut at the edge of a one-line input (issue 18). Still one line of
    // text: Enter commits, as in the other fields, and never breaks the line.
    const description = el('textarea', { rows: 1, class: 'form-control form-control-sm tv-description', readonly: ro, maxlength: 300, dataset: { field: 'description' } });
    description.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') ev.preventDefault(); });
    // While typing, its size stays put (sized to its text, each key would have the 300-row
    // table laid out again): it grows when the text needs another line, and fits the text
    // again on leaving.
    description.addEventListener('focus', () => {
      description.style.height = `${description.offsetHeight}px`;
      description.classList.add('tv-typing');
    });
    description.addEventListener('input', () => {
      if (description.scrollHeight > description.clientHeight) {
        description.style.height = `${description.scrollHeight + description.offsetHeight - description.clientHeight}px`;
      }
    });
    description.addEventListener('blur', () => {
      description.style.height = '';
      description.classList.remove('tv-typing');
    });
    onCommit(description, (v) => set('description')(v.replace(/\s*\n\s*/g, ' ')));
    const errId = uid('err');
    const amount = el('input', { type: 'text', inputmode: 'decimal', class: 'form-control form-control-sm text-end tv-amount', readonly: ro, dataset: { field: 'amount' }, 'aria-describedby': errId });
    const error = el('div', { id: errId, class: 'tv-amount-error small', hidden: true, text: t('budget.amountInvalid') });
    onCommit(amount, (v) => {
      const cents = parseEuro(v);
      if (cents === null) {
        amount.setAttribute('aria-invalid', 'true');
        error.hidden = false;
        return false;
      }
      amount.removeAttribute('aria-invalid');
      error.hidden = true;
      amount.value = formatAmount(cents);
      set('amount')(cents);
      return true;
    });
    const actions = entityActions({
      name: this.lineName(line), readOnly: ro,
      onUp: () => this.move(line.id, -1), onDown: () => this.move(line.id, 1), onDelete: () => this.remove(line.id),
    });
    // another party's line: read-only, with the way to change it
    const hint = el('div', { class: 'tv-pledge-hint small', hidden: true });
    const row = el('tr', { dataset: { id: line.id } },
      el('td', { dataset: { label: t('budget.contributor') } }, contributor, hint),
      cell(t('budget.nature'), nature, t('budget.category'), category, t('budget.annualita'), annualita,
        t('budget.territorio'), territorio),
      cell(t('budget.description'), description, t('budget.activity'), activity),
      el('td', { class: 'text-end tv-amount-cell', dataset: { label: t('budget.amount') } }, amount, error),
      el('td', null, actions));
    amount.setAttribute('aria-label', t('budget.amountLabel'));
    Object.assign(row, { contributor, nature, category, annualita, territorio, description, activity, amount, actions, hint, baseReadOnly: !ctx.canEdit });
    return row;
  }

  /** Another party's line is read-only here (the server refuses it anyway: not_your_pledge). */
  lockRow(row, line) {
    const foreign = this.ctx.canEdit && this.othersPledge(line);
    const ro = row.baseReadOnly || foreign;
    for (const c of [row.nature, row.category, row.annualita, row.territorio, row.activity]) c.disabled = ro;
    row.contributor.disabled = ro || this.contributorLocked();
    row.description.readOnly = ro;
    row.amount.readOnly = ro;
    row.classList.toggle('tv-others-pledge', foreign);
    row.hint.hidden = !foreign;
    if (foreign) {
      const org = this.ctx.people.orgName(line.contributor);
      if (row.hint.dataset.org !== org) {
        row.hint.dataset.org = org;
        row.hint.textContent = t('budget.othersPledge', { org });
      }
    }
  }

  updateRow(row, line) {
    this.lockRow(row, line);
    fillOptions(row.contributor, this.orgOptions(line.contributor), line.contributor);
    fillOptions(row.nature, ENUMS_LABELS.nature(), line.nature);
    fillOptions(row.category, ENUMS_LABELS.category(), line.category);
    fillOptions(row.annualita, this.yearOptions(line.annualita ?? null), line.annualita == null ? '' : String(line.annualita));
    fillOptions(row.territorio, this.territorioOptions(line.territorio ?? null), line.territorio ?? '');
    setIfIdle(row.description, line.description);
    fillOptions(row.activity, this.activityOptions(), line.activity);
    row.actions.setName(this.lineName(line));
    if (!(document.activeElement === row.amount && row.amount.dataset.dirty === 'true')) {
      const v = formatAmount(line.amount ?? 0);
      if (row.amount.value !== v && row.amount.getAttribute('aria-invalid') !== 'true') row.amount.value = v;
    }
    const editing = this.ctx.focusedBy('budget', line.id);
    row.classList.toggle('tv-remote-focus', editing.length > 0);
    const who = editing.map(u => this.ctx.people.nameOf(u)).join(', ');
    if (row.title !== who) row.title = who;
  }

  /**
   * scope (a RenderScope; none: everything): when only some lines' fields changed (typing,
   * someone's cursor), just those rows are updated; the totals are redrawn only if they differ.
   */
  render(scope) {
    if (scope && !scope.touches('budget', 'activities')) return;
    this.optionsMemo = null; // computed once per render, not once per row
    const only = scope && !scope.touches('activities') ? scope.only('budget') : null;
    if (only) {
      for (const id of only) {
        const row = this.rows.get(id);
        const fields = this.ctx.doc.get('budget', id);
        if (row && fields) this.updateRow(row, { id, ...fields });
      }
    } else {
      this.addButton.hidden = !this.ctx.canEdit;
      this.rows.render(this.ctx.doc.ordered('budget'));
    }
    this.renderTotals([...this.ctx.doc.collections.budget.values()]);
  }

  renderTotals(lines) {
    const people = this.ctx.people;
    const totals = budgetTotals(lines, org => people.sideOf(org));
    // a keystroke or a cursor elsewhere changes no total: keep the table as it is
    const sig = JSON.stringify([[...totals.byContributor.entries()].map(([o, c]) => [o, people.orgName(o), people.sideOf(o), c]),
      totals.byNature, totals.total, totals.ets, totals.byYear, totals.byTerritorio, this.ctx.groupings ?? []],
      (_, v) => (typeof v === 'bigint' ? String(v) : v instanceof Map ? [...v.entries()] : v));
    if (sig === this.totalsSig && this.totals.firstChild) return;
    this.totalsSig = sig;
    const rows = [...totals.byContributor.entries()]
      .sort((a, b) => people.orgName(a[0]).localeCompare(people.orgName(b[0]), 'it'))
      .map(([org, c]) => el('tr', { dataset: { org } },
        el('th', { scope: 'row', text: `${people.orgName(org)}${people.sideOf(org) ? ` (${people.sideOf(org)})` : ''}` }),
        el('td', { class: 'text-end', text: formatEuro(c.monetary) }),
        el('td', { class: 'text-end', text: formatEuro(c.in_kind) }),
        el('td', { class: 'text-end tv-contributor-total', text: formatEuro(c.total) })));
    const table = el('table', { class: 'table table-sm tv-totals-table', id: 'totals-table' },
      el('caption', { text: t('budget.totalsCaption') }),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: t('budget.contributor') }),
        el('th', { scope: 'col', class: 'text-end', text: t('nature.monetary') }),
        el('th', { scope: 'col', class: 'text-end', text: t('nature.in_kind') }),
        el('th', { scope: 'col', class: 'text-end', text: t('budget.total') }))),
      el('tbody', null, rows),
      el('tfoot', null, el('tr', null,
        el('th', { scope: 'row', text: t('budget.grandTotal') }),
        el('td', { class: 'text-end', id: 'total-monetary', text: formatEuro(totals.byNature.monetary) }),
        el('td', { class: 'text-end', id: 'total-in-kind', text: formatEuro(totals.byNature.in_kind) }),
        el('td', { class: 'text-end', id: 'total-all', text: formatEuro(totals.total) }))));
    const share = el('p', { class: 'tv-share', id: 'cofinancing' },
      el('strong', { text: t('budget.etsShare') }), ' ',
      el('span', { id: 'cofinancing-amount', text: formatEuro(totals.ets) }), ' · ',
      el('span', { id: 'cofinancing-share', text: t('budget.ofTotal', { share: formatShare(totals.ets, totals.total) }) }));
    clear(this.totals).append(table, share, this.partsTable('totals-by-year', t('budget.byYearCaption'),
      t('budget.annualita'), totals.byYear, k => (k === null ? t('budget.noYearTotal') : yearLabel(k))),
    this.partsTable('totals-by-territorio', t('budget.byTerritorioCaption'), t('budget.territorio'), totals.byTerritorio,
      k => (k === null ? t('budget.noTerritorioTotal') : k)));
    const groups = this.groupingsTable(totals.byContributor);
    if (groups) this.totals.append(groups);
  }

  /**
   * Totals per grouping of the tavolo (issue 15), as core/budget/Groupings sums them: each
   * member's contribution from the lines, zero for a member without lines. None: no table.
   */
  groupingsTable(byContributor) {
    const groupings = this.ctx.groupings ?? [];
    if (groupings.length === 0) return null;
    const rows = groupings.map(g => {
      let monetary = 0n;
      let inKind = 0n;
      for (const m of g.members ?? []) {
        const c = byContributor.get(m.organisation?.id);
        if (c) { monetary += c.monetary; inKind += c.in_kind; }
      }
      const capofila = (g.members ?? []).find(m => m.organisation?.id === g.capofila)?.organisation?.name
        ?? this.ctx.people.orgName(g.capofila);
      return el('tr', { dataset: { grouping: g.id } },
        el('th', { scope: 'row', text: g.name }),
        el('td', { text: capofila }),
        el('td', { text: (g.members ?? []).map(m => m.organisation?.name ?? '').join(', ') }),
        el('td', { class: 'text-end', text: formatEuro(monetary) }),
        el('td', { class: 'text-end', text: formatEuro(inKind) }),
        el('td', { class: 'text-end tv-grouping-total', text: formatEuro(monetary + inKind) }));
    });
    return el('table', { class: 'table table-sm tv-totals-table', id: 'totals-by-grouping' },
      el('caption', { text: t('budget.byGroupingCaption') }),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: t('budget.grouping') }),
        el('th', { scope: 'col', text: t('budget.capofila') }),
        el('th', { scope: 'col', text: t('budget.groupingMembers') }),
        el('th', { scope: 'col', class: 'text-end', text: t('nature.monetary') }),
        el('th', { scope: 'col', class: 'text-end', text: t('nature.in_kind') }),
        el('th', { scope: 'col', class: 'text-end', text: t('budget.total') }))),
      el('tbody', null, rows));
  }

  /** Totals per annualità or territorio, with the ETS co-financing and its share of each. */
  partsTable(id, caption, first, parts, label) {
    const rows = parts.map(p => el('tr', { dataset: { key: p.key === null ? '' : String(p.key) } },
      el('th', { scope: 'row', text: label(p.key) }),
      el('td', { class: 'text-end', text: formatEuro(p.monetary) }),
      el('td', { class: 'text-end', text: formatEuro(p.in_kind) }),
      el('td', { class: 'text-end tv-part-total', text: formatEuro(p.total) }),
      el('td', { class: 'text-end tv-part-ets', text: formatEuro(p.ets) }),
      el('td', { class: 'text-end tv-part-share', text: formatShare(p.ets, p.total) })));
    return el('table', { class: 'table table-sm tv-totals-table', id },
      el('caption', { text: caption }),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: first }),
        el('th', { scope: 'col', class: 'text-end', text: t('nature.monetary') }),
        el('th', { scope: 'col', class: 'text-end', text: t('nature.in_kind') }),
        el('th', { scope: 'col', class: 'text-end', text: t('budget.total') }),
        el('th', { scope: 'col', class: 'text-end', text: t('budget.etsCofinancing') }),
        el('th', { scope: 'col', class: 'text-end', text: t('budget.etsShareShort') }))),
      el('tbody', null, rows));
  }

  add() {
    const ctx = this.ctx;
    const id = ctx.newId();
    const orgs = ctx.people.orgList();
    const mine = ctx.client.you?.org;
    const contributor = orgs.find(o => o.id === mine)?.id ?? orgs[0]?.id ?? mine;
    ctx.apply([{ op: 'create', coll: 'budget', id, fields: { order: ctx.keyAfter(ctx.doc.ordered('budget')), contributor, nature: 'monetary', category: 'personale', description: '', amount: 0 } }]);
    this.render();
    this.rows.get(id)?.description.focus();
    ctx.announce(t('budget.added'));
  }

  move(id, dir) {
    const op = this.ctx.moveOp('budget', this.ctx.doc.ordered('budget'), id, dir);
    if (op) this.ctx.apply([op]);
  }

  remove(id) {
    const refocus = focusAfterDelete(this.rows.get(id), this.addButton);
    this.ctx.apply([{ op: 'delete', coll: 'budget', id }]);
    this.render();
    refocus();
    this.ctx.announce(t('budget.deleted'), { action: { label: t('toast.undo'), run: () => this.ctx.runUndo() } });
  }
}
