// Unsent edits survive a closed tab or a crashed browser (issue 18): while a draft has edits
// the server has not acknowledged, the client's whole local state (its copy of the draft at
// the last seq it applied, the batch in flight under its clientSeq, the buffer after it, and
// its client id) is kept in IndexedDB, one record per tab. Opening the draft again takes a
// record left by a tab that is gone and resumes it exactly like a reconnect: the same client
// id and `since`, the batch in flight resent under the same clientSeq, so the server's resend
// dedupe (docs/protocol.md "Resending") applies it exactly once.
//
// A tab's record is claimed by the Web Lock `tavolo-outbox:<clientId>` it holds for its life,
// so another open tab never takes it over; where Web Locks are missing (plain http on a LAN
// address is not a secure context), the oldest record is taken.
//
// Threading: the browser's one thread; IndexedDB requests complete as events on it.

const DB = 'tavolo';
const STORE = 'outbox';
const LOCK = 'tavolo-outbox:';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const out = fn(t.objectStore(STORE));
      t.oncomplete = () => resolve(out?.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

const prefix = (user, docId) => `${user}|${docId}|`;

export class Outbox {
  constructor(user, docId) {
    this.user = user;
    this.docId = docId;
    this.key = null;
    this.timer = null;
    this.writing = Promise.resolve();
  }

  /** Holds this tab's lock for its life, so no other tab takes its record. */
  hold(clientId) {
    this.key = prefix(this.user, this.docId) + clientId;
    if (navigator.locks?.request) {
      navigator.locks.request(LOCK + clientId, () => new Promise(done => { this.releaseLock = done; })).catch(() => {});
    }
  }

  /** The draft is closed in this tab (another page of the app): its record is free to claim. */
  release() {
    return this.writing.then(() => this.releaseLock?.());
  }

  /** A record left by a tab that is gone (removed from the store: it is this tab's now), or null. */
  async claim() {
    if (!globalThis.indexedDB) return null;
    try {
      const all = await tx('readonly', s => s.getAll());
      const p = prefix(this.user, this.docId);
      const held = new Set();
      if (navigator.locks?.query) {
        const q = await navigator.locks.query();
        for (const l of q.held ?? []) if (l.name.startsWith(LOCK)) held.add(l.name.slice(LOCK.length));
      }
      const mine = (all ?? []).filter(r => r.key.startsWith(p) && !held.has(r.state.clientId))
        .sort((a, b) => a.savedAt - b.savedAt);
      if (!mine.length) return null;
      await tx('readwrite', s => s.delete(mine[0].key));
      return mine[0].state;
    } catch (e) {
      console.warn('outbox not readable', e);
      return null;
    }
  }

  /** Saves (state) or forgets (null) this tab's unsent edits; writes are queued in order. */
  save(state) {
    if (!globalThis.indexedDB || !this.key) return this.writing;
    const key = this.key;
    this.writing = this.writing.then(() => tx('readwrite', s => (state ? s.put({ key, savedAt: Date.now(), state }) : s.delete(key))))
      .catch(e => console.warn('outbox not writable', e));
    return this.writing;
  }
}
