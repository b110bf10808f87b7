// The shared transform vectors (server/src/test/resources/vectors/*.json), the same files the
// Java core is tested with, so the two engines can never drift apart.
import { TextOperation } from '../js/engine/text-operation.js';
import { transformOps } from '../js/engine/ops-transform.js';
import { assertEqual } from './harness.js';

async function load(name) {
  const res = await fetch(`../vectors/${name}`, { cache: 'no-cache' });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return res.json();
}

export async function vectorTests() {
  const tests = [];
  const text = await load('text-ot.json');
  const ops = await load('ops-transform.json');
  for (const v of text?.cases ?? text ?? []) {
    tests.push([`vector text-ot: ${v.name}`, () => {
      const later = TextOperation.fromJSON(v.later), earlier = TextOperation.fromJSON(v.earlier);
      const [l1, e1] = TextOperation.transform(later, earlier);
      if ('laterPrime' in v) assertEqual(l1.toJSON(), v.laterPrime);
      if ('earlierPrime' in v) assertEqual(e1.toJSON(), v.earlierPrime);
      if ('doc' in v && 'result' in v) assertEqual(l1.apply(earlier.apply(v.doc)), v.result);
    }]);
  }
  for (const v of ops?.cases ?? ops ?? []) {
    tests.push([`vector ops-transform: ${v.name}`, () => {
      assertEqual(transformOps(v.later, v.earlier), v.expected);
    }]);
  }
  return tests;
}
