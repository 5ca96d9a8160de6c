// stackscope goroutines: the pile-up summary of a goroutine dump or profile, as text or JSON.

import { compileSkipList, defaultSkipList } from '../../analysis/blockingSite';
import { groupGoroutines, type GoroutineGrouping } from '../../analysis/goroutineGroups';
import { filterSamples, isEmptyFilter, type SampleFilter } from '../../analysis/sampleFilter';
import type { Loaded } from '../../parse/load';
import { takeNumber, UsageError, type ParsedArgs } from '../args';

export const goroutinesUsage =
  'stackscope goroutines [--json] [--state=STATE[,STATE...]] [--min_wait=MINUTES] [--frame=REGEX] [--tagfocus=EXPR] [--tagignore=EXPR] [--group_by=LABEL] FILE';

export interface GoroutinesJson {
  total: number;
  matched: number;
  format: string;
  truncated: boolean;
  states: Record<string, number>;
  groups: Array<{
    state: string;
    site: string;
    siteFile: string;
    siteLine: number;
    count: number;
    share: number;
    waitMinutes: { min: number; median: number; max: number } | null;
    createdBy: Array<{ name: string; count: number }>;
    goroutineIds: number[];
    stacks: number;
    /** With --group_by: the group's value of the label, null for goroutines without it. */
    label?: string | null;
  }>;
}

function toJson(g: GoroutineGrouping, all: number, loaded: Loaded): GoroutinesJson {
  return {
    total: all,
    matched: g.total,
    format: loaded.formatLabel,
    truncated: loaded.goroutines?.truncated ?? false,
    states: Object.fromEntries(g.states.map((s) => [s.state, s.count])),
    groups: g.groups.map((grp) => ({
      state: grp.state,
      site: grp.site,
      siteFile: grp.siteFile,
      siteLine: grp.siteLine,
      count: grp.count,
      share: all > 0 ? grp.count / all : 0,
      waitMinutes: grp.wait,
      createdBy: grp.createdBy,
      goroutineIds: grp.goroutineIds,
      stacks: grp.bucketCount,
      ...(grp.label !== undefined ? { label: grp.label } : {}),
    })),
  };
}

function wait(w: GoroutinesJson['groups'][number]['waitMinutes']): string {
  if (!w) return '-';
  if (w.max === 0) return '<1 min';
  return w.min === w.max ? `${w.max} min` : `${w.min}-${w.max} min, median ${w.median}`;
}

function toText(j: GoroutinesJson, groupBy: string): string {
  const out: string[] = [];
  out.push(`${j.format}: ${j.matched === j.total ? j.total : `${j.matched} of ${j.total}`} goroutines${j.truncated ? ' (the dump was cut; the last goroutine is incomplete)' : ''}`);
  const states = Object.entries(j.states).filter(([s]) => s !== '');
  if (states.length > 0) out.push(`states: ${states.map(([s, c]) => `${s} ${c}`).join(', ')}`);
  out.push('');
  out.push(`${'count'.padStart(7)} ${'share'.padStart(6)}  ${'state'.padEnd(16)} ${'waiting'.padEnd(24)} blocking site`);
  for (const g of j.groups) {
    out.push(
      `${String(g.count).padStart(7)} ${`${(g.share * 100).toFixed(1)}%`.padStart(6)}  ${(g.state || '-').padEnd(16)} ${wait(g.waitMinutes).padEnd(24)} ${g.site}` +
        (g.label === undefined ? '' : g.label === null ? `  (no ${groupBy})` : `  ${groupBy}=${g.label}`),
    );
    if (g.createdBy.length > 0) out.push(`${' '.repeat(58)}created by ${g.createdBy.map((c) => c.name).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

export function runGoroutines(args: ParsedArgs, loaded: Loaded): string {
  const dump = loaded.goroutines;
  if (!dump) throw new UsageError(`this is a ${loaded.formatLabel}, not a goroutine dump or goroutine profile`);
  const filter: SampleFilter = {
    states: (args.flags.get('state') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    minWait: takeNumber(args.flags, 'min_wait', 0),
    frame: args.flags.get('frame') ?? '',
    tagfocus: args.flags.get('tagfocus') ?? '',
    tagignore: args.flags.get('tagignore') ?? '',
  };
  const groupBy = args.flags.get('group_by') ?? '';
  const skip = compileSkipList(defaultSkipList);
  let keep: Uint8Array | undefined;
  if (!isEmptyFilter(filter)) {
    const r = filterSamples(dump.profile, filter);
    // Tag filter messages name their flag already (as pprof's do).
    if (!r.ok) throw new UsageError(r.error.startsWith('parsing tag') ? r.error : `--frame: ${r.error}`);
    keep = r.keep;
  }
  const grouping = groupGoroutines(dump, skip, keep, groupBy);
  const all = keep ? groupGoroutines(dump, skip).total : grouping.total;
  const json = toJson(grouping, all, loaded);
  return args.flags.get('json') === 'true' ? `${JSON.stringify(json, null, 2)}\n` : toText(json, groupBy);
}
