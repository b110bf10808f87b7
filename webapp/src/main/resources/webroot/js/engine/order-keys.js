// Fractional order keys: strings compared by UTF-16 code unit. keyBetween(a, b) returns a key
// strictly between a and b (either may be null for "the start" / "the end"), so two people
// inserting at once never need to renumber anything; equal keys are ordered by id.
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digitOf(ch) {
  // Characters outside the alphabet (keys made by someone else) are clamped into it, which
  // keeps the result ordered correctly against the real key.
  const i = DIGITS.indexOf(ch);
  if (i >= 0) return i;
  return ch < DIGITS[0] ? 0 : BASE - 1;
}

function midpoint(a, b) {
  // a < b (b null = +infinity); works digit by digit like a base-62 fraction.
  let prefix = '';
  let i = 0;
  for (;;) {
    const da = i < a.length ? digitOf(a[i]) : 0;
    const db = b === null ? BASE : (i < b.length ? digitOf(b[i]) : BASE);
    if (db - da > 1) return prefix + DIGITS[Math.floor((da + db) / 2)];
    if (db - da === 1) {
      // No room at this digit: keep a's digit and go past the end of a.
      prefix += DIGITS[da];
      return prefix + midpointAbove(a.slice(i + 1));
    }
    // Same digit: descend.
    prefix += DIGITS[da];
    i++;
  }
}

function midpointAbove(a) {
  // A key greater than the fraction `a` and below 1 (the next digit up).
  let prefix = '';
  for (let i = 0; ; i++) {
    const da = i < a.length ? digitOf(a[i]) : 0;
    if (BASE - da > 1) return prefix + DIGITS[Math.floor((da + BASE) / 2)];
    prefix += DIGITS[da];
  }
}

export function keyBetween(a, b) {
  a = a ?? '';
  if (b !== null && b !== undefined && !(a < b)) {
    // Out-of-order or equal neighbours: anything just after a still sorts well enough; ties
    // fall back to ids.
    return a + DIGITS[BASE >> 1];
  }
  const key = midpoint(a, b ?? null);
  // Between "x" and "x0" no key of our alphabet exists (only foreign keys end in '0'); an
  // equal key then sorts by id, which is the best available.
  return (key > a && (b === null || b === undefined || key < b)) ? key : a;
}

/** n keys evenly after `a` and before `b`, for inserting several entities at once. */
export function keysBetween(a, b, n) {
  const keys = [];
  let prev = a ?? null;
  for (let i = 0; i < n; i++) { prev = keyBetween(prev, b ?? null); keys.push(prev); }
  return keys;
}
