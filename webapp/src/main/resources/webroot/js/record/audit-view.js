// The tavolo's audit trail (registro delle decisioni): the latest decisions, and a check of
// the hash chain that links every row to the one before.
import { $, el, clear, announce } from '../ui/dom.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { when } from './integrations-panel.js';

const SHOWN = 50;
let current = null;

export async function showAudit(tavoloId, members) {
  current = tavoloId;
  const names = new Map((members ?? []).map(m => [m.userId, m.name]));
  $('#audit-result').textContent = '';
  $('#audit-verify').onclick = () => verify(tavoloId);
  const rows = clear($('#audit-rows'));
  let list;
  try {
    list = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/audit?limit=1000`);
  } catch (e) {
    $('#audit-result').textContent = t('audit.loadFailed', { message: e.message });
    return;
  }
  if (current !== tavoloId) return;
  $('#audit-table').hidden = list.length === 0;
  if (!list.length) $('#audit-result').textContent = t('audit.empty');
  for (const r of list.slice(-SHOWN).reverse()) {
    const label = t(`audit.action.${r.action}`);
    rows.append(el('tr', { dataset: { n: String(r.n), action: r.action } },
      el('td', { text: String(r.n) }),
      el('td', { text: when(r.at) }),
      el('td', { text: r.actor ? (names.get(r.actor) ?? t('authors.former')) : '—' }),
      el('td', { text: label === `audit.action.${r.action}` ? r.action : label }),
      el('td', null, el('code', { class: 'tv-hash', title: r.hash, text: `${String(r.hash ?? '').slice(0, 12)}…` }))));
  }
}

async function verify(tavoloId) {
  const out = $('#audit-result');
  try {
    const v = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/audit/verify`);
    out.textContent = v.ok ? t('audit.ok', { rows: v.rows }) : t('audit.bad', { row: v.firstBadRow ?? '?', reason: v.reason ?? '' });
    out.dataset.ok = String(v.ok);
  } catch (e) {
    out.textContent = t('audit.loadFailed', { message: e.message });
  }
  announce(out.textContent);
}
