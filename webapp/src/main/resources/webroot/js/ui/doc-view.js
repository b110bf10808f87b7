// The live document page: connects the protocol client, renders the draft's panels, the
// presence bar, the connection indicator and the recent-changes panel.
import { $, el, clear, announce, put } from './dom.js';
import { t, onLangChange } from '../i18n.js';
import { errorText } from '../errors.js';
import { api, session, freshToken, refresh } from '../api.js';
import { CollabClient, Status } from '../engine/client.js';
import { People } from './people.js';
import { DocContext } from './doc-context.js';
import { SectionsPanel } from './sections-panel.js';
import { ObjectivesPanel } from './objectives-panel.js';
import { ActivitiesPanel } from './activities-panel.js';
import { BudgetPanel } from './budget-panel.js';
import { Outbox } from './outbox.js';
import { ChangesPanel } from './changes-panel.js';
import { colourIndex } from './colors.js';
import { RenderScope } from './render-scope.js';
import { IntegrationsPanel } from '../record/integrations-panel.js';
import { notificationPushed } from './notifications-view.js';
import { VersionsPanel } from '../record/versions-panel.js';
import { ProposalControls } from '../record/proposal-controls.js';
import { ThreadsPanel } from '../record/threads-panel.js';

let current = null;

/** Opens the draft; with {@code integration}, shows that integration's card (a notification's link). */
export async function showDocument(tavoloId, docId, integration = null) {
  if (!(current && current.docId === docId)) {
    closeDocument();
    current = new DocView(tavoloId, docId);
    await current.start();
  }
  return integration ? current.integrations?.reveal(integration) ?? false : false;
}

export function closeDocument() {
  if (current) { current.stop(); current = null; }
}

/** Nothing seen from someone for this long: shown as idle. */
const IDLE_MS = 120_000;
/** Departed people kept on show as offline, at most. */
const GONE_MAX = 20;
/** Unsent changes show as "saving" only after this long: most are acknowledged well before. */
const SAVING_SHOWN_AFTER_MS = 1000;

class DocView {
  constructor(tavoloId, docId) {
    this.tavoloId = tavoloId;
    this.docId = docId;
    this.people = new People();
    this.renderQueued = false;
    this.panels = null;
    this.cleanups = [];
    this.seenAt = new Map();     // user -> when this page last saw them do something
    this.gone = new Map();       // user -> their members entry, for those who left during this visit
    this.lastMembers = [];
    this.idleMs = IDLE_MS;
  }

