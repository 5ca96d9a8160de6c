// stackscope goroutines: the pile-up summary of a goroutine dump or profile, as text or JSON.

import { compileSkipList, defaultSkipList } from '../../analysis/blockingSite';
import { placeOfSample } from '../../analysis/crashGroup';
import { groupGoroutines, type GoroutineGrouping } from '../../analysis/goroutineGroups';
import { filterSamples, isEmptyFilter, type SampleFilter } from '../../analysis/sampleFilter';
import type { CrashReport } from '../../model/goroutines';
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
  /** What crashed (crash and signal tracebacks only), as the parser read it. */
  crash?: CrashReport & {
    /** Index in `groups` of the crashed goroutine's group; null when the filters leave it out. */
    crashGroup: number | null;
  };
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

/** What crashed, as the runtime printed it, each fact with its line. */
function crashText(c: NonNullable<GoroutinesJson['crash']>, j: GoroutinesJson): string[] {
  const out: string[] = [];
  const ended = c.exitStatus ? `, exit status ${c.exitStatus.code} (line ${c.exitStatus.line})` : c.exitSignal ? `, ended by signal: ${c.exitSignal.text} (line ${c.exitSignal.line})` : '';
  const what = c.kind === 'panic' ? 'panic' : c.kind === 'fatal' ? 'fatal error' : c.kind === 'signal' ? 'signal' : 'crash output';
  out.push(`CRASH: ${what}${ended}`);
  for (const p of c.panics) {
    const tag = p.repanicked ? ' [recovered, repanicked]' : p.recovered ? ' [recovered]' : '';
    out.push(`  panic: ${p.message.replace(/\n/g, '\n    ')}${tag}  (line ${p.line})`);
  }
  for (const f of c.fatal) out.push(`  fatal error: ${f.message}  (line ${f.line})`);
  for (const r of c.runtime) out.push(`  runtime: ${r.message}  (line ${r.line})`);
  const s = c.signal;
  if (s) {
    const fields = [s.addr !== undefined ? `addr ${s.addr}` : '', s.code !== undefined ? `code ${s.code}` : '', s.pc !== undefined ? `pc ${s.pc}` : '', s.m !== undefined ? `m=${s.m}` : ''].filter(Boolean);
    out.push(`  signal ${s.name}${s.description ? `: ${s.description}` : ''}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}  (line ${s.line})`);
  }
  if (c.raised) out.push(`  then the runtime raised ${c.raised.name}${c.raised.description ? `: ${c.raised.description}` : ''} to crash  (line ${c.raised.line})`);
  for (const r of c.runtimeStacks) out.push(`  runtime stack: ${r.frames} frames  (lines ${r.line}-${r.endLine})`);
  for (const r of c.registers) out.push(`  registers: ${r.count}  (lines ${r.line}-${r.endLine})`);
  const g = c.goroutine;
  if (g) {
    const marker = c.kind === 'panic' ? 'panicked here' : c.kind === 'fatal' ? 'fatal error here' : 'signal arrived here';
    const grp = c.crashGroup !== null ? j.groups[c.crashGroup] : undefined;
    const why = g.reason === 'first-running' ? 'first goroutine printed, [running]' : g.reason === 'holds-throw' ? 'its stack holds the throw' : 'first goroutine printed after the signal';
    out.push(`  ${marker}: goroutine ${g.id}${grp ? ` [${grp.state}] at ${grp.site}` : ''}  (line ${g.line}; ${why})`);
  } else if (c.kind !== 'other') {
    out.push('  no goroutine can be named as the one that crashed (none printed first is running, none holds a throw)');
  }
  out.push('');
  return out;
}

function toText(j: GoroutinesJson, groupBy: string): string {
  const out: string[] = j.crash ? crashText(j.crash, j) : [];
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
  if (!dump) throw new UsageError(`this is a ${loaded.formatLabel}, not a goroutine dump or goroutine profile`, true);
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
  if (dump.crash) {
    const place = dump.crash.goroutine ? placeOfSample(dump, grouping, dump.crash.goroutine.row, keep) : null;
    json.crash = { ...dump.crash, crashGroup: place ? place.group : null };
  }
  return args.flags.get('json') === 'true' ? `${JSON.stringify(json, null, 2)}\n` : toText(json, groupBy);
}
