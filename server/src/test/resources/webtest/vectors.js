// The shared engine vectors (server/src/test/resources/vectors/, see its README), the same
// files the Java core is tested with, so the two engines can never drift apart.
import { TextOperation } from '../js/engine/text-operation.js';
import { transformX } from '../js/engine/ops-transform.js';
import { DocumentState } from '../js/engine/document.js';
import { assert, assertEqual } from './harness.js';

async function load(name) {
  const res = await fetch(`../vectors/${name}`, { cache: 'no-cache' });
  // a missing file is a failure like any other: the vectors are what keep the engines equal
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return res.json();
}

function applyAll(state, ops) {
  const doc = DocumentState.fromSnapshot(state);
  doc.apply(ops, 'x');
  return doc.toSnapshot().collections;
}

export async function vectorTests() {
  const tests = [];
  let text, ops;
  try {
    text = await load('text-ot.json');
    ops = await load('ops-transform.json');
  } catch (e) {
    return [['vector files: loading', () => { throw e; }]];
  }
  for (const v of text.cases) {
    tests.push([`vector text-ot: ${v.name}`, () => {
      const later = TextOperation.fromJSON(v.later), earlier = TextOperation.fromJSON(v.earlier);
      const [l1, e1] = TextOperation.transform(later, earlier);
      assertEqual(l1.toJSON(), v.laterPrime, 'laterPrime');
      assertEqual(e1.toJSON(), v.earlierPrime, 'earlierPrime');
      assertEqual(l1.apply(earlier.apply(v.doc)), v.result, 'later after earlier');
      assertEqual(e1.apply(later.apply(v.doc)), v.result, 'earlier after later');
    }]);
  }
  for (const v of text.apply) {
    tests.push([`vector text-apply: ${v.name}`, () => {
      if ('error' in v) {
        let failed = false;
        try { TextOperation.fromJSON(v.op).apply(v.doc); } catch { failed = true; }
        assert(failed, `expected ${v.error}`);
      } else {
        assertEqual(TextOperation.fromJSON(v.op).apply(v.doc), v.result);
      }
    }]);
  }
  for (const v of text.compose) {
    tests.push([`vector text-compose: ${v.name}`, () => {
      const c = TextOperation.fromJSON(v.a).compose(TextOperation.fromJSON(v.b));
      assertEqual(c.toJSON(), v.composed, 'composed');
      assertEqual(c.apply(v.doc), v.result, 'result');
    }]);
  }
  for (const v of ops.cases) {
    tests.push([`vector ops-transform: ${v.name}`, () => {
      const [l1, e1] = transformX(v.later, v.earlier);
      assertEqual(l1, v.expected, 'later\'');
      assertEqual(e1, v.earlierPrime, 'earlier\'');
      assertEqual(applyAll(v.state, [...v.earlier, ...l1]), v.result.collections, 'earlier then later\'');
      assertEqual(applyAll(v.state, [...v.later, ...e1]), v.result.collections, 'later then earlier\'');
    }]);
  }
  return tests;
}
