// A tiny test harness that runs in the browser (and in Node for quick checks): named tests,
// assertions, and a seeded random generator so a failure can be replayed.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class AssertionError extends Error {}

export function assert(cond, message) {
  if (!cond) throw new AssertionError(message ?? 'assertion failed');
}

export function assertEqual(actual, expected, message) {
  const a = canonical(actual), e = canonical(expected);
  if (a !== e) throw new AssertionError(`${message ?? 'not equal'}\n  expected: ${e}\n  actual:   ${a}`);
}

export function assertThrows(fn, message) {
  try { fn(); } catch { return; }
  throw new AssertionError(message ?? 'expected an exception');
}

/** JSON with sorted object keys, so equal documents compare equal. */
export function canonical(value) {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

export async function runTests(tests) {
  const results = [];
  for (const [name, fn] of tests) {
    const started = performance.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Math.round(performance.now() - started) });
    } catch (e) {
      results.push({ name, ok: false, error: String(e?.stack ?? e) });
    }
  }
  return results;
}
