// Entry point: language, session, and a hash router between the views.
import { initI18n, setLang, currentLang, translateTree } from './i18n.js';
import { session, displayName } from './api.js';
import { $ } from './ui/dom.js';
import { setupLogin, showLogin } from './ui/login-view.js';
import { showTavoli } from './ui/tavoli-view.js';

const views = ['login', 'tavoli', 'doc'];

function showView(name) {
  for (const v of views) $(`#view-${v}`).hidden = v !== name;
}

function refreshUserBox() {
  const user = session.user;
  $('#user-box').hidden = !session.token;
  $('#user-name').textContent = session.token ? displayName(user) : '';
}

async function route() {
  refreshUserBox();
  const hash = location.hash || '#/';
  if (!session.token) {
    showView('login');
    showLogin();
    return;
  }
  const doc = hash.match(/^#\/doc\/([^/]+)\/([^/]+)$/);
  if (doc) {
    showView('doc');
    const { showDocument } = await import('./ui/doc-view.js');
    await showDocument(decodeURIComponent(doc[1]), decodeURIComponent(doc[2]));
    return;
  }
  showView('tavoli');
  await showTavoli();
  $('#tavoli-title').focus?.();
}

async function main() {
  await initI18n();
  translateTree(document);
  const langSelect = $('#lang-select');
  langSelect.value = currentLang();
  langSelect.addEventListener('change', () => setLang(langSelect.value));
  setupLogin(() => {
    if (location.hash === '#/tavoli') route(); else location.hash = '#/tavoli';
  });
  $('#logout').addEventListener('click', () => {
    session.clear();
    location.hash = '#/';
    route();
  });
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

main();
