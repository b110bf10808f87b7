// Entry point: language, session, and a hash router between the views.
import { initI18n, setLang, currentLang, translateTree } from './i18n.js';
import { session, displayName, logout, onSessionEnd } from './api.js';
import { $ } from './ui/dom.js';
import { setupLogin, showLogin } from './ui/login-view.js';
import { showTavoli } from './ui/tavoli-view.js';
import { showTavolo } from './ui/tavolo-view.js';
import { showInvite } from './ui/invite-view.js';
import { showDocument, closeDocument } from './ui/doc-view.js';
import { ensureSeduteViews, routeSedute, closeSeduteViews, SEDUTE_VIEWS } from './sedute/views.js';
import { showTavoloSedute } from './sedute/tavolo-sedute.js';
import { attachFollow } from './sedute/follow.js';
import { showNotifications, refreshUnread } from './ui/notifications-view.js';

const VIEWS = ['login', 'tavoli', 'tavolo', 'invite', 'doc', 'notifiche', ...SEDUTE_VIEWS];

function showViews(...names) {
  for (const v of VIEWS) $(`#view-${v}`).hidden = !names.includes(v);
}

function refreshUserBox() {
  $('#user-box').hidden = !session.token;
  $('#user-name').textContent = session.token ? displayName(session.user) : '';
}

function focusHeading(sel) {
  const h = $(sel);
  if (h) h.focus({ preventScroll: true });
}

async function route() {
  refreshUserBox();
  const hash = location.hash || '#/';
  const invite = hash.match(/^#\/invito\/([^/]+)$/);
  const doc = hash.match(/^#\/doc\/([^/]+)\/([^/]+)(?:\/integrazione\/([^/]+))?$/);
  const tavolo = hash.match(/^#\/tavolo\/([^/]+)$/);
  if (!doc) closeDocument();
  if (await routeSedute(hash, showViews)) return;
  if (invite) {
    showViews('invite');
    await showInvite(decodeURIComponent(invite[1]));
    focusHeading('#invite-page-title');
    return;
  }
  if (!session.token) {
    showViews('login');
    showLogin();
    return;
  }
  refreshUnread();
  if (hash === '#/notifiche') {
    showViews('notifiche');
    await showNotifications();
    focusHeading('#notifiche-title');
    return;
  }
  if (doc) {
    showViews('doc');
    const revealed = await showDocument(decodeURIComponent(doc[1]), decodeURIComponent(doc[2]),
      doc[3] ? decodeURIComponent(doc[3]) : null);
    attachFollow(window.tavoloView);
    if (!revealed) focusHeading('#doc-title');
    return;
  }
  if (tavolo) {
    showViews('tavolo');
    await showTavolo(decodeURIComponent(tavolo[1]));
    await showTavoloSedute(decodeURIComponent(tavolo[1]));
    focusHeading('#tavolo-title');
    return;
  }
  showViews('tavoli');
  await showTavoli();
  focusHeading('#tavoli-title');
}

async function main() {
  await initI18n();
  ensureSeduteViews();
  translateTree(document);
  const langSelect = $('#lang-select');
  langSelect.value = currentLang();
  langSelect.addEventListener('change', () => setLang(langSelect.value));
  setupLogin(() => {
    const next = sessionStorage.getItem('tavolo.afterLogin');
    sessionStorage.removeItem('tavolo.afterLogin');
    const target = next ?? '#/tavoli';
    if (location.hash === target) route(); else location.hash = target;
  });
  $('#logout').addEventListener('click', async () => {
    closeDocument();
    closeSeduteViews();
    await logout();
    location.hash = '#/';
    route();
  });
  onSessionEnd(() => { closeDocument(); closeSeduteViews(); if (location.hash !== '#/') location.hash = '#/'; else route(); });
  // In-page links (the document's index) must not trip the hash router.
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest?.('a[href^="#doc-"]');
    if (!a) return;
    ev.preventDefault();
    const target = document.getElementById(a.getAttribute('href').slice(1));
    const heading = [...(target?.querySelectorAll('h2') ?? [])].find(h => h.offsetParent !== null);
    target?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  });
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

main();
