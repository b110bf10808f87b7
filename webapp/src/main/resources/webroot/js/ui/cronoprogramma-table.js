// The cronoprogramma as a real table (months across, activities down), recomputed from the
// activities' dates at every render. A month an activity runs in is marked by a visible block
// and by text for screen readers, so the table reads without colour.
import { el, clear } from './dom.js';
import { t } from '../i18n.js';
import { cronoprogramma } from '../engine/cronoprogramma.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export class CronoprogrammaTable {
  constructor(root) {
    this.wrap = el('div', { class: 'tv-crono', id: 'cronoprogramma' });
    root.append(el('h3', { class: 'h5 mt-3', id: 'cronoprogramma-title', text: t('crono.title') }), this.wrap);
  }

  render(activities) {
    const c = cronoprogramma(activities);
    const last = this.lastKey;
    const key = JSON.stringify(c);
    if (key === last) return; // nothing moved: keep the table (and any focus or scroll in it)
    this.lastKey = key;
    if (c.months.length === 0) {
      clear(this.wrap).append(el('p', { class: 'text-muted small', id: 'cronoprogramma-empty', text: t('crono.empty') }));
      return;
    }
    const monthLabel = (ym) => t(`month.${MONTHS[Number(ym.slice(5, 7)) - 1]}`);
    const head = el('tr', null, el('th', { scope: 'col', text: t('crono.activity') }),
      ...c.months.map(ym => el('th', { scope: 'col', class: 'tv-crono-month', dataset: { month: ym } },
        el('abbr', { title: `${monthLabel(ym)} ${ym.slice(0, 4)}`, text: `${monthLabel(ym).slice(0, 3)} ${ym.slice(2, 4)}` }))));
    const rows = c.rows.map(r => el('tr', { dataset: { id: r.id } },
      el('th', { scope: 'row', text: r.title || t('activities.untitled') }),
      ...r.active.map((on, i) => el('td', { class: on ? 'tv-crono-on' : 'tv-crono-off', dataset: { month: c.months[i] } },
        on ? el('span', { class: 'visually-hidden', text: t('crono.active') }) : null))));
    const table = el('table', { class: 'table table-sm table-bordered tv-crono-table', id: 'cronoprogramma-table' },
      el('caption', { text: t('crono.caption') }), el('thead', null, head), el('tbody', null, rows));
    clear(this.wrap).append(el('div', { class: 'table-responsive', tabindex: '0', role: 'region', 'aria-labelledby': 'cronoprogramma-title' }, table));
    if (c.truncated) this.wrap.append(el('p', { class: 'small text-muted', text: t('crono.truncated') }));
  }
}
