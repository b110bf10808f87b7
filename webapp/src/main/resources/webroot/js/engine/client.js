// The protocol client (PROTOCOL.md, WebSocket /ws): one batch in flight, later local edits
// composed into a buffer, incoming batches transformed against both, acks, automatic reconnect
// with `since` and resend of the unacked batch under the same clientSeq.
import { DocumentState } from './document.js';
import { transformX, composeOps } from './ops-transform.js';
import { TextOperation } from './text-operation.js';

/**
 * The op log's client ids of a document's starting text (seed, import, template, copy): its
 * text is credited to `origin:<client>`, not to the person who brought it in, as the server's
 * authorship does (docs/protocol.md "Authorship").
 */
const STARTING_CLIENTS = ['seed', 'import', 'template', 'copy'];

export const Status = Object.freeze({
  CONNECTING: 'connecting',
  ONLINE: 'online',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
  CLOSED: 'closed',
});

export function randomId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address is not one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const BACKOFF_MS = [200, 500, 1000, 2000, 4000];

/**
 * The members list after a `members_diff`: entries in `set` replace the one with the same
 * `user` (or are added at the end), users in `gone` are dropped. A new array: listeners may
 * keep the previous one.
 */
export function applyMembersDiff(members, diff) {
  const gone = new Set(diff.gone ?? []);
  const set = new Map((diff.set ?? []).map(m => [m.user, m]));
  const out = [];
  for (const m of members) {
    if (gone.has(m.user)) continue;
    if (set.has(m.user)) {
      out.push(set.get(m.user));
      set.delete(m.user);
    } else {
      out.push(m);
    }
  }
  for (const m of set.values()) out.push(m);
  return out;
}

