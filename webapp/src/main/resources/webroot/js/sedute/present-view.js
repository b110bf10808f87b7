// The presentation view: the document in large type for sharing on a call, read only, with
// live changes highlighted, who is connected and where they are, the agenda item in
// discussion, and "follow": the part the coordinator points at scrolls into view. The same
// view serves guests of a read-only link (#/segui/<token>), who connect without an account.
import { api, freshToken } from '../api.js';
import { t, onLangChange } from '../i18n.js';
import { el, clear, announce } from '../ui/dom.js';
import { CollabClient } from '../engine/client.js';
import { colourIndex } from '../ui/colors.js';
import { originName } from '../ui/people.js';
import { renderDocument, keyOf } from './doc-render.js';
import { scrollToFocus } from './follow.js';

const FLASH_MS = 6000;

/** A protocol client that says hello with a viewer link's secret, and never shares a focus. */
class ViewerClient extends CollabClient {
  constructor(opts) {
    super({ ...opts, token: () => 'viewer' });
    this.secret = opts.secret;
  }

  sendRaw(msg) {
    if (msg.type === 'hello') {
      const { token, ...rest } = msg;
      return super.sendRaw({ ...rest, viewer: this.secret });
    }
    if (msg.type === 'presence') return false;
    return super.sendRaw(msg);
  }
}

let current = null;

/** #/presenta/<tavolo>/<seduta>/<doc>: a logged-in member presents (or watches) a document. */
export async function showPresentation(root, tavoloId, sedutaId, docId) {
  if (current && current.key === `p/${sedutaId}/${docId}`) return;
  closePresentation();
  current = new PresentView(root, { key: `p/${sedutaId}/${docId}`, docId, tavoloId, sedutaId });
  await current.start();
}

/** #/segui/<token>[/<doc>]: a guest watches through a read-only link. */
export async function showViewer(root, secret, docId) {
  if (current && current.key === `v/${secret}/${docId ?? ''}`) return;
  closePresentation();
  current = new PresentView(root, { key: `v/${secret}/${docId ?? ''}`, secret, docId });
  await current.start();
}

export function closePresentation() {
  if (current) { current.stop(); current = null; }
}

class PresentView {
  constructor(root, o) {
    this.root = root;
    this.o = o;
    this.key = o.key;
    this.following = true;
    this.changed = new Map(); // "coll/id" -> {until, author}
    this.presence = new Map(); // client -> {user, focus, follow}
    this.members = [];
    this.cleanups = [];
  }

