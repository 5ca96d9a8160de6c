// What a set of several processes' files adds to a view: per-member columns of the top table
// and, for every finding, which replica shows it. Both come from the members' own sessions, so
// a member's column is exactly what its own tab shows.

import type { KnownBugMatch } from '../knowledge/match';
import type { MemberColumns, TopTable } from '../analysis/top';
import type { KnownBugsResult } from './protocol';

/** Each member's flat and cum for the set's rows, matched by row name. */
export function memberColumns(set: TopTable, names: string[], tables: TopTable[]): MemberColumns {
  const rowOf = new Map<string, number>();
  for (let r = 0; r < set.rows.length; r++) rowOf.set(set.rows.name[r]!, r);
  const flat = tables.map(() => new Float64Array(set.rows.length));
  const cum = tables.map(() => new Float64Array(set.rows.length));
  tables.forEach((t, m) => {
    for (let r = 0; r < t.rows.length; r++) {
      const at = rowOf.get(t.rows.name[r]!);
      if (at === undefined) continue;
      // Rows of one name are one node at every granularity; += keeps any duplicate whole.
      flat[m]![at]! += t.rows.flat[r]!;
      cum[m]![at]! += t.rows.cum[r]!;
    }
  });
  return { names, totals: tables.map((t) => t.total), flat, cum };
}

const stageRank = { established: 0, early: 1, 'age-unknown': 2 } as const;

/** Stronger evidence first: a further stage, then more goroutines, then a larger share. */
function stronger(a: KnownBugMatch, b: KnownBugMatch): number {
  return stageRank[a.stage] - stageRank[b.stage] || (b.evidence.goroutines ?? 0) - (a.evidence.goroutines ?? 0) || (b.evidence.share ?? 0) - (a.evidence.share ?? 0);
}

/**
 * A set's findings: every finding of any member, shown with its strongest member's evidence and
 * the list of members, matched or not. Thresholds stay per process: three replicas with 600
 * stuck goroutines each are not one process with 1,800.
 */
export function setFindings(names: string[], results: KnownBugsResult[]): KnownBugsResult {
  const byId = new Map<string, Array<KnownBugMatch | null>>();
  results.forEach((r, m) => {
    for (const match of r.matches) {
      let row = byId.get(match.id);
      if (!row) byId.set(match.id, (row = names.map(() => null)));
      row[m] = match;
    }
  });
  const matches: KnownBugMatch[] = [];
  const order = results.flatMap((r) => r.matches.map((x) => x.id));
  for (const id of [...new Set(order)]) {
    const row = byId.get(id)!;
    const best = row.filter((x): x is KnownBugMatch => x !== null).sort(stronger)[0]!;
    const where = row.map((x, m) => ({ name: names[m]!, stage: x ? x.stage : null, summary: x ? x.evidence.summary : '', ...(x === best ? { strongest: true as const } : {}) }));
    const rate = best.evidence.blockRate;
    // The rate is read from one dump's wait minutes: say whose.
    const evidence = rate ? { ...best.evidence, blockRate: `${rate}, in ${names[row.indexOf(best)]}` } : best.evidence;
    matches.push({ ...best, evidence, replicas: where });
  }
  const undecided = new Map<string, NonNullable<KnownBugsResult['undecided']>[number]>();
  for (const r of results) for (const u of r.undecided ?? []) if (!undecided.has(u.id)) undecided.set(u.id, u);
  return {
    matches,
    kind: results[0]?.kind ?? '',
    checked: results[0]?.checked ?? 0,
    ...(undecided.size > 0 ? { undecided: [...undecided.values()] } : {}),
  };
}