export class CollabClient {
  /**
   * @param {object} o
   * @param {string} o.url      ws(s)://host/ws
   * @param {() => string|Promise<string>} o.token  a current access token (may refresh first)
   * @param {string} o.docId
   * @param {(url: string) => WebSocket} [o.socketFactory]
   */
  constructor({ url, token, docId, socketFactory }) {
    this.url = url;
    this.token = token;
    this.docId = docId;
    this.socketFactory = socketFactory ?? (u => new WebSocket(u));
    this.clientId = randomId();
    this.nextClientSeq = 1;
    this.doc = null;          // local document: server state + inflight + buffer
    this.seq = null;          // last server seq reflected in doc
    this.inflight = null;     // {clientSeq, ops} sent, not yet acked
    this.buffer = null;       // ops made while a batch is in flight
    this.you = null;
    this.members = [];
    this.status = Status.CONNECTING;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.closed = false;
    this.listeners = new Map();
    this.lastFocus = null;
    this.hold = false;        // true: local changes stay here as a draft proposal, unsent
  }

  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, detail) {
    for (const fn of this.listeners.get(type) ?? []) {
      try { fn(detail); } catch (e) { console.error(`listener for ${type} failed`, e); }
    }
  }

  /**
   * What a closed tab must not lose (see ui/outbox.js): null when nothing is unsent. A held
   * draft (a personal draft, "Bozza personale") is kept too, marked `hold`: restored, it is
   * held again, the user's to propose, never sent unasked.
   */
  unsentState() {
    if (!this.doc || (!this.inflight && !this.buffer?.length)) return null;
    const authors = {};
    for (const [k, runs] of this.doc.authorship) {
      const [coll, id, field] = k.split('\u0000');
      ((authors[coll] ??= {})[id] ??= {})[field] = runs.runs.map(([length, author]) => [author, length]);
    }
    const plain = (ops) => JSON.parse(JSON.stringify(ops));
    return {
      clientId: this.clientId, nextClientSeq: this.nextClientSeq, seq: this.seq,
      mode: this.mode, locked: this.locked, hold: this.hold,
      doc: this.doc.toSnapshot(), authors: { collections: authors },
      inflight: this.inflight ? { clientSeq: this.inflight.clientSeq, ops: plain(this.inflight.ops) } : null,
      buffer: this.buffer?.length ? plain(this.buffer) : null,
    };
  }

  /**
   * Before connect(): resume the unsent edits of a tab that was closed. The hello then says
   * `since` its seq under its client id, so the welcome brings what it missed (its own batch
   * among them counting as the ack) and the batch in flight is resent under the same clientSeq.
   */
  restoreUnsent(saved) {
    this.clientId = saved.clientId;
    this.nextClientSeq = saved.nextClientSeq;
    this.seq = saved.seq;
    this.mode = saved.mode;
    this.locked = saved.locked;
    this.doc = DocumentState.fromSnapshot(saved.doc, saved.authors);
    this.inflight = saved.inflight ? { clientSeq: saved.inflight.clientSeq, ops: saved.inflight.ops } : null;
    this.buffer = saved.buffer ?? null;
    this.hold = !!saved.hold;
    this.restored = this.pendingCount();
  }

  /** Number of local ops not yet acknowledged by the server (a held draft included). */
  pendingCount() {
    return (this.inflight?.ops.length ?? 0) + (this.buffer?.length ?? 0);
  }

  /**
   * Holding: local changes are kept (and transformed against everyone else's, as any buffer)
   * but not sent, so they can be proposed as an integration instead of applied. Releasing
   * sends them as ordinary edits.
   */
  setHold(on) {
    this.hold = !!on;
    if (!this.hold) this.flush();
    this.emitPending();
  }

  /** The held draft: ops that apply to the server's document at `baseSeq`; null if none. */
  draft() {
    if (!this.hold || !this.buffer?.length || this.inflight) return null;
    return { baseSeq: this.seq, ops: this.buffer.map(op => ({ ...op })) };
  }

  draftCount() { return this.hold ? (this.buffer?.length ?? 0) : 0; }

  /** Forgets the held draft (it was proposed, or thrown away): the server's state again. */
  discardDraft() {
    if (!this.buffer?.length) return;
    this.resync();
  }

  connect() {
    this.closed = false;
    this.open();
  }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.resendTimer);
    if (this.socket) { this.socket.onclose = null; this.socket.close(); this.socket = null; }
    this.setStatus(Status.CLOSED);
  }

  /** Drops the connection as a network failure would; the client reconnects by itself. */
  dropConnection() {
    if (this.socket) this.socket.close();
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', { status, pending: this.pendingCount() });
  }

  open() {
    clearTimeout(this.retryTimer);
    let socket;
    try {
      socket = this.socketFactory(this.url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = async () => {
      let token;
      try { token = await this.token(); } catch (e) {
        // Only a refused session ends it; a server that cannot answer now (503 unavailable,
        // a 500, the network) keeps the token: connect again a little later.
        if (e?.status === undefined || e.status === 401) {
          this.emit('auth', { code: e?.code ?? 'unauthorized', message: e?.message });
          this.close();
        } else {
          socket.close(); // its onclose schedules the reconnect
        }
        return;
      }
      if (this.socket !== socket) return;
      this.sendRaw({
        type: 'hello', token, doc: this.docId, client: this.clientId,
        since: this.doc ? this.seq : null,
        // members_diff: after the welcome's list, only who joined, changed or left (docs/protocol.md)
        features: ['batch', 'members_diff'],
      });
    };
    socket.onmessage = (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      try { this.handle(msg); } catch (e) {
        // A message we cannot apply means our copy diverged: start again from a snapshot.
        console.error('cannot apply server message, resynchronising', e, msg);
        this.resync();
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.closed) this.scheduleReconnect();
    };
    socket.onerror = () => { /* onclose follows */ };
  }

  scheduleReconnect() {
    const offline = globalThis.navigator && navigator.onLine === false;
    this.setStatus(offline ? Status.OFFLINE : Status.RECONNECTING);
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => { if (!this.closed) this.open(); }, delay);
  }

  /**
   * The browser says the network is gone. An open socket can outlive the network by a long
   * while (TCP only notices when a send fails to arrive, and Chromium's emulated offline never
   * touches it), and meanwhile the page would say all is saved while edits went nowhere. Let
   * the socket go without waiting for a closing handshake that may never come, and wait,
   * showing offline, for the network (or for a retry that finds it after all).
   */
  networkLost() {
    if (this.closed || !this.socket) return;
    const socket = this.socket;
    this.socket = null;
    socket.onopen = socket.onmessage = socket.onclose = null;
    try { socket.close(); } catch { /* already failing: nothing to tell it */ }
    this.scheduleReconnect();
  }

  /** Try now (e.g. the browser says it is back online). */
  reconnectNow() {
    if (this.closed || this.socket) return;
    this.attempt = 0;
    this.open();
  }

  /**
   * Follows the browser's offline and online events ({@link networkLost}, {@link reconnectNow});
   * returns what stops following them, as on() does.
   */
  followNetwork(target = globalThis) {
    const online = () => this.reconnectNow();
    const offline = () => this.networkLost();
    target.addEventListener('online', online);
    target.addEventListener('offline', offline);
    return () => {
      target.removeEventListener('online', online);
      target.removeEventListener('offline', offline);
    };
  }

  resync() {
    this.inflight = null;
    this.buffer = null;
    this.doc = null;
    this.seq = null;
    this.emit('resync', {});
    if (this.socket) this.socket.close(); else this.scheduleReconnect();
  }

  sendRaw(msg) {
    if (this.socket && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify(msg));
      return true;
    }
    return false;
  }

  isOnline() { return this.status === Status.ONLINE; }

  handle(msg) {
    switch (msg.type) {
      case 'batch': for (const m of msg.messages ?? []) this.handle(m); return undefined;
      case 'welcome': return this.onWelcome(msg);
      case 'ack': return this.onAck(msg);
      case 'ops': return this.onOps(msg);
      case 'presence': return this.emit('presence', this.localPresence(msg));
      case 'members': this.members = msg.members ?? []; return this.emit('members', this.members);
      case 'members_diff': this.members = applyMembersDiff(this.members, msg); return this.emit('members', this.members);
      case 'error': return this.onError(msg);
      case 'doc': return this.onDocState(msg);
      case 'proposed': return this.onProposed(msg);
      default: return this.emit('message', msg);
    }
  }

  onWelcome(msg) {
    this.attempt = 0;
    this.you = msg.you ?? null;
    if (msg.limits) this.limits = msg.limits;
    if (msg.members) this.members = msg.members;
    this.onDocState(msg, false);
    if (msg.snapshot) {
      const hadPending = this.pendingCount();
      // A snapshot cannot be reconciled with local edits made against an older state.
      this.inflight = null;
      this.buffer = null;
      this.doc = DocumentState.fromSnapshot(msg.snapshot, msg.authors ?? msg.authorship);
      this.seq = msg.seq ?? msg.snapshot.seq ?? 0;
      this.emit('snapshot', { doc: this.doc, lost: hadPending, welcome: msg });
    } else {
      for (const batch of msg.ops ?? []) this.onOps(batch);
      if (typeof msg.seq === 'number' && msg.seq > this.seq) this.seq = msg.seq;
      if (this.restored !== undefined) {
        // resumed from a closed tab's outbox: the page has not drawn this copy yet
        this.emit('snapshot', { doc: this.doc, lost: 0, restored: this.restored, welcome: msg });
      }
    }
    this.restored = undefined;
    this.setStatus(Status.ONLINE);
    if (Array.isArray(msg.presence)) msg = { ...msg, presence: msg.presence.map(p => this.localPresence(p)) };
    this.emit('welcome', msg);
    if (this.inflight) this.sendInflight();
    else this.flush();
    if (this.lastFocus !== undefined) this.sendRaw({ type: 'presence', focus: this.lastFocus });
  }

  onAck(msg) {
    if (!this.inflight || msg.clientSeq !== this.inflight.clientSeq) return; // duplicate ack
    this.seq = Math.max(this.seq ?? 0, msg.seq);
    const acked = this.inflight;
    this.inflight = null;
    this.emit('ack', { clientSeq: acked.clientSeq, seq: msg.seq, ops: acked.ops });
    this.flush();
    this.emitPending();
  }

  onOps(msg) {
    if (this.seq !== null && msg.seq <= this.seq) return; // already have it
    if (msg.client === this.clientId) {
      // Our own batch, seen during catch-up because its ack was lost with the connection.
      if (this.inflight && msg.clientSeq === this.inflight.clientSeq) this.onAck(msg);
      else this.seq = msg.seq;
      return;
    }
    let remote = msg.ops ?? [];
    if (this.inflight) {
      const [inf, r] = transformX(this.inflight.ops, remote);
      this.inflight.ops = inf;
      remote = r;
    }
    if (this.buffer) {
      const [buf, r] = transformX(this.buffer, remote);
      this.buffer = buf;
      remote = r;
    }
    this.seq = msg.seq;
    // a document's starting text (seed, import...) is credited to its origin, as the server does
    this.doc.apply(remote, STARTING_CLIENTS.includes(msg.client) ? `origin:${msg.client}` : msg.author ?? null);
    this.emit('remote', { ops: remote, original: msg.ops, author: msg.author, client: msg.client, seq: msg.seq });
  }

  /** The document's mode (live / proposal) and lock, from the welcome or a `doc` message. */
  onDocState(msg, notify = true) {
    const mode = msg.mode ?? this.mode ?? 'live';
    const locked = msg.locked ?? this.locked ?? false;
    const changed = mode !== this.mode || locked !== this.locked;
    this.mode = mode;
    this.locked = locked;
    if (notify && changed) this.emit('doc', { mode, locked });
  }

  /** Proposal mode: our batch was recorded as an integration, not applied. */
  onProposed(msg) {
    if (!this.inflight || msg.clientSeq !== this.inflight.clientSeq) return;
    this.emit('proposed', { integration: msg.integration, baseSeq: msg.baseSeq, ops: this.inflight.ops });
    // The document does not hold it: take the server's state again (PROTOCOL: as for a refusal).
    this.resync();
  }

  onError(msg) {
    this.emit('error', msg);
    const ours = msg.clientSeq !== undefined && msg.clientSeq !== null && this.inflight && msg.clientSeq === this.inflight.clientSeq;
    if (ours && (msg.code === 'unavailable' || msg.code === 'rate_limited')) {
      // Not applied, and not refused either: send the same batch again a little later.
      const inflight = this.inflight;
      clearTimeout(this.resendTimer);
      this.resendTimer = setTimeout(() => { if (this.inflight === inflight) this.sendInflight(); }, 1000);
      return;
    }
    if (msg.code === 'client_taken') {
      // Our id is someone else's (docs/protocol.md): nothing of ours was committed under it,
      // so we reconnect under a fresh one and resend the unacked batch there.
      this.clientId = randomId();
      if (this.socket) this.socket.close();
      return;
    }
    if (msg.clientSeq !== undefined && msg.clientSeq !== null && this.inflight && msg.clientSeq === this.inflight.clientSeq) {
      // The server refused our batch (forbidden, locked, invalid): our copy holds edits the
      // server will never have. Take the server's state again.
      this.emit('rejected', { code: msg.code, message: msg.message, ops: this.inflight.ops });
      this.resync();
    } else if (['unauthorized', 'token_revoked', 'not_found'].includes(msg.code) || (msg.code === 'forbidden' && !this.doc)) {
      // Nothing to retry: the session or the document is gone.
      this.emit('auth', msg);
      this.close();
    }
    // token_expired: the server closes the connection; the reconnect asks for a fresh token.
  }

  /**
   * Someone's presence, with their cursor moved to where it falls in our copy. The server's
   * positions count in its text; ours also holds our unacked and buffered edits, so a remote
   * caret drawn as it comes sits off by their length wherever our edits precede it.
   */
  localPresence(msg) {
    const f = msg?.focus;
    if (!f || typeof f.anchor !== 'number' || typeof f.head !== 'number') return msg;
    let { anchor, head } = f;
    for (const ops of [this.inflight?.ops, this.buffer]) {
      for (const op of ops ?? []) {
        if (op.op !== 'text' || op.coll !== f.coll || op.id !== f.id || op.field !== f.field) continue;
        const edit = op.edit instanceof TextOperation ? op.edit : TextOperation.fromJSON(op.edit);
        anchor = edit.transformIndex(anchor);
        head = edit.transformIndex(head);
      }
    }
    if (anchor === f.anchor && head === f.head) return msg;
    return { ...msg, focus: { ...f, anchor, head } };
  }

  /**
   * Applies local ops to the document now and queues them for the server. Returns the inverse
   * ops (for undo). `author` credits the text locally until the server's broadcast agrees.
   */
  submit(ops, author) {
    if (!this.doc) throw new Error('no document yet');
    if (!ops.length) return [];
    const inverse = this.doc.apply(ops, author ?? this.you?.user ?? null);
    this.buffer = this.buffer ? composeOps(this.buffer, ops) : composeOps([], ops);
    this.flush();
    this.emitPending();
    return inverse;
  }

  flush() {
    if (this.hold || this.inflight || !this.buffer || !this.buffer.length) return;
    this.inflight = { clientSeq: this.nextClientSeq++, ops: this.buffer };
    this.buffer = null;
    this.sendInflight();
  }

  sendInflight() {
    if (!this.isOnline()) return;
    this.sendRaw({ type: 'submit', clientSeq: this.inflight.clientSeq, baseSeq: this.seq, ops: this.inflight.ops });
  }

  emitPending() {
    this.emit('pending', { pending: this.pendingCount(), status: this.status });
  }

  /** Hands the live connection a refreshed access token before the old one expires. */
  sendToken(token) {
    this.sendRaw({ type: 'token', token });
  }

  /** focus: {coll, id, field, anchor, head} or null. */
  sendPresence(focus) {
    this.lastFocus = focus;
    if (this.isOnline()) this.sendRaw({ type: 'presence', focus });
  }
}
