// Derived budget figures, never stored, as the Java core's BudgetTotals computes them: totals
// per contributor and nature, per annualità and territorio, and the share the Third-Sector (ETS)
// partners bring, overall and per annualità. Exact: BigInt cents.
const part = () => ({ monetary: 0n, in_kind: 0n, total: 0n, ets: 0n, pa: 0n });

// null (a line naming no year or territorio) sorts last; years as numbers, names by code unit as in Java
function sortedParts(map, cmp) {
  return [...map.entries()].sort(([a], [b]) => (a === null) - (b === null) || (a === null ? 0 : cmp(a, b)))
    .map(([key, p]) => ({ key, ...p }));
}

export function budgetTotals(lines, sideOf) {
  const byContributor = new Map(); // org -> {monetary, in_kind, total}
  const byNature = { monetary: 0n, in_kind: 0n };
  const years = new Map(), territori = new Map();
  let total = 0n, ets = 0n, pa = 0n;
  for (const line of lines) {
    const amount = BigInt(line.amount ?? 0);
    const nature = line.nature === 'in_kind' ? 'in_kind' : 'monetary';
    const org = line.contributor ?? '';
    if (!byContributor.has(org)) byContributor.set(org, { monetary: 0n, in_kind: 0n, total: 0n });
    const c = byContributor.get(org);
    c[nature] += amount;
    c.total += amount;
    byNature[nature] += amount;
    total += amount;
    const side = sideOf(org);
    if (side === 'ETS') ets += amount;
    else if (side === 'PA') pa += amount;
    for (const [map, key] of [[years, line.annualita ?? null], [territori, line.territorio ?? null]]) {
      if (!map.has(key)) map.set(key, part());
      const p = map.get(key);
      p[nature] += amount;
      p.total += amount;
      if (side === 'ETS') p.ets += amount;
      else if (side === 'PA') p.pa += amount;
    }
  }
  const byYear = sortedParts(years, (a, b) => a - b);
  const byTerritorio = sortedParts(territori, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { byContributor, byNature, total, ets, pa, byYear, byTerritorio };
}
