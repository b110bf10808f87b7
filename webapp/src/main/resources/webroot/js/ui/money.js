// Euro amounts in Italian format, exact: cents are integers, never floating point.
export const MAX_CENTS = 10_000_000_000_000n; // 10^13, the server's bound

function groupThousands(digits) {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return out;
}

/** 123456 → "1.234,56" (no currency sign). */
export function formatAmount(cents) {
  let c = BigInt(cents ?? 0);
  const negative = c < 0n;
  if (negative) c = -c;
  const euros = (c / 100n).toString();
  const rest = (c % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${groupThousands(euros)},${rest}`;
}

/** 123456 → "€ 1.234,56" */
export function formatEuro(cents) {
  return `€ ${formatAmount(cents)}`;
}

/**
 * The Italian way: "1.234,56", "1234,5", "€ 1.234", "1234" → cents; null when it is not an
 * amount (more than two decimals, misplaced thousands dots, negative, above the bound).
 */
export function parseEuro(input) {
  if (typeof input !== 'string') return null;
  let s = input.trim().replace(/^€\s*/, '').replace(/\s*€$/, '').replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  const m = s.match(/^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/);
  if (!m) return null;
  const euros = BigInt(m[1].replace(/\./g, ''));
  const cents = BigInt((m[2] ?? '').padEnd(2, '0'));
  const total = euros * 100n + cents;
  if (total > MAX_CENTS) return null;
  return Number(total);
}

/** part/whole as a percentage with two decimals, Italian format: "21,80 %"; exact rounding. */
export function formatShare(part, whole) {
  const p = BigInt(part ?? 0), w = BigInt(whole ?? 0);
  if (w <= 0n) return '—';
  const basisPoints = (p * 10000n * 2n + w) / (w * 2n); // round half up
  const whole100 = basisPoints / 100n, frac = basisPoints % 100n;
  return `${whole100},${frac.toString().padStart(2, '0')} %`;
}