  async start() {
    const root = $('#view-doc');
    $('#doc-title').textContent = t('doc.loading');
    clear($('#doc-panels'));
    $('#doc-tavolo-link').href = `#/tavolo/${encodeURIComponent(this.tavoloId)}`;
    this.loadTavolo();
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.client = new CollabClient({
      // ?tavolo= is for a proxy in front of several processes: it routes a tavolo to one of them
      url: `${proto}//${location.host}/ws?tavolo=${encodeURIComponent(this.tavoloId)}`,
      token: () => freshToken(),
      docId: this.docId,
    });
    window.tavoloClient = this.client; // for the browser tests and the curious
    window.tavoloView = this;
    this.ctx = new DocContext({
      client: this.client,
      people: this.people,
      onChange: (fill) => this.queueRender(fill),
      announce: (m, o) => announce(m, o),
    });
    this.changes = new ChangesPanel($('#changes-list'), this.people);
    this.buildRecordPanels();
    const c = this.client;
    this.cleanups.push(
      c.on('snapshot', (e) => this.onSnapshot(e)),
      c.on('welcome', (msg) => this.onWelcome(msg)),
      c.on('remote', (e) => this.onRemote(e)),
      c.on('ack', (e) => { this.changes.add({ ops: e.ops, author: c.you?.user }, c.doc, { quiet: true }); this.updateConnection(); }),
      c.on('pending', () => this.updateConnection()),
      c.on('doc', (d) => this.onDocState(d)),
      c.on('proposed', () => { announce(t('draft.becameProposal')); this.integrations.refresh(); }),
      // server messages other layers send: an integration changed (the panel reads it again,
      // no polling), a notification for me (the header's count)
      c.on('message', (m) => {
        if (m.type === 'integration' && m.doc === this.docId) this.integrations?.changed(m);
        else if (m.type === 'notification') notificationPushed(m);
      }),
      c.on('status', () => this.updateConnection()),
      c.on('presence', (msg) => { this.seen(msg.user); this.ctx.remotePresence(msg); }),
      c.on('members', (m) => this.onMembers(m)),
      c.on('error', (e) => this.onError(e)),
      c.on('rejected', (e) => announce(t('doc.rejected', { message: errorText(e) }), { error: true })),
      c.on('auth', (e) => {
        // Removed from the tavolo (or the document is gone): still logged in, just not here.
        if (e?.code === 'not_found' || e?.code === 'forbidden') { announce(t('doc.noLongerHere')); location.hash = '#/tavoli'; return; }
        session.clear(); location.hash = '#/';
      }),
      onLangChange(() => { this.buildRecordPanels(); this.rebuild(); this.refreshRecord(); }),
    );
    this.cleanups.push(c.followNetwork());
    // Renew the access token on the live connection before it expires.
    const timer = setInterval(async () => {
      if (session.expiresAt - Date.now() < 120_000) {
        try { c.sendToken(await refresh()); } catch { /* the reconnect will ask again */ }
      }
    }, 30_000);
    this.cleanups.push(() => clearInterval(timer));
    // idle comes with time, not with a message: look again every second
    const idleTimer = setInterval(() => {
      const members = this.client.members ?? [];
      const states = [...members.filter(m => !Array.isArray(m.clients) || m.clients.length > 0), ...this.gone.values()]
        .map(m => `${m.user ?? m.userId}:${this.presenceState(m.user ?? m.userId)}`).join(',');
      if (states !== this.presenceStates) this.renderPresence(members);
    }, 1000);
    this.cleanups.push(() => clearInterval(idleTimer));
    $('#toggle-authors').checked = false;
    $('#toggle-authors').onchange = (ev) => {
      this.ctx.setShowAuthors(ev.target.checked);
      document.body.classList.toggle('show-authors', ev.target.checked);
    };
    // Ctrl+Z / Ctrl+Y anywhere in the draft (the editors have their own keymap; a field with
    // uncommitted typing keeps the browser's own undo of that typing).
    const onKey = (ev) => {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      const k = ev.key.toLowerCase();
      if (k !== 'z' && k !== 'y') return;
      const target = ev.target;
      if (target.closest?.('.cm-editor') || !target.closest?.('#doc-panels, .tv-toolbar')) return;
      if (target.matches('input, textarea') && target.dataset.dirty === 'true') return;
      ev.preventDefault();
      if (k === 'y' || ev.shiftKey) this.ctx.runRedo(); else this.ctx.runUndo();
    };
    root.addEventListener('keydown', onKey);
    this.cleanups.push(() => root.removeEventListener('keydown', onKey));
    $('#undo-button').onclick = () => this.ctx.runUndo();
    $('#redo-button').onclick = () => this.ctx.runRedo();
    // Unsent edits of a tab closed before they reached the server: resumed as a reconnect.
    this.outbox = new Outbox(session.user?.id ?? '', this.docId);
    const saved = await this.outbox.claim();
    if (saved) {
      c.restoreUnsent(saved);
      if (c.hold) this.proposals.wantHold = true;
    }
    this.outbox.hold(c.clientId);
    const keep = () => this.queueSave();
    this.cleanups.push(c.on('pending', keep), c.on('resync', keep), c.on('snapshot', keep), c.on('ack', keep));
    // A closed tab or a reload: save now, and ask before leaving while edits are unsent.
    const onHide = () => { if (document.visibilityState === 'hidden') this.saveNow(); };
    const onLeave = (ev) => {
      this.saveNow();
      if (c.pendingCount() > 0) { ev.preventDefault(); ev.returnValue = ''; }
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onLeave);
    this.cleanups.push(() => { document.removeEventListener('visibilitychange', onHide); window.removeEventListener('beforeunload', onLeave); });
    this.updateConnection();
    c.connect();
    root.dataset.doc = this.docId;
  }

  /** The record's panels: integrations beside the draft, versions below it, the proposal controls. */
  buildRecordPanels() {
    this.integrations?.destroy();
    this.threads?.destroy();
    const say = (m, o) => announce(m, o);
    this.threads = new ThreadsPanel({ root: clear($('#threads-box')), docId: this.docId, ctx: this.ctx, announce: say });
    this.integrations = new IntegrationsPanel({ root: clear($('#integrations-box')), docId: this.docId, ctx: this.ctx, announce: say });
    this.versionsPanel = new VersionsPanel({ root: clear($('#doc-record-body')), docId: this.docId, ctx: this.ctx, announce: say });
    this.proposals = new ProposalControls({
      docId: this.docId, ctx: this.ctx,
      onProposed: async (i) => {
        await this.integrations.refresh();
        document.getElementById(`integration-${i.id}`)?.focus();
      },
    });
  }

