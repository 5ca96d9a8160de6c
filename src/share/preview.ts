// The "what leaves this machine" preview of the share dialog: one line per item, grouped by
// file, view, each finding and the snapshot. Every non-empty string of the payload appears
// exactly once per occurrence, in JSON quotes (so spaces, newlines and look-alike text show);
// numbers and fixed words (tab, kind, status) appear bare. Nothing else is quoted. Fields added
// as `optional` in specs.ts are listed at the end by their path until this file names them.

import type { Figures, Finding, GroupSummary, SharedBug, SharePayload, StackFrame, WaitStats } from './schema';
import { optionalValues } from './shape';
import { bodySpec } from './specs';

const q = (s: string) => JSON.stringify(s);
/** A labelled string, or nothing when it is empty. */
const field = (label: string, s: string) => (s === '' ? '' : `${label} ${q(s)}`);
const join = (...parts: string[]) => parts.filter((p) => p !== '').join(', ');
/** Non-empty strings, quoted, space-separated. */
const quoted = (...xs: string[]) => xs.filter((x) => x !== '').map(q).join(' ');
/** A number with its printed forms: `flat 3604398080 "3437.44MB" "19.97%"`. */
const printed = (label: string, v: number, ...texts: string[]) => `${label} ${v}${texts.some((t) => t !== '') ? ` ${quoted(...texts)}` : ''}`;

const kindNames: Record<Finding['kind'], string> = {
  frame: 'flame-graph frame',
  'top-row': 'top-table row',
  group: 'goroutine group',
  bucket: 'goroutine stack',
  'known-bug': 'known bug',
};

function wait(w: WaitStats | null): string {
  return w ? `wait ${w.min}/${w.median}/${w.max} minutes (min/median/max)` : 'no wait times';
}

function figures(f: Figures): string {
  return join(
    field('sample type', f.sampleType),
    field('unit', f.unit),
    printed('flat', f.flat, f.flatText, f.flatPct),
    printed('cum', f.cum, f.cumText, f.cumPct),
    printed('total', f.total, f.totalText),
  );
}


function group(g: GroupSummary): string {
  return join(field('state', g.state), field('site', g.site), field('file', g.siteFile), `line ${g.siteLine}`, `${g.count} goroutines`, wait(g.wait), `histogram ${g.histogram.join(' ')}`);
}

function frame(f: StackFrame): string {
  return join(field('function', f.func), field('file', f.file), `line ${f.line}`);
}

function bug(b: SharedBug, indent: string): string[] {
  return [
    `${indent}bug: ${join(field('id', b.id), field('title', b.title), `status ${b.status}`, field('severity', b.severity))}`,
    ...(b.summary !== '' ? [`${indent}  ${field('summary', b.summary)}`] : []),
    ...b.evidence.map((e) => `${indent}  evidence: ${join(field('label', e.label), field('value', e.value))}`),
    ...b.refs.map((r) => `${indent}  reference: ${join(field('label', r.label), field('url', r.url))}`),
  ];
}

function finding(f: Finding, n: number): string[] {
  const out = [
    `Finding ${n}: ${kindNames[f.kind]}, ${join(field('id', f.id), field('created', f.createdAt))}`,
    ...(f.title !== '' ? [`  ${field('title', f.title)}`] : []),
    ...(f.note !== '' ? [`  ${field('note', f.note)}`] : []),
  ];
  switch (f.kind) {
    case 'frame':
      out.push(`  ${field('function', f.func)}`, `  path from the root: ${f.path.filter((s) => s !== '').map(q).join(' > ')}`, `  ${figures(f.values)}`);
      break;
    case 'top-row':
      out.push(`  ${join(field('row', f.name), field('function', f.func), `granularity ${f.granularity}`)}`, `  ${figures(f.values)}`);
      break;
    case 'group':
      out.push(`  ${group(f.group)}`, `  of ${f.total} goroutines, wait buckets ${quoted(...f.bucketLabels)}`);
      break;
    case 'bucket':
      out.push(`  ${join(`group: ${join(field('state', f.group.state), field('site', f.group.site))}`, `${f.count} goroutines`, wait(f.wait), `${f.depth} frames deep`)}`);
      for (const fr of f.frames) out.push(`  frame: ${frame(fr)}`);
      for (const l of f.labels) out.push(`  label: ${join(field('key', l.key), field('value', l.value))}`);
      break;
    case 'known-bug':
      out.push(...bug(f.bug, '  '));
      break;
  }
  return out.filter((line) => line.trim() !== '');
}

