// A stable colour per person (ten accessible classes in app.css), so the presence bar, remote
// cursors and authorship highlighting agree without inline styles.
export const PALETTE_SIZE = 10;

export function colourIndex(userId) {
  if (!userId) return PALETTE_SIZE; // unknown author: the neutral class
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) { h ^= userId.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0) % PALETTE_SIZE;
}

export function colourClass(userId, prefix = 'c') {
  return `${prefix}${colourIndex(userId)}`;
}
