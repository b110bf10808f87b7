// The activities month by month, as the Java core's Cronoprogramma computes them: an activity
// takes every month from its start's month to its end's month, both included; the months run
// from the earliest start to the latest end (at most 120); with a start and no end it runs to the
// last month shown; with no start it has none. Months are "YYYY-MM".
export const MAX_MONTHS = 120;

const monthOf = (date) => (typeof date === 'string' && date.length >= 7 ? date.slice(0, 7) : null);

function nextMonth(ym) {
  let y = Number(ym.slice(0, 4)), m = Number(ym.slice(5, 7)) + 1;
  if (m > 12) { m = 1; y += 1; }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** `activities`: in document order, each {id, title, start, end}. */
export function cronoprogramma(activities) {
  let first = null, last = null;
  for (const a of activities) {
    const s = monthOf(a.start), e = monthOf(a.end);
    if (!s) continue;
    const upTo = !e || e < s ? s : e;
    if (first === null || s < first) first = s;
    if (last === null || upTo > last) last = upTo;
  }
  const months = [];
  let truncated = false;
  if (first !== null) {
    for (let m = first; m <= last; m = nextMonth(m)) {
      if (months.length === MAX_MONTHS) { truncated = true; break; }
      months.push(m);
    }
  }
  const rows = activities.map(a => {
    const s = monthOf(a.start), e = monthOf(a.end);
    return {
      id: a.id, title: a.title ?? '', start: a.start ?? null, end: a.end ?? null, openEnded: !!s && !e,
      active: months.map(m => !!s && m >= s && (!e || m <= e)),
    };
  });
  return { months, rows, truncated };
}
