// Tests of the browser engine (webroot/js/engine). They run in headless Chromium from
// EngineInBrowserTest; the shared transform vectors are run by vectors.js beside this file.
import { TextOperation } from '../js/engine/text-operation.js';
import { AuthorRuns } from '../js/engine/author-runs.js';
import { DocumentState } from '../js/engine/document.js';
import { transformX, composeOps } from '../js/engine/ops-transform.js';
import { keyBetween } from '../js/engine/order-keys.js';
import { UndoManager } from '../js/engine/undo.js';
import { CollabClient, Status } from '../js/engine/client.js';
import { formatEuro, parseEuro, formatShare } from '../js/ui/money.js';
import { budgetTotals } from '../js/engine/budget-totals.js';
import { mulberry32, assert, assertEqual, assertThrows } from './harness.js';

const SEED = 20261124;
const ALPHABET = ['a', 'b', 'c', ' ', 'è', '\n', '😀', '€'];

function randomString(rnd, max) {
  let s = '';
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

/** A random edit spanning `str` (ot.js's own generator, adapted). */
function randomEdit(rnd, str) {
  const op = new TextOperation();
  for (;;) {
    const left = str.length - op.baseLength;
    if (left === 0) break;
    const r = rnd();
    let l = 1 + Math.floor(rnd() * Math.min(left - 1, 20));
    // Never put a boundary inside a surrogate pair: the engines refuse such edits.
    const at = op.baseLength + l;
    if (at < str.length && /[\ud800-\udbff]/.test(str[at - 1])) l++;
    if (r < 0.2) op.insert(randomString(rnd, 6) || 'x');
    else if (r < 0.4) op.delete(l);
    else op.retain(l);
  }
  if (rnd() < 0.3) op.insert('z' + randomString(rnd, 4));
  return op;
}

function randomDoc(rnd) {
  const doc = new DocumentState();
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    doc.apply([{ op: 'create', coll: 'sections', id: `s${i}`, fields: { order: String.fromCharCode(65 + i), title: `T${i}`, body: randomString(rnd, 12) } }], 'seed');
  }
  doc.apply([{ op: 'create', coll: 'budget', id: 'b0', fields: { order: 'V', contributor: 'org1', nature: 'monetary', category: 'personale', description: 'x', amount: 100 } }], 'seed');
  doc.apply([{ op: 'create', coll: 'objectives', id: 'g0', fields: { order: 'A', kind: 'generale', title: 'G' } }], 'seed');
  doc.apply([{ op: 'create', coll: 'objectives', id: 'o0', fields: { order: 'B', parent: 'g0', title: 'S' } }], 'seed');
  doc.apply([{ op: 'create', coll: 'activities', id: 'a0', fields: { order: 'A', objective: 'o0', title: 'A' } }], 'seed');
  return doc;
}

let fresh = 0;
/** Random well-formed ops for `doc`, applied to a scratch copy so later ops see earlier ones. */
function randomOps(rnd, doc, tag) {
  const scratch = clone(doc);
  const ops = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    const sections = [...scratch.collections.sections.keys()];
    const objectives = [...scratch.collections.objectives.keys()];
    const pick = (list) => list[Math.floor(rnd() * list.length)];
    const r = rnd();
    let op;
    if (r < 0.12 && objectives.length) {
      // References: point at an objective, create one pointing at another, or delete one.
      const q = rnd();
      if (q < 0.3) op = { op: 'delete', coll: 'objectives', id: pick(objectives) };
      else if (q < 0.6 && scratch.has('activities', 'a0')) op = { op: 'set', coll: 'activities', id: 'a0', field: 'objective', value: pick(objectives) };
      else if (q < 0.8) op = { op: 'create', coll: 'objectives', id: `${tag}${fresh++}`, fields: { order: 'C', parent: pick(objectives), title: tag } };
      else op = { op: 'create', coll: 'objectives', id: 'clash', fields: { order: 'D', title: tag } };
      if (op.id === 'clash' && scratch.has('objectives', 'clash')) op = { op: 'set', coll: 'objectives', id: 'clash', field: 'title', value: tag };
    } else if (r < 0.2 || sections.length === 0) {
      op = { op: 'create', coll: 'sections', id: `${tag}${fresh++}`, fields: { order: 'M', title: 'new', body: randomString(rnd, 5) } };
    } else {
      const id = sections[Math.floor(rnd() * sections.length)];
      if (r < 0.17) op = { op: 'delete', coll: 'sections', id };
      else if (r < 0.3) op = { op: 'set', coll: 'sections', id, field: 'title', value: `${tag}-${Math.floor(rnd() * 100)}` };
      else if (r < 0.37) op = { op: 'move', coll: 'sections', id, order: keyBetween(null, 'Z') + tag };
      else if (r < 0.45 && scratch.has('budget', 'b0')) op = { op: 'set', coll: 'budget', id: 'b0', field: 'amount', value: Math.floor(rnd() * 1e6) };
      else op = { op: 'text', coll: 'sections', id, field: 'body', edit: randomEdit(rnd, scratch.get('sections', id).body).toJSON() };
    }
    scratch.apply([op], tag);
    ops.push(op);
  }
  return ops;
}