  refreshRecord() {
    if (!this.client.you) return;
    this.integrations.refresh();
    this.threads.refresh();
    this.versionsPanel.refresh();
  }

  /** Mode or lock changed (a coordinator, here or elsewhere). */
  onDocState(d) {
    this.proposals.sync();
    this.updateNotes();
    this.versionsPanel.render();
    this.rebuildIfAccessChanged(); // editors become read-only, or editable again
    announce(d.locked ? t('mode.lockedNow') : d.mode === 'proposal' ? t('mode.proposalNow') : t('mode.liveNow'));
  }

  updateNotes() {
    const note = $('#doc-readonly-note');
    const observer = this.ctx.role === 'observer';
    note.hidden = !observer && !this.client.locked;
    note.textContent = observer ? t('doc.readOnly') : t('doc.lockedNote');
    $('#undo-button').hidden = $('#redo-button').hidden = !this.ctx.canEdit;
  }

  /**
   * The unsent edits to IndexedDB, at most every 300 ms while typing. A whole-draft copy (some
   * milliseconds for a 200 KB draft): made in an idle moment, not between a keystroke and its
   * frame; a hidden or closed tab saves at once (saveNow).
   */
  queueSave() {
    if (this.saveQueued) return;
    this.saveQueued = true;
    const idle = window.requestIdleCallback ?? ((fn) => setTimeout(fn, 0));
    setTimeout(() => idle(() => { if (this.saveQueued) this.saveNow(); }, { timeout: 1000 }), 300);
  }

  saveNow() {
    this.saveQueued = false;
    if (!this.outbox || !this.client) return undefined;
    return this.outbox.save(this.client.unsentState());
  }

  stop() {
    // leaving the draft inside the app: what is unsent stays in the outbox for the next visit
    if (this.outbox) { this.saveNow(); this.outbox.release(); }
    this.integrations?.destroy();
    this.threads?.destroy();
    for (const fn of this.cleanups) fn();
    this.client?.close();
    this.ctx?.destroy();
    if (window.tavoloClient === this.client) { window.tavoloClient = null; window.tavoloView = null; }
    document.body.classList.remove('show-authors');
    delete $('#view-doc').dataset.ready;
  }

  async loadTavolo() {
    try {
      const [tavolo, orgs, atTavolo, territori, groupings] = await Promise.all([
        api('GET', `/api/tavoli/${encodeURIComponent(this.tavoloId)}`),
        api('GET', '/api/organisations').catch(() => []),
        api('GET', `/api/tavoli/${encodeURIComponent(this.tavoloId)}/organisations`).catch(() => null),
        api('GET', `/api/tavoli/${encodeURIComponent(this.tavoloId)}/territori`).catch(() => null),
        api('GET', `/api/tavoli/${encodeURIComponent(this.tavoloId)}/groupings`).catch(() => null),
      ]);
      // the tavolo's groupings (RTI, ATI...), whose totals the budget panel sums from the lines (issue 15)
      if (Array.isArray(groupings)) this.ctx.groupings = groupings;
      // what a budget line's territorio may name (the server checks it again)
      if (territori) this.ctx.territori = territori.territori ?? [];
      // names for every organisation the document may mention; choices among this tavolo's
      this.people.addOrganisations(orgs);
      if (atTavolo) this.people.setTavoloOrganisations(atTavolo);
      $('#doc-tavolo-link').textContent = tavolo.title;
      const doc = (tavolo.documents ?? []).find(d => d.id === this.docId);
      if (doc && !this.titleFromWelcome) $('#doc-title').textContent = doc.title;
      this.tavolo = tavolo;
      // what the avviso asks in each section, for a document from a schema di progetto
      this.ctx.guidance = await api('GET', `/api/documents/${encodeURIComponent(this.docId)}/guidance`).catch(() => null);
      this.queueRender();
    } catch { /* the live connection reports access problems */ }
  }

  onSnapshot(e) {
    this.ctx.resetUndo();
    if (e.lost) announce(t('doc.lostPending', { count: e.lost }));
    if (e.restored) announce(t('doc.restoredUnsent', { count: e.restored }));
    this.rebuild();
  }