  async start() {
    const root = clear(this.root);
    this.root.dataset.ready = '';
    root.className = 'view tv-present';
    this.header = el('header', { class: 'tv-present-head' });
    this.banner = el('p', { id: 'present-item', class: 'tv-present-item', role: 'status', 'aria-live': 'polite' });
    this.people = el('ul', { id: 'present-people', class: 'tv-present-people list-unstyled', 'aria-label': t('present.people') });
    this.statusBox = el('span', { id: 'present-connection', class: 'tv-connection', role: 'status' });
    this.followBox = el('input', { type: 'checkbox', id: 'present-follow', class: 'form-check-input', role: 'switch', checked: true });
    this.followBox.addEventListener('change', () => { this.following = this.followBox.checked; });
    this.docBox = el('article', { id: 'present-doc', class: 'tv-present-doc', 'aria-live': 'off' });
    root.append(this.header, this.banner,
      el('div', { class: 'tv-present-bar' }, this.statusBox,
        el('div', { class: 'form-check form-switch tv-switch' }, this.followBox,
          el('label', { class: 'form-check-label', for: 'present-follow', text: t('follow.follow') })),
        this.people),
      this.docBox);

    let info;
    try {
      info = this.o.secret ? await api('GET', '/api/viewer', undefined, { 'Tavolo-Viewer': this.o.secret }) : await this.loadSeduta();
    } catch (e) {
      this.fail(e.code === 'link_revoked' ? t('present.linkRevoked') : t('present.notFound'));
      return;
    }
    this.info = info;
    const docs = info.documents ?? [];
    const doc = docs.find(d => d.id === this.o.docId) ?? docs[0];
    if (!doc) { this.fail(t('present.noDocument')); return; }
    this.docId = doc.id;
    this.docTitle = doc.title;
    this.renderHeader(docs);
    this.renderBanner(info.seduta);
    if (this.o.secret) this.renderPublicFiles();

    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const tavolo = this.o.tavoloId ?? info.seduta?.tavoloId;
    // ?tavolo= is for a proxy in front of several processes: it routes a tavolo to one of them
    const url = `${proto}//${location.host}/ws${tavolo ? `?tavolo=${encodeURIComponent(tavolo)}` : ''}`;
    this.client = this.o.secret
      ? new ViewerClient({ url, docId: doc.id, secret: this.o.secret })
      : new CollabClient({ url, token: () => freshToken(), docId: doc.id });
    window.tavoloPresent = this;
    const c = this.client;
    this.cleanups.push(
      c.on('snapshot', () => this.queueRender()),
      c.on('welcome', (m) => { this.setMembers(m.members ?? []); for (const p of m.presence ?? []) this.onPresence(p); this.root.dataset.ready = 'true'; this.root.dataset.role = m.you?.role ?? ''; this.renderHeader(docs); }),
      c.on('remote', (e) => this.onRemote(e)),
      c.on('presence', (p) => this.onPresence(p)),
      c.on('members', (m) => this.setMembers(m)),
      c.on('status', () => this.renderStatus()),
      c.on('message', (m) => { if (m.type === 'seduta') this.onSeduta(m); }),
      c.on('auth', (e) => this.fail(e.code === 'token_revoked' || e.code === 'unauthorized'
        ? (this.o.secret ? t('present.linkRevoked') : t('present.sessionEnded')) : t('present.notFound'))),
      onLangChange(() => { this.renderHeader(docs); this.renderBanner(this.info?.seduta); this.queueRender(); }),
    );
    // as on the draft page: a projector on the room's Wi-Fi shows an outage at once and is
    // back the moment the network is, not at the next retry
    this.cleanups.push(c.followNetwork());
    this.renderStatus();
    c.connect();
  }

  async loadSeduta() {
    const s = await api('GET', `/api/sedute/${encodeURIComponent(this.o.sedutaId)}`);
    return { seduta: s, documents: s.documents, tavolo: null };
  }

  stop() {
    for (const fn of this.cleanups) fn();
    this.client?.close();
    clearTimeout(this.flashTimer);
    if (window.tavoloPresent === this) window.tavoloPresent = null;
    this.root.className = 'view';
  }

  fail(message) {
    this.client?.close();
    clear(this.docBox).append(el('div', { class: 'alert alert-warning', id: 'present-error', role: 'alert', text: message }));
    this.root.dataset.ready = 'failed';
  }

  renderHeader(docs) {
    const h = clear(this.header);
    const s = this.info?.seduta;
    h.append(el('p', { class: 'tv-present-kicker', text: this.o.secret ? t('present.guest') : t('present.title') }),
      el('h1', { id: 'present-title', tabindex: '-1', text: this.docTitle ?? '' }));
    if (s) h.append(el('p', { class: 'tv-present-seduta', text: s.title }));
    if (docs.length > 1) {
      const base = this.o.secret ? `#/segui/${encodeURIComponent(this.o.secret)}` : `#/presenta/${encodeURIComponent(this.o.tavoloId)}/${encodeURIComponent(this.o.sedutaId)}`;
      h.append(el('nav', { 'aria-label': t('present.otherDocs') }, el('ul', { class: 'list-inline' },
        ...docs.map(d => el('li', { class: 'list-inline-item' }, d.id === this.docId ? el('strong', { text: d.title })
          : el('a', { href: `${base}/${encodeURIComponent(d.id)}`, text: d.title }))))));
    }
    if (this.client?.you?.role === 'coordinator') h.append(el('p', { class: 'small tv-present-lead-help', text: t('present.leadHelp') }));
    if (this.publicFiles) h.append(this.publicFiles);
  }

