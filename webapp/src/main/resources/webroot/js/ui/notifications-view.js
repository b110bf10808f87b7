// Notifications: the unread count in the header, the inbox page (#/notifiche) with read
// marks, the email choice per kind, and the caller's mail (sent, waiting, or "would have
// been sent" when the server has no SMTP server). Live: a `notification` message over /ws
// updates the count at once. User text only through textContent (el()).
import { api, session } from '../api.js';
import { t, currentLang } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, clear, announce } from './dom.js';

const KINDS = ['integration_accepted', 'integration_rejected', 'integration_commented', 'integration_awaiting_confirmation',
  'seduta_convened', 'seduta_changed', 'seduta_cancelled', 'seduta_opened', 'verbale_ready',
  'verbale_remarks_open', 'verbale_approved', 'version_consolidated',
  'mention', 'reply'];
const CHOICES = ['immediate', 'digest', 'none'];
const PAGE = 30;

let ready = false;
let unreadOnly = false;
let next = null;

function when(iso) {
  return iso ? new Date(iso).toLocaleString(currentLang() === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '';
}

/** Shows `n` unread in the header (hidden at 0); the link's name says it to screen readers. */
export function setUnread(n) {
  const badge = $('#notify-count');
  const link = $('#notify-link');
  if (!badge || !link) return;
  badge.hidden = !n;
  badge.textContent = n ? String(n) : '';
  link.setAttribute('aria-label', n ? t('notify.linkUnread', { n }) : t('notify.link'));
}

/** Reads the unread count again (each page change; after marking read). */
export async function refreshUnread() {
  if (!session.token) return;
  try {
    setUnread((await api('GET', '/api/me/notifications/unread')).unread);
  } catch {
    // the count is a convenience: the page itself reports errors
  }
}

/** A `notification` message from /ws: the count, a polite announcement, and the page if it is open. */
export function notificationPushed(msg) {
  setUnread(msg.unread);
  const n = msg.notification;
  if (n) announce(t('notify.arrived', { what: label(n) }));
  if (!$('#view-notifiche')?.hidden) showNotifications();
}

function label(n) {
  const title = n.payload?.title ?? '';
  return t(`notify.kind.${n.kind}`) + (title ? `: ${title}` : '');
}

function item(n) {
  const text = label(n);
  const path = n.payload?.path;
  const head = path && path.startsWith('/#/')
    ? el('a', { href: path.slice(1), text, onclick: () => markRead(n, false) })
    : el('span', { text });
  const li = el('li', { class: `notify-item${n.read ? '' : ' notify-unread'}`, dataset: { id: String(n.id) } },
    el('p', { class: 'mb-1' }, n.read ? null : el('span', { class: 'badge bg-primary me-2', text: t('notify.new') }), head),
    n.payload?.body ? el('p', { class: 'small mb-1 notify-body', text: n.payload.body }) : null,
    el('p', { class: 'small tv-muted mb-1', text: [n.payload?.by, when(n.createdAt)].filter(Boolean).join(' · ') }));
  if (!n.read) {
    li.append(el('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', text: t('notify.markRead'),
      'aria-label': t('notify.markReadOf', { what: text }), onclick: () => markRead(n, true) }));
  }
  return li;
}

async function markRead(n, rerender) {
  try {
    const r = await api('POST', `/api/me/notifications/${encodeURIComponent(n.id)}/read`);
    setUnread(r.unread);
    if (rerender) { announce(t('notify.marked')); await showNotifications(); }
  } catch (e) {
    announce(errorText(e), { error: true });
  }
}

async function loadPage(reset) {
  const list = $('#notify-list');
  if (reset) { clear(list); next = null; }
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (unreadOnly) q.set('unread', 'true');
  if (next) q.set('before', String(next));
  const page = await api('GET', `/api/me/notifications?${q}`);
  page.items.forEach(n => list.append(item(n)));
  next = page.next;
  setUnread(page.unread);
  $('#notify-more').hidden = !next;
  $('#notify-empty').hidden = list.children.length > 0;
}

async function loadSettings() {
  const { email } = await api('GET', '/api/me/notification-settings');
  const rows = clear($('#notify-settings-rows'));
  for (const kind of KINDS) {
    const id = `notify-choice-${kind}`;
    const select = el('select', { id, name: kind, class: 'form-select form-select-sm' },
      ...CHOICES.map(c => el('option', { value: c, text: t(`notify.choice.${c}`) })));
    select.value = email[kind] ?? 'immediate';
    rows.append(el('tr', null,
      el('th', { scope: 'row' }, el('label', { for: id, text: t(`notify.kind.${kind}`) })),
      el('td', null, select)));
  }
}

async function loadMail() {
  const { smtp, mails } = await api('GET', '/api/me/mail?limit=20');
  $('#notify-mail-note').textContent = smtp ? t('notify.mailNote') : t('notify.mailNoSmtp');
  const list = clear($('#notify-mail'));
  for (const m of mails) {
    const state = m.sentAt ? t('notify.mailSent', { at: when(m.sentAt) })
      : m.gaveUpAt ? t('notify.mailGaveUp')
        : smtp ? t('notify.mailWaiting', { n: m.attempts }) : t('notify.mailWouldHave');
    list.append(el('li', { class: 'notify-mail-item' },
      el('details', null,
        el('summary', null, el('span', { text: m.subject }), el('span', { class: 'small tv-muted ms-2', text: `${state}${m.invitation ? ` · ${t('notify.withInvite')}` : ''}` })),
        el('pre', { class: 'small notify-mail-text', text: m.text }))));
  }
}

function setup() {
  if (ready) return;
  ready = true;
  $('#notify-all-read').addEventListener('click', async () => {
    try {
      const r = await api('POST', '/api/me/notifications/read');
      setUnread(r.unread);
      announce(t('notify.allMarked'));
      await loadPage(true);
    } catch (e) { announce(errorText(e), { error: true }); }
  });
  $('#notify-unread-only').addEventListener('change', (ev) => { unreadOnly = ev.target.checked; loadPage(true); });
  $('#notify-more').addEventListener('click', () => loadPage(false));
  $('#notify-settings').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const email = {};
    for (const s of ev.target.querySelectorAll('select')) email[s.name] = s.value;
    try {
      await api('PUT', '/api/me/notification-settings', { email });
      announce(t('notify.saved'));
    } catch (e) { announce(errorText(e), { error: true }); }
  });
}

export async function showNotifications() {
  setup();
  try {
    await Promise.all([loadPage(true), loadSettings(), loadMail()]);
  } catch (e) {
    announce(t('notify.loadFailed', { message: errorText(e) }), { error: true });
  }
}