  onWelcome(msg) {
    if (msg.title) { $('#doc-title').textContent = msg.title; this.titleFromWelcome = true; }
    // (re)connected: integration messages sent while away were missed, read the panel again
    if (this.welcomedOnce) this.integrations?.changed();
    this.welcomedOnce = true;
    if (msg.members) this.onMembers(msg.members);
    // the welcome lists every cursor there is now: after a reconnect (perhaps to another
    // server process) a cursor remembered from before and not listed has gone
    const listed = new Set((msg.presence ?? []).map(p => p.client ?? p.user));
    for (const [key, v] of [...this.ctx.remoteFocus]) {
      if (!listed.has(key)) this.ctx.remotePresence({ client: key, user: v.user, focus: null });
    }
    for (const p of msg.presence ?? []) this.ctx.remotePresence(p);
    const view = $('#view-doc');
    // A new role arrives only with a welcome: the server closes a connection whose user was
    // promoted, demoted or removed (role_changed) and the client comes back with a new hello.
    if (this.welcomedRole && this.welcomedRole !== this.ctx.role) announce(t('doc.roleNow', { role: t(`role.${this.ctx.role}`) }));
    this.welcomedRole = this.ctx.role;
    view.dataset.role = this.ctx.role;
    view.dataset.ready = 'true';
    this.updateNotes();
    this.rebuildIfAccessChanged();
    this.proposals.sync();
    this.refreshRecord();
    this.updateConnection();
  }

  onMembers(members) {
    const now = new Set(members.filter(m => !Array.isArray(m.clients) || m.clients.length > 0).map(m => m.user ?? m.userId));
    for (const m of this.lastMembers) {
      const id = m.user ?? m.userId;
      if (!now.has(id)) this.gone.set(id, m);
    }
    for (const id of now) {
      this.gone.delete(id);
      if (!this.seenAt.has(id)) this.seenAt.set(id, Date.now());
    }
    // bounded: the oldest departures go first
    while (this.gone.size > GONE_MAX) this.gone.delete(this.gone.keys().next().value);
    this.lastMembers = members.filter(m => now.has(m.user ?? m.userId));
    this.people.setMembers(members);
    const live = new Set();
    for (const m of members) for (const cl of m.clients ?? []) live.add(cl);
    if (members.some(m => Array.isArray(m.clients))) this.ctx.pruneCursors(live);
    this.renderPresence(members);
    this.queueRender();
  }

  /** Someone did something (moved, selected, typed): not idle. */
  seen(user) {
    if (!user) return;
    const wasIdle = this.presenceState(user) === 'idle';
    this.seenAt.set(user, Date.now());
    if (wasIdle) this.renderPresence(this.client.members);
  }

  /**
   * connected / idle / offline, from what this page saw: the protocol's presence carries no
   * idle flag (the server relays only focus, typing and follow), so idle is inferred here —
   * nothing from that person (cursor, selection, change) for `idleMs` — and offline is someone
   * who was in `members` during this visit and left it.
   */
  presenceState(user) {
    if (this.gone.has(user)) return 'offline';
    if (user === this.client.you?.user) return 'connected';
    return Date.now() - (this.seenAt.get(user) ?? Date.now()) > this.idleMs ? 'idle' : 'connected';
  }

  onRemote(e) {
    this.seen(e.author);
    this.ctx.remoteApplied(e.ops);
    this.changes.add(e, this.client.doc);
    this.queueRender(s => s.addOps(e.ops));
    // An accepted integration or a restored version: the record changed too.
    if (/^(integration|restore):/.test(e.client ?? '')) this.refreshRecord();
  }

  onError(e) {
    if (e.clientSeq === undefined || e.clientSeq === null) {
      if (e.code === 'forbidden') announce(t('doc.forbidden'));
    }
  }

  /** Builds the panels from scratch (new snapshot, language change). */
  rebuild() {
    if (!this.client.doc) return;
    this.ctx.destroy();
    this.renderedAccess = this.access();
    const panels = clear($('#doc-panels'));
    panels.classList.remove('tv-settled');
    const section = (id, titleKey) => {
      const body = el('div', { class: 'tv-panel-body' });
      panels.append(el('section', { id, class: 'tv-panel', 'aria-labelledby': `${id}-title` },
        el('h2', { id: `${id}-title`, class: 'h3', tabindex: '-1', text: t(titleKey) }), body));
      return body;
    };
    this.panels = [
      new SectionsPanel(section('doc-sections', 'doc.sections'), this.ctx),
      new ObjectivesPanel(section('doc-objectives', 'doc.objectives'), this.ctx),
      new ActivitiesPanel(section('doc-activities', 'doc.activities'), this.ctx),
      new BudgetPanel(section('doc-budget', 'doc.budget'), this.ctx),
    ];
    this.renderNow();
    // once laid out whole (the frame after next), panels out of sight may skip layout (app.css)
    requestAnimationFrame(() => requestAnimationFrame(() => panels.classList.add('tv-settled')));
  }