  /** A guest's list of the tavolo's files a coordinator made public (none: nothing shown). */
  async renderPublicFiles() {
    let files = [];
    try { files = await api('GET', `/api/viewer/${encodeURIComponent(this.o.secret)}/files`); } catch { return; }
    if (!files.length) return;
    const base = `/api/viewer/${encodeURIComponent(this.o.secret)}/files`;
    this.publicFiles = el('section', { id: 'present-files', 'aria-labelledby': 'present-files-title' },
      el('h2', { id: 'present-files-title', class: 'h6', text: t('files.publicTitle') }),
      el('ul', { class: 'list-inline' }, ...files.map(f => el('li', { class: 'list-inline-item' },
        el('a', { href: `${base}/${encodeURIComponent(f.id)}/content`, download: f.name, text: f.name })))));
    this.header.append(this.publicFiles);
  }

  renderBanner(s) {
    if (!s) { this.banner.textContent = ''; return; }
    const item = (s.agenda ?? []).find(i => i.id === s.currentItem);
    this.banner.dataset.item = s.currentItem ?? '';
    this.banner.textContent = s.state === 'closed' ? t('present.closed')
      : item ? t('present.currentItem', { n: item.position + 1, title: item.title })
        : s.state === 'open' ? t('present.open') : t('present.planned');
  }

  onSeduta(m) {
    const s = this.info.seduta ?? {};
    s.state = m.state;
    s.currentItem = m.currentItem;
    if (m.item && !(s.agenda ?? []).some(i => i.id === m.item.id)) s.agenda = [...(s.agenda ?? []), m.item];
    this.info.seduta = s;
    this.renderBanner(s);
    announce(this.banner.textContent);
  }

  renderStatus() {
    const st = this.client?.status;
    this.statusBox.dataset.status = st ?? '';
    this.statusBox.textContent = t(`present.conn.${st ?? 'connecting'}`);
  }

  setMembers(members) {
    this.members = members;
    const list = clear(this.people);
    for (const m of members) {
      list.append(el('li', { class: `tv-person c${colourIndex(m.user)}`, dataset: { user: m.user } },
        el('span', { class: 'tv-dot', 'aria-hidden': 'true' }),
        el('span', { class: 'tv-person-name', text: m.name }),
        el('span', { class: 'tv-person-org', text: m.orgName ?? '' })));
    }
    this.queueRender();
  }

  nameOf(user) {
    const origin = originName(user);
    if (origin) return origin;
    return this.members.find(m => m.user === user)?.name ?? t('authors.former');
  }

  onPresence(p) {
    const key = p.client ?? p.user;
    if (!key || key === this.client?.clientId) return;
    if (p.focus) this.presence.set(key, { user: p.user, focus: p.focus, follow: !!p.follow });
    else this.presence.delete(key);
    if (p.follow && p.focus && this.following) {
      this.followed = keyOf(p.focus.coll, p.focus.id);
      this.renderNow();
      scrollToFocus(this.docBox, p.focus);
      this.root.dataset.followed = this.followed;
    } else {
      this.queueRender();
    }
  }

  onRemote(e) {
    const until = Date.now() + FLASH_MS;
    for (const op of e.ops ?? []) {
      if (op.coll && op.id) this.changed.set(keyOf(op.coll, op.id), { until, author: e.author });
    }
    this.queueRender();
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.queueRender(), FLASH_MS + 50);
  }

  queueRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => { this.renderQueued = false; this.renderNow(); });
  }

  renderNow() {
    if (!this.client?.doc) return;
    const now = Date.now();
    for (const [k, v] of this.changed) if (v.until < now) this.changed.delete(k);
    const focusBy = new Map();
    for (const v of this.presence.values()) {
      const k = keyOf(v.focus.coll, v.focus.id);
      if (!focusBy.has(k)) focusBy.set(k, []);
      focusBy.get(k).push(v.user);
    }
    const lead = this.client.you?.role === 'coordinator';
    renderDocument(this.docBox, this.client.doc, {
      changed: this.changed,
      focusBy,
      followed: this.followed,
      nameOf: (u) => this.nameOf(u),
      onLead: lead ? (coll, id) => this.lead(coll, id) : null,
    });
  }

  /** The coordinator points at an entity: everyone following scrolls to it. */
  lead(coll, id) {
    const field = coll === 'budget' ? 'description' : 'title';
    const focus = { coll, id, field };
    this.client.lastFocus = focus;
    this.client.sendRaw({ type: 'presence', focus, follow: true });
    this.followed = keyOf(coll, id);
    this.renderNow();
    announce(t('present.led'));
  }
}