function clone(doc) {
  const c = DocumentState.fromSnapshot(doc.toSnapshot());
  for (const [k, v] of doc.authorship) c.authorship.set(k, new AuthorRuns(v.toJSON()));
  return c;
}

function state(doc) {
  const auth = {};
  for (const [k, v] of doc.authorship) if (v.length) auth[k] = v.toJSON();
  return { snap: doc.toSnapshot(), auth };
}

// A stand-in for the browser's WebSocket object that records what the client sends and lets
// a test deliver server messages written exactly as PROTOCOL.md shows them.
class ScriptedSocket {
  constructor() { this.sent = []; this.readyState = 0; }
  async open() { this.readyState = 1; await this.onopen?.(); }
  send(text) { this.sent.push(JSON.parse(text)); }
  deliver(msg) { this.onmessage?.({ data: JSON.stringify(msg) }); }
  close() { this.readyState = 3; this.onclose?.(); }
  last(type) { return [...this.sent].reverse().find(m => m.type === type); }
}

function scriptedClient() {
  const sockets = [];
  const client = new CollabClient({
    url: 'ws://test/ws', token: () => 'jwt', docId: 'doc1',
    socketFactory: () => { const s = new ScriptedSocket(); sockets.push(s); return s; },
  });
  return { client, sockets };
}

const SNAPSHOT = { seq: 3, collections: { sections: { s1: { order: 'A', title: 'Analisi', body: 'ciao' } }, objectives: {}, activities: {}, budget: {} } };