  /** What the panels were built for: every input, select, button and editor follows it. */
  access() { return `${this.ctx.role}/${this.ctx.canEdit}`; }

  /**
   * The panels are built editable or read-only, so a change of role or lock rebuilds them
   * (rare: it beats keeping every field's read-only state in step by hand).
   */
  rebuildIfAccessChanged() {
    if (this.renderedAccess !== undefined && this.renderedAccess !== this.access()) this.rebuild();
  }

  /**
   * Redraws in the next frame what `fill(scope)` says changed (see RenderScope); without
   * `fill`, everything. Changes before that frame are drawn together.
   */
  queueRender(fill) {
    const scope = this.renderScope ??= new RenderScope();
    if (fill) fill(scope); else scope.everything();
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      const s = this.renderScope;
      this.renderScope = null;
      this.renderNow(s);
    });
  }

  renderNow(scope = new RenderScope().everything()) {
    if (!this.client.doc || !this.panels) return;
    for (const p of this.panels) p.render(scope);
    if (scope.structural()) {
      this.integrations.flagEntities();
      this.threads.highlight(); // editors built anew get their marks again (batches queue their own)
    }
    this.updateConnection();
  }

  updateConnection() {
    const box = $('#connection');
    if (!box || !this.client) return;
    const pending = this.client.pendingCount() - this.client.draftCount();
    const status = this.client.status;
    // "Saving n changes" only for changes still unsent after SAVING_SHOWN_AFTER_MS: a keystroke
    // saved at once does not flash it (nor write the toolbar twice, which costs the whole
    // page's style and layout on every key: issue 18).
    let shown = pending;
    if (pending === 0) {
      clearTimeout(this.savingTimer);
      this.savingTimer = null;
      this.savingShown = false;
    } else if (status === Status.ONLINE && !this.savingShown) {
      shown = 0;
      this.savingTimer ??= setTimeout(() => {
        this.savingTimer = null;
        this.savingShown = true;
        this.updateConnection();
      }, SAVING_SHOWN_AFTER_MS);
    } else if (status !== Status.ONLINE) {
      this.savingShown = true; // back online, the changes kept meanwhile show until sent
    }
    let key;
    if (status === Status.ONLINE) key = shown ? 'conn.onlineSaving' : 'conn.online';
    else if (status === Status.OFFLINE) key = 'conn.offline';
    else if (status === Status.CONNECTING) key = 'conn.connecting';
    else key = 'conn.reconnecting';
    put(box, 'data-status', status);
    put(box, 'data-pending', String(shown));
    put(box, 'textContent', t(key, { count: shown }));
    if (this.proposals) this.proposals.sync();
    put($('#undo-button'), 'disabled', !this.ctx.undo.canUndo());
    put($('#redo-button'), 'disabled', !this.ctx.undo.canRedo());
  }

  renderPresence(members) {
    const list = clear($('#presence-list'));
    const here = members.filter(m => !Array.isArray(m.clients) || m.clients.length > 0);
    const states = [];
    // the others first, yourself last: on a one-line toolbar the list is cut at its end, and
    // who else is here matters more than seeing yourself
    const mine = m => (m.user ?? m.userId) === this.client.you?.user;
    const ordered = [...here.filter(m => !mine(m)), ...this.gone.values(), ...here.filter(mine)];
    for (const m of ordered) {
      const id = m.user ?? m.userId;
      const me = id === this.client.you?.user;
      const state = this.presenceState(id);
      states.push(`${id}:${state}`);
      // organisation and side are read out, and shown on hover where the toolbar keeps to the name
      const title = [m.name, m.orgName, m.side].filter(Boolean).join(' — ');
      list.append(el('li', { class: `tv-person c${colourIndex(id)} tv-person-${state}`, title, dataset: { user: id, state } },
        el('span', { class: 'tv-dot', 'aria-hidden': 'true' }),
        el('span', { class: 'tv-person-name', text: me ? t('presence.me', { name: m.name }) : m.name }),
        state !== 'connected' ? el('span', { class: 'tv-person-state', text: t(`presence.${state}`) }) : null,
        el('span', { class: 'tv-person-org', text: m.orgName ?? '' }),
        el('span', { class: `badge tv-side tv-side-${(m.side ?? '').toLowerCase()}`, text: m.side ?? '' }),
        m.role === 'observer' ? el('span', { class: 'badge tv-role', text: t('role.observer') }) : null));
    }
    this.presenceStates = states.join(',');
    $('#presence-count').textContent = t('presence.count', { count: here.length });
  }
}
