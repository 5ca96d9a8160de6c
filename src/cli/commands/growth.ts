// stackscope growth: goroutine growth across dumps (one process: rates per blocking site and leak
// suspects) or replicas side by side (different processes), as text or JSON. Times come from the
// dumps (wait minutes of goroutines waiting in both, or the profiles' own times); the files'
// modification times only when nothing else exists, and then the output says so.

import { compileSkipList, defaultSkipList } from '../../analysis/blockingSite';
import { groupGoroutines } from '../../analysis/goroutineGroups';
import { goroutineGrowth, growthDump, type GoroutineGrowth, type TimeSource } from '../../analysis/goroutineGrowth';
import type { LoadedProfile } from '../../parse/load';
import { DataError, type ParsedArgs } from '../args';

export const growthUsage = 'stackscope growth [--json] FILE FILE...';

export interface GrowthFile {
  name: string;
  loaded: LoadedProfile;
  /** The file's modification time, ms since the epoch. */
  mtime: number | null;
}

export interface GrowthJson {
  /** true: one process; false: different processes (the sites are then side by side, no rates); null: cannot tell (no goroutine ids). */
  sameProcess: boolean | null;
  processNote: string;
  /** The files, earliest first when that is known. */
  files: string[];
  orderedBy: GoroutineGrowth['orderedBy'];
  intervals: Array<{
    from: string;
    to: string;
    elapsedSeconds: number | null;
    resolutionSeconds: number | null;
    minSeconds: number | null;
    maxSeconds: number | null;
    source: Exclude<TimeSource, 'entered'>;
    sameProcess: boolean | null;
    persisted: { count: number; of: number } | null;
    note: string;
  }>;
  totals: number[];
  sites: Array<{
    site: string;
    state: string;
    counts: number[];
    shares: number[];
    change: number;
    perMinute: number | null;
    perMinuteRange: [number, number | null] | null;
    rate: string | null;
    verdict: string;
    reason: string;
    pileUp: string | null;
  }>;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function growthOf(files: GrowthFile[]): GoroutineGrowth {
  const skip = compileSkipList(defaultSkipList);
  return goroutineGrowth(
    files.map((f) => {
      const dump = f.loaded.loaded.goroutines;
      if (!dump) throw new DataError(`${f.name}: not a goroutine dump or goroutine profile`);
      return growthDump({ goroutines: dump, text: f.loaded.inflated, profile: f.loaded.loaded.profile }, groupGoroutines(dump, skip), f.mtime);
    }),
  );
}

export function growthJson(g: GoroutineGrowth, names: string[]): GrowthJson {
  return {
    sameProcess: g.sameProcess,
    processNote: g.processNote,
    files: g.order.map((i) => names[i]!),
    orderedBy: g.orderedBy,
    intervals: g.intervals.map((i) => ({
      from: names[i.from]!,
      to: names[i.to]!,
      elapsedSeconds: i.elapsedSeconds === null ? null : round(i.elapsedSeconds, 3),
      resolutionSeconds: i.resolutionSeconds,
      minSeconds: i.minSeconds === null ? null : round(i.minSeconds, 3),
      maxSeconds: i.maxSeconds === null ? null : round(i.maxSeconds, 3),
      source: i.source === 'entered' ? 'unknown' : i.source,
      sameProcess: i.sameProcess,
      persisted: i.persisted,
      note: i.note,
    })),
    totals: g.totals,
    sites: g.sites.map((s) => ({
      site: s.site,
      state: s.state,
      counts: s.counts,
      shares: s.shares.map((x) => round(x, 6)),
      change: s.change,
      perMinute: s.perMinute === null ? null : round(s.perMinute, 3),
      perMinuteRange:
        s.perMinuteLow === null || s.perMinuteHigh === null ? null : [round(s.perMinuteLow, 3), Number.isFinite(s.perMinuteHigh) ? round(s.perMinuteHigh, 3) : null],
      rate: s.rateText,
      verdict: s.verdict,
      reason: s.reason,
      pileUp: s.pileUp === null ? null : names[g.order[s.pileUp]!]!,
    })),
  };
}

function table(rows: string[][], rightAligned: (col: number) => boolean): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

export function growthText(g: GoroutineGrowth, names: string[], maxSites = 20): string {
  const out: string[] = [];
  const files = g.order.map((i) => names[i]!);
  out.push(`${g.processNote}.`);
  out.push(`Files: ${files.map((f, k) => `[${k + 1}] ${f}`).join('  ')}`);
  for (const i of g.intervals) out.push(`  ${names[i.from]} -> ${names[i.to]}: ${i.note}`);
  if (g.span?.source === 'file-mtime') out.push('Times from file dates: not reliable.');
  out.push('');
  const sites = g.sites.slice(0, maxSites);
  const count = (x: number) => x.toLocaleString('en-US');
  if (g.sameProcess === false) {
    const head = ['site', 'state', ...files.map((_, k) => `[${k + 1}]`), 'pile-up'];
    const rows = sites.map((s) => [
      s.site,
      s.state || '-',
      ...s.counts.map((c, k) => `${count(c)} (${(s.shares[k]! * 100).toFixed(1)}%)`),
      s.pileUp === null ? '-' : `[${s.pileUp + 1}]`,
    ]);
    out.push(table([head, ...rows], (c) => c >= 2 && c < 2 + files.length));
  } else {
    const head = ['verdict', 'site', 'state', ...files.map((_, k) => `[${k + 1}]`), 'change', 'rate'];
    const rows = sites.map((s) => [
      s.verdict,
      s.site,
      s.state || '-',
      ...s.counts.map(count),
      `${s.change > 0 ? '+' : ''}${count(s.change)}`,
      s.rateText ?? '-',
    ]);
    out.push(table([head, ...rows], (c) => c >= 3 && c <= 3 + files.length));
  }
  if (g.sites.length > maxSites) out.push(`(${g.sites.length - maxSites} more sites; --json lists all)`);
  return `${out.join('\n')}\n`;
}

export function runGrowth(args: ParsedArgs, files: GrowthFile[]): string {
  const g = growthOf(files);
  const names = files.map((f) => f.name);
  return args.flags.has('json') ? `${JSON.stringify(growthJson(g, names), null, 2)}\n` : growthText(g, names);
}