/** A human list of exactly what the link carries: every string, grouped. */
export function describePayload(p: SharePayload): string[] {
  const { v: _v, ...body } = p;
  const other = optionalValues(bodySpec, body).map(({ path, value }) => `Also ${path}: ${plain(value)}`);
  return [...described(p), ...other];
}

/** Any JSON value: strings quoted (empty ones left out), numbers bare, objects as key value. */
function plain(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '(empty)' : q(v);
  if (Array.isArray(v)) return `[${v.map(plain).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${k} ${plain(x)}`).join(', ')}}`;
  return String(v);
}

function described(p: SharePayload): string[] {
  const { profile, view, findings, snapshot } = p;
  const out: string[] = [
    `File: ${join(field('name', profile.name), `${profile.size} bytes`, field('format', profile.format), field('taken', profile.time ?? ''), field('SHA-256', profile.sha256))}`,
  ];
  if (profile.sampleTypes.length > 0) {
    out.push(`  sample types: ${profile.sampleTypes.map((t) => join(field('type', t.type), field('unit', t.unit))).join('; ')}`);
  }
  out.push(
    `View: ${join(`tab ${view.tab}`, field('sample type', view.sampleType), `granularity ${view.granularity}`)}`,
    ...[
      view.filter.states.filter((s) => s !== '').length > 0 ? `  goroutine states: ${quoted(...view.filter.states)}` : '',
      view.filter.minWait > 0 ? `  waiting at least ${view.filter.minWait} minutes` : '',
      view.filter.frame !== '' ? `  ${field('frame filter', view.filter.frame)}` : '',
      view.focus ? `  ${field('focus', view.focus)}` : '',
      view.zoomPath.some((s) => s !== '') ? `  zoomed to: ${view.zoomPath.filter((s) => s !== '').map(q).join(' > ')}` : '',
      view.group && (view.group.state !== '' || view.group.site !== '') ? `  group: ${join(field('state', view.group.state), field('site', view.group.site))}` : '',
      view.search !== '' ? `  ${field('flame search', view.search)}` : '',
      view.topFilter !== '' ? `  ${field('top filter', view.topFilter)}` : '',
    ].filter((line) => line !== ''),
  );
  findings.forEach((f, i) => out.push(...finding(f, i + 1)));
  if (!snapshot) {
    out.push('Snapshot: none');
    return out;
  }
  if (snapshot.top) {
    const t = snapshot.top;
    out.push(`Snapshot top table: ${join(field('sample type', t.sampleType), field('unit', t.unit), `granularity ${t.granularity}`, printed('total', t.total, t.totalText), `${t.rows.length} of ${t.rowCount} rows`)}`);
    for (const r of t.rows) {
      out.push(`  ${join(field('row', r.name), printed('flat', r.flat, r.flatText, r.flatPct), printed('cum', r.cum, r.cumText, r.cumPct))}`);
    }
  }
  if (snapshot.goroutines) {
    const g = snapshot.goroutines;
    out.push(`Snapshot goroutine groups: ${g.groups.length} of ${g.groupCount} groups, ${g.total} goroutines, wait buckets ${quoted(...g.bucketLabels)}`);
    for (const s of g.groups) out.push(`  ${group(s)}`);
  }
  if (snapshot.knownBugs.length > 0) {
    out.push(`Snapshot known bugs: ${snapshot.knownBugs.length}`);
    for (const b of snapshot.knownBugs) out.push(...bug(b, '  '));
  }
  return out;
}
