// The tavolo's audit trail (registro delle decisioni): the latest decisions first, older pages
// on request, and a check of the hash chain that links every row to the one before.
import { $, el, clear, announce } from '../ui/dom.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { api } from '../api.js';
import { when } from './integrations-panel.js';

const PAGE = 50;
let current = null;

const trail = (tavoloId, before) => `/api/tavoli/${encodeURIComponent(tavoloId)}/audit?order=desc&limit=${PAGE}`
  + (before ? `&before=${before}` : '');

export async function showAudit(tavoloId, members) {
  current = tavoloId;
  const names = new Map((members ?? []).map(m => [m.userId, m.name]));
  $('#audit-result').textContent = '';
  $('#audit-verify').onclick = () => verify(tavoloId);
  const older = $('#audit-older');
  older.hidden = true;
  clear($('#audit-rows'));
  // The server gives the latest rows, however long the trail: never all of it to keep the tail.
  const load = async (before) => {
    let list;
    try {
      list = await api('GET', trail(tavoloId, before));
    } catch (e) {
      $('#audit-result').textContent = t('audit.loadFailed', { message: errorText(e) });
      return;
    }
    if (current !== tavoloId) return;
    if (!before) {
      $('#audit-table').hidden = list.length === 0;
      if (!list.length) $('#audit-result').textContent = t('audit.empty');
    }
    for (const r of list) $('#audit-rows').append(row(r, names));
    const oldest = list.length ? list[list.length - 1].n : 1;
    older.hidden = list.length < PAGE || oldest <= 1;
    older.onclick = () => load(oldest);
  };
  await load(null);
}

function row(r, names) {
  const label = t(`audit.action.${r.action}`);
  let what = label === `audit.action.${r.action}` ? r.action : label;
  const d = r.details ?? {};
  const role = (w) => t(`audit.role.${w}`); // mid-sentence: lower case
  if (r.action === 'role_changed' && d.from && d.to) what = t('audit.roleChange', { what, from: role(d.from), to: role(d.to) });
  else if (r.action === 'member_joined' && d.role) what = t('audit.joinedAs', { what, role: role(d.role) });
  else if (r.action === 'invitation_created' && d.role) what = t('audit.invitedAs', { what, role: role(d.role) });
  const who = (id) => names.get(id) ?? t('authors.former');
  if ((r.action === 'role_changed' || r.action === 'member_removed') && d.user) what = `${what} · ${who(d.user)}`;
  return el('tr', { dataset: { n: String(r.n), action: r.action } },
    el('td', { text: String(r.n) }),
    el('td', { text: when(r.at) }),
    el('td', { text: r.actor ? who(r.actor) : '—' }),
    el('td', { text: what }),
    el('td', null, el('code', { class: 'tv-hash', title: r.hash, text: `${String(r.hash ?? '').slice(0, 12)}…` })));
}

async function verify(tavoloId) {
  const out = $('#audit-result');
  try {
    const v = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/audit/verify`);
    out.textContent = v.ok ? t('audit.ok', { rows: v.rows }) : t('audit.bad', { row: v.firstBadRow ?? '?', reason: auditReason(v.problem) });
    out.dataset.ok = String(v.ok);
  } catch (e) {
    out.textContent = t('audit.loadFailed', { message: errorText(e) });
  }
  announce(out.textContent);
}

// The chain check names what is wrong with a stable code (core AuditChain); its English
// prose is never shown.
const AUDIT_PROBLEMS = { row_missing: 'audit.reason.missing', previous_hash: 'audit.reason.previousHash', content_hash: 'audit.reason.content' };
function auditReason(problem) {
  if (!problem) return '';
  return t(AUDIT_PROBLEMS[problem] || 'audit.reason.unknown');
}
