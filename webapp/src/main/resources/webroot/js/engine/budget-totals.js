// Derived budget figures, never stored: totals per contributor and nature, and the share the
// Third-Sector (ETS) partners bring. Exact: BigInt cents.
export function budgetTotals(lines, sideOf) {
  const byContributor = new Map(); // org -> {monetary, in_kind, total}
  const byNature = { monetary: 0n, in_kind: 0n };
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
  }
  return { byContributor, byNature, total, ets, pa };
}