export const engineTests = [
  ['amountsAreShownInItalianFormat', () => {
    assertEqual(formatEuro(123456), '€ 1.234,56');
    assertEqual(formatEuro(30871654), '€ 308.716,54');
    assertEqual(formatEuro(5), '€ 0,05');
    assertEqual(formatEuro(1000000000000000), '€ 10.000.000.000.000,00');
  }],
  ['amountsAreEnteredTheItalianWayExactly', () => {
    assertEqual(parseEuro('1.234,56'), 123456);
    assertEqual(parseEuro('€ 1.234,5'), 123450);
    assertEqual(parseEuro('1234'), 123400);
    assertEqual(parseEuro(' 78.496,63 '), 7849663);
    assertEqual(parseEuro('0,1'), 10);
    for (const bad of ['', 'abc', '1,234', '12.34', '1.23,45', '-5', '1,2,3', '100.000.000.000,01']) {
      assertEqual(parseEuro(bad), null, `"${bad}" is not an amount`);
    }
    const rnd = mulberry32(SEED + 5);
    for (let i = 0; i < 500; i++) {
      const cents = Math.floor(rnd() * 1e12);
      assertEqual(parseEuro(formatEuro(cents)), cents, `round trip of ${cents}`);
    }
  }],
  ['budgetTotalsAddUpPerContributorAndNatureWithTheEtsShare', () => {
    const side = { sds: 'PA', coop: 'ETS' };
    const tot = budgetTotals([
      { contributor: 'sds', nature: 'monetary', amount: 30871654 },
      { contributor: 'sds', nature: 'in_kind', amount: 5172600 },
      { contributor: 'coop', nature: 'monetary', amount: 7849663 },
    ], o => side[o]);
    assertEqual(formatEuro(tot.byContributor.get('sds').total), '€ 360.442,54');
    assertEqual(formatEuro(tot.byNature.monetary), '€ 387.213,17');
    assertEqual(formatEuro(tot.total), '€ 438.939,17');
    assertEqual(formatEuro(tot.ets), '€ 78.496,63');
    assertEqual(formatShare(tot.ets, tot.total), '17,88 %');
  }],
  ['clientUnpacksBatchedServerMessages', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    await sockets[0].open();
    sockets[0].deliver({ type: 'batch', messages: [
      { type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1' }, members: [] },
      { type: 'ops', seq: 4, author: 'u2', client: 'c2', clientSeq: 1, ops: [{ op: 'set', coll: 'sections', id: 's1', field: 'title', value: 'Bisogni' }] },
    ] });
    assertEqual(client.doc.get('sections', 's1').title, 'Bisogni');
    assertEqual(client.seq, 4);
    client.close();
  }],
  ['textOperationAppliesRetainInsertDelete', () => {
    const op = TextOperation.fromJSON([2, 'XY', -1, 1]);
    assertEqual(op.apply('abcd'), 'abXYd');
    assertThrows(() => op.apply('abc'), 'an edit must span the whole field');
  }],
  ['positionsCountUtf16CodeUnits', () => {
    const op = TextOperation.fromJSON([2, '!', 1]);
    assertEqual(op.apply('😀a'), '😀!a', 'an emoji is two code units');
  }],
  ['concurrentInsertsAtTheSamePositionPutTheLaterFirst', () => {
    const later = TextOperation.fromJSON([1, 'L', 1]);
    const earlier = TextOperation.fromJSON([1, 'E', 1]);
    const [l, e] = TextOperation.transform(later, earlier);
    assertEqual(l.apply(earlier.apply('ab')), 'aLEb');
    assertEqual(e.apply(later.apply('ab')), 'aLEb');
  }],
  ['textTransformConvergesOnRandomEdits', () => {
    const rnd = mulberry32(SEED);
    for (let i = 0; i < 500; i++) {
      const s = randomString(rnd, 30);
      const a = randomEdit(rnd, s), b = randomEdit(rnd, s);
      const [a1, b1] = TextOperation.transform(a, b);
      assertEqual(b1.apply(a.apply(s)), a1.apply(b.apply(s)), `seed ${SEED} case ${i}`);
    }
  }],
  ['composeEqualsApplyingInSequence', () => {
    const rnd = mulberry32(SEED + 1);
    for (let i = 0; i < 300; i++) {
      const s = randomString(rnd, 30);
      const a = randomEdit(rnd, s);
      const b = randomEdit(rnd, a.apply(s));
      assertEqual(a.compose(b).apply(s), b.apply(a.apply(s)), `seed ${SEED + 1} case ${i}`);
    }
  }],
  ['invertRestoresTheText', () => {
    const rnd = mulberry32(SEED + 2);
    for (let i = 0; i < 300; i++) {
      const s = randomString(rnd, 30);
      const a = randomEdit(rnd, s);
      assertEqual(a.invert(s).apply(a.apply(s)), s, `seed ${SEED + 2} case ${i}`);
    }
  }],
  ['transformIndexFollowsTheText', () => {
    const op = TextOperation.fromJSON([1, 'XX', -2, 3]);
    assertEqual(op.transformIndex(0), 0);
    assertEqual(op.transformIndex(1), 3, 'an insert at the cursor pushes a remote cursor');
    assertEqual(op.transformIndex(1, true), 1, 'unless it sticks before');
    assertEqual(op.transformIndex(2), 3, 'a cursor in deleted text lands at the deletion');
    assertEqual(op.transformIndex(6), 6);
  }],
  ['authorRunsFollowEditsAndCreditInserts', () => {
    const runs = AuthorRuns.uniform('anna', 4).apply(TextOperation.fromJSON([2, 'XY', -1, 1]), 'bea');
    assertEqual(runs.toJSON(), [['anna', 2], ['bea', 2], ['anna', 1]]);
    assertEqual(runs.authorAt(3), 'bea');
  }],
  ['opListTransformConvergesOnRandomDocuments', () => {
    const rnd = mulberry32(SEED + 3);
    for (let i = 0; i < 400; i++) {
      const base = randomDoc(rnd);
      const later = randomOps(rnd, base, 'L');
      const earlier = randomOps(rnd, base, 'E');
      const [l1, e1] = transformX(later, earlier);
      const viaEarlier = clone(base); viaEarlier.apply(earlier, 'E'); viaEarlier.apply(l1, 'L');
      const viaLater = clone(base); viaLater.apply(later, 'L'); viaLater.apply(e1, 'E');
      assertEqual(state(viaLater), state(viaEarlier), `seed ${SEED + 3} case ${i}: ${JSON.stringify({ later, earlier })}`);
    }
  }],
  ['laterSetOnTheSameFieldWins', () => {
    const later = [{ op: 'set', coll: 'budget', id: 'b', field: 'amount', value: 2 }];
    const earlier = [{ op: 'set', coll: 'budget', id: 'b', field: 'amount', value: 1 }];
    const [l, e] = transformX(later, earlier);
    assertEqual(l, later);
    assertEqual(e, []);
  }],
  ['opOnAnEntityDeletedByTheOtherSideBecomesANoop', () => {
    const later = [{ op: 'text', coll: 'sections', id: 's', field: 'body', edit: [1, 'x'] }];
    const earlier = [{ op: 'delete', coll: 'sections', id: 's' }];
    const [l, e] = transformX(later, earlier);
    assertEqual(l, []);
    assertEqual(e, earlier);
  }],
  ['composeOpsMergesTypingInOneField', () => {
    const ops = composeOps([{ op: 'text', coll: 'sections', id: 's', field: 'body', edit: ['a'] }],
      [{ op: 'text', coll: 'sections', id: 's', field: 'body', edit: [1, 'b'] }]);
    assertEqual(ops, [{ op: 'text', coll: 'sections', id: 's', field: 'body', edit: ['ab'] }]);
  }],
  ['orderKeysAlwaysFallBetweenTheirNeighbours', () => {
    const rnd = mulberry32(SEED + 4);
    const keys = [];
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(rnd() * (keys.length + 1));
      const a = at > 0 ? keys[at - 1] : null, b = at < keys.length ? keys[at] : null;
      const k = keyBetween(a, b);
      assert((a === null || a < k) && (b === null || k < b), `seed ${SEED + 4}: ${a} < ${k} < ${b}`);
      keys.splice(at, 0, k);
    }
  }],
  ['undoRevertsOnlyOwnTextAroundSomeoneElsesEdit', () => {
    const doc = DocumentState.fromSnapshot(SNAPSHOT);
    const undo = new UndoManager();
    const mine = [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, ' mondo'] }];
    undo.record(doc.apply(mine, 'me'));
    const theirs = [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: ['Oh, ', 10] }];
    doc.apply(theirs, 'them');
    undo.transform(theirs);
    undo.undo(ops => doc.apply(ops, 'me'));
    assertEqual(doc.get('sections', 's1').body, 'Oh, ciao');
    undo.redo(ops => doc.apply(ops, 'me'));
    assertEqual(doc.get('sections', 's1').body, 'Oh, ciao mondo');
  }],
  ['undoDoesNotOverwriteAValueSomeoneSetLater', () => {
    const doc = DocumentState.fromSnapshot(SNAPSHOT);
    const undo = new UndoManager();
    undo.record(doc.apply([{ op: 'set', coll: 'sections', id: 's1', field: 'title', value: 'Mio' }], 'me'));
    const theirs = [{ op: 'set', coll: 'sections', id: 's1', field: 'title', value: 'Loro' }];
    doc.apply(theirs, 'them');
    undo.transform(theirs);
    assert(!undo.canUndo(), 'nothing of mine is left to undo');
    assertEqual(doc.get('sections', 's1').title, 'Loro');
  }],
  ['clientSaysHelloThenSendsOneBatchAtATime', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    const s = sockets[0];
    await s.open();
    assertEqual(s.sent[0], { type: 'hello', token: 'jwt', doc: 'doc1', client: client.clientId, since: null, features: ['batch', 'members_diff'] });
    s.deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1', role: 'member', org: 'o1' }, members: [] });
    assertEqual(client.status, Status.ONLINE);
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [5, '?'] }]);
    const submits = s.sent.filter(m => m.type === 'submit');
    assertEqual(submits.length, 1, 'one batch in flight');
    assertEqual(submits[0], { type: 'submit', clientSeq: 1, baseSeq: 3, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }] });
    assertEqual(client.pendingCount(), 2);
    s.deliver({ type: 'ack', clientSeq: 1, seq: 4 });
    assertEqual(s.last('submit'), { type: 'submit', clientSeq: 2, baseSeq: 4, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [5, '?'] }] });
  }],
  ['clientTransformsIncomingOpsAgainstPendingEdits', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    const s = sockets[0];
    await s.open();
    s.deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1' }, members: [] });
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);   // inflight
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: ['>', 5] }]);   // buffered
    s.deliver({ type: 'ops', seq: 4, author: 'u2', client: 'other', clientSeq: 9, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [2, 'AO', 2] }] });
    assertEqual(client.doc.get('sections', 's1').body, '>ciAOao!');
    assertEqual(client.doc.authors('sections', 's1', 'body').toJSON(), [['u1', 1], [null, 2], ['u2', 2], [null, 2], ['u1', 1]]);
    s.deliver({ type: 'ack', clientSeq: 1, seq: 5 });
    // The buffered edit went out transformed against the remote insert and based on seq 5.
    assertEqual(s.last('submit'), { type: 'submit', clientSeq: 2, baseSeq: 5, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: ['>', 7] }] });
  }],
  ['clientReconnectsWithSinceAndResendsTheUnackedBatchUnderTheSameNumber', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    await sockets[0].open();
    sockets[0].deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1' }, members: [] });
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);
    sockets[0].close();
    assert(client.status === Status.RECONNECTING || client.status === Status.OFFLINE);
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [5, '?'] }]);
    assertEqual(client.pendingCount(), 2, 'edits made offline wait');
    await new Promise(r => setTimeout(r, 300));
    const s = sockets[1];
    assert(s, 'the client reconnects by itself');
    await s.open();
    assertEqual(s.sent[0].since, 3);
    s.deliver({ type: 'welcome', doc: 'doc1', seq: 4, ops: [{ seq: 4, author: 'u2', client: 'other', clientSeq: 1, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: ['Oh ', 4] }] }], you: { user: 'u1' }, members: [] });
    assertEqual(s.last('submit'), { type: 'submit', clientSeq: 1, baseSeq: 4, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [7, '!'] }] });
    assertEqual(client.doc.get('sections', 's1').body, 'Oh ciao!?');
    client.close();
  }],
  ['aClosedTabsUnsentEditsResumeInANewClientUnderTheSameIdAndClientSeq', async () => {
    // the tab: one batch sent (never acked), one buffered, then the tab is gone
    const first = scriptedClient();
    first.client.connect();
    await first.sockets[0].open();
    first.sockets[0].deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1' }, members: [] });
    first.client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);
    first.client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [5, '?'] }]);
    const saved = JSON.parse(JSON.stringify(first.client.unsentState())); // as IndexedDB keeps it
    first.client.close();
    assertEqual(saved.inflight.clientSeq, 1);
    // the draft opened again: a new client resumes it as a reconnect
    const { client, sockets } = scriptedClient();
    let restored = null;
    client.on('snapshot', e => { restored = e; });
    client.restoreUnsent(saved);
    client.connect();
    await sockets[0].open();
    assertEqual(sockets[0].sent[0].client, first.client.clientId, 'the closed tab\'s id');
    assertEqual(sockets[0].sent[0].since, 3);
    // the server had committed batch 1 (its ack was lost) and someone else's after it
    sockets[0].deliver({ type: 'welcome', doc: 'doc1', seq: 5, ops: [
      { seq: 4, author: 'u1', client: first.client.clientId, clientSeq: 1, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }] },
      { seq: 5, author: 'u2', client: 'other', clientSeq: 1, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: ['Oh ', 5] }] }],
      you: { user: 'u1' }, members: [] });
    assertEqual(restored?.restored, 2, 'the page is told to draw the resumed copy');
    const submits = sockets[0].sent.filter(m => m.type === 'submit');
    assertEqual(submits, [{ type: 'submit', clientSeq: 2, baseSeq: 5, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [8, '?'] }] }],
      'batch 1 counted as acked, not sent again; the buffer goes out next under clientSeq 2');
    assertEqual(client.doc.get('sections', 's1').body, 'Oh ciao!?');
    assertEqual(client.unsentState().inflight.clientSeq, 2);
    sockets[0].deliver({ type: 'ack', clientSeq: 2, seq: 6 });
    assertEqual(client.unsentState(), null, 'nothing left to keep');
    client.close();
  }],
  ['clientWhoseIdIsTakenReconnectsUnderAFreshOneAndResendsItsBatch', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    await sockets[0].open();
    sockets[0].deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1' }, members: [] });
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);
    const taken = client.clientId;
    sockets[0].deliver({ type: 'error', code: 'client_taken', message: 'another user', clientSeq: 1 });
    assert(client.clientId !== taken, 'a fresh id');
    assertEqual(client.pendingCount(), 1, 'the batch is kept, not rejected');
    await new Promise(r => setTimeout(r, 300));
    const s = sockets[1];
    assert(s, 'the client reconnects by itself');
    await s.open();
    assertEqual(s.sent[0].client, client.clientId);
    s.deliver({ type: 'welcome', doc: 'doc1', seq: 3, ops: [], you: { user: 'u1' }, members: [] });
    assertEqual(s.last('submit'), { type: 'submit', clientSeq: 1, baseSeq: 3, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }] });
    client.close();
  }],
  ['clientTreatsItsOwnBatchInCatchUpAsAcked', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    await sockets[0].open();
    sockets[0].deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1' }, members: [] });
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);
    sockets[0].close();
    await new Promise(r => setTimeout(r, 300));
    const s = sockets[1];
    await s.open();
    s.deliver({ type: 'welcome', doc: 'doc1', seq: 4, ops: [{ seq: 4, author: 'u1', client: client.clientId, clientSeq: 1, ops: [{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }] }], you: { user: 'u1' }, members: [] });
    assertEqual(s.sent.filter(m => m.type === 'submit').length, 0, 'nothing is sent twice');
    assertEqual(client.pendingCount(), 0);
    assertEqual(client.doc.get('sections', 's1').body, 'ciao!');
    client.close();
  }],
  ['clientMovesARemoteCursorPastItsOwnPendingEditsOfThatField', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    const s = sockets[0];
    await s.open();
    s.deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: { seq: 3, collections: { sections: {
      s1: { order: 'A', title: 'Analisi', body: 'ciao mondo' } }, objectives: {}, activities: {}, budget: {} } }, you: { user: 'u1' }, members: [] });
    const seen = [];
    client.on('presence', (p) => seen.push(p));
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: ['>> ', 10] }]);      // in flight
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [8, 'caro ', 5] }]); // buffered
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'title', edit: ['Nuova ', 7] }]); // another field
    assertEqual(client.doc.get('sections', 's1').body, '>> ciao caro mondo');
    // Luca selected "mondo" (5..10) in the server's text: in ours it is at 13..18.
    s.deliver({ type: 'presence', user: 'u2', client: 'c2', focus: { coll: 'sections', id: 's1', field: 'body', anchor: 5, head: 10 } });
    assertEqual(seen[0].focus, { coll: 'sections', id: 's1', field: 'body', anchor: 13, head: 18 });
    assertEqual(client.doc.get('sections', 's1').body.slice(13, 18), 'mondo');
    // Each field by its own edits: the title moves by "Nuova " only, another section not at all.
    s.deliver({ type: 'presence', user: 'u2', client: 'c2', focus: { coll: 'sections', id: 's1', field: 'title', anchor: 2, head: 2 } });
    assertEqual([seen[1].focus.anchor, seen[1].focus.head], [8, 8]);
    s.deliver({ type: 'presence', user: 'u2', client: 'c2', focus: { coll: 'sections', id: 's2', field: 'body', anchor: 2, head: 2 } });
    assertEqual([seen[2].focus.anchor, seen[2].focus.head], [2, 2]);
    // The same after a reconnect: the welcome's presence counts in the server's text too.
    s.close();
    await new Promise(r => setTimeout(r, 300));
    await sockets[1].open();
    let welcomed = null;
    client.on('welcome', (w) => { welcomed = w; });
    sockets[1].deliver({ type: 'welcome', doc: 'doc1', seq: 3, ops: [], you: { user: 'u1' }, members: [],
      presence: [{ user: 'u2', client: 'c2', focus: { coll: 'sections', id: 's1', field: 'body', anchor: 0, head: 4 } }] });
    assertEqual(welcomed.presence[0].focus.anchor, 3, 'after our own ">> " prefix');
    assertEqual(welcomed.presence[0].focus.head, 7);
    client.close();
  }],
  ['clientStartsAgainFromASnapshotWhenItsBatchIsRefused', async () => {
    const { client, sockets } = scriptedClient();
    client.connect();
    await sockets[0].open();
    sockets[0].deliver({ type: 'welcome', doc: 'doc1', seq: 3, snapshot: SNAPSHOT, you: { user: 'u1', role: 'observer' }, members: [] });
    client.submit([{ op: 'text', coll: 'sections', id: 's1', field: 'body', edit: [4, '!'] }]);
    sockets[0].deliver({ type: 'error', code: 'forbidden', message: 'observers cannot edit', clientSeq: 1 });
    assertEqual(client.pendingCount(), 0);
    assertEqual(client.doc, null, 'the refused edit is gone until a fresh snapshot arrives');
    client.close();
  }],
];
