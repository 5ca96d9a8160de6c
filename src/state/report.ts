// The postmortem report: the pinned findings (of a loaded file, or of a link opened without
// it) laid out for a meeting, and the same as Markdown for a ticket. Markdown is built from
// the payload a link would carry, so both say exactly the same numbers; every string from a
// profile or a note is escaped, so pasted text cannot turn into markup or links.

import { create } from 'zustand';
import type { Figures, Finding, GroupSummary, SharedBug, SharePayload, WaitStats } from '../share/schema';
import { formatCount } from '../lib/goformat';
import { exportMetaText, type ExportMeta } from '../lib/exportMeta';
import { chartMeta, refinementTexts } from './exportMeta';
import { firstOf } from '../lib/clip';

export type { Figures, Finding, GroupSummary, SharedBug, SharePayload, WaitStats };
export type { BucketFinding, FrameFinding, GroupFinding, KnownBugFinding, Snapshot, TopRowFinding } from '../share/schema';

/** Whether the active file shows its report instead of its views. */
export const useReport = create<{ open: boolean }>(() => ({ open: false }));

export function openReport(): void {
  useReport.setState({ open: true });
}

export function closeReport(): void {
  useReport.setState({ open: false });
}

export const kindLabel: Record<Finding['kind'], string> = {
  frame: 'Flame-graph frame',
  'top-row': 'Top-table row',
  group: 'Goroutine group',
  bucket: 'Goroutine stack',
  'known-bug': 'Known bug',
};

export const statusLabel: Record<SharedBug['status'], string> = {
  affected: 'affected',
  fixed: 'fixed in this version',
  'not-affected': 'not in this version',
  'unknown-version': 'version unknown',
};

export const count = (n: number) => formatCount(n);

/** A share of a total with one decimal: "52.5%". */
export function shareText(part: number, total: number): string {
  if (total <= 0) return '0%';
  return `${((part / total) * 100).toFixed(1)}%`;
}

export function waitText(w: WaitStats | null): string {
  if (!w) return 'no wait times in this dump';
  if (w.max === 0) return 'waiting < 1 min';
  if (w.min === w.max) return `waiting ${w.max} min`;
  return `waiting ${w.min}-${w.max} min (median ${Number.isInteger(w.median) ? w.median : w.median.toFixed(1)})`;
}

export function groupHeadline(g: GroupSummary, total: number): string {
  return `${count(g.count)} goroutine${g.count === 1 ? '' : 's'} (${shareText(g.count, total)} of ${count(total)}) ${g.state ? `in ${g.state} ` : ''}at ${g.site}`;
}

export function figuresLine(v: Figures): string {
  return `flat ${v.flatText} (${v.flatPct}), cum ${v.cumText} (${v.cumPct}) of ${v.totalText} ${v.sampleType}`;
}

/** The numbers of a finding on one line (the findings panel, the pin editor). */
export function findingSummary(f: Finding): string {
  switch (f.kind) {
    case 'frame':
    case 'top-row':
      return figuresLine(f.values);
    case 'group':
      return `${groupHeadline(f.group, f.total)}, ${waitText(f.group.wait)}`;
    case 'bucket':
      return `${count(f.count)} goroutine${f.count === 1 ? '' : 's'} with this ${f.depth}-frame stack, ${waitText(f.wait)}`;
    case 'known-bug':
      return `${f.bug.id} (${f.bug.severity}, ${statusLabel[f.bug.status]}): ${f.bug.summary}`;
  }
}

// ---- Markdown

/**
 * Text with every character Markdown could read as markup escaped, on one line. ("-", "+" and
 * digits only mean something at the start of a line, which mdQuote handles.)
 */
export function mdText(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]<>#|~&]/g, (c, i: number, all: string) =>
      // "_" inside a word ("mapassign_faststr") is never emphasis: leave it readable.
      c === '_' && /[A-Za-z0-9]/.test(all[i - 1] ?? '') && /[A-Za-z0-9]/.test(all[i + 1] ?? '') ? c : `\\${c}`,
    );
}

/** An inline code span that holds any text (backtick runs and table pipes included). */
export function mdCode(s: string, inTable = false): string {
  const one = s.replace(/\r?\n|\r/g, ' ');
  const text = inTable ? one.replace(/\|/g, '\\|') : one;
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block that no line of `text` can close early. */
function mdFence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** A note as a block quote, line by line. */
function mdQuote(note: string): string {
  return note
    .split(/\r?\n|\r/)
    .map((line) => (line.trim() === '' ? '>' : `> ${mdText(line).replace(/^(\s*)([-+=]|\d+(?=[.)]))/, '$1\\$2')}`))
    .join('\n');
}

/** A link destination that cannot end early: the codec only lets http(s) URLs through. */
function mdUrl(url: string): string {
  return url.replace(/[()<>\s\\]/g, (c) => encodeURIComponent(c));
}

function mdFigures(v: Figures): string[] {
  return [
    `| ${mdText(v.sampleType)} | value | of total |`,
    '|---|---:|---:|',
    `| flat | ${mdText(v.flatText)} | ${mdText(v.flatPct)} |`,
    `| cum | ${mdText(v.cumText)} | ${mdText(v.cumPct)} |`,
    `| total | ${mdText(v.totalText)} | 100% |`,
  ];
}

function mdHistogram(labels: readonly string[], histogram: readonly number[]): string[] {
  return [
    // Links made before buckets fitted the data carry bare minute labels ("5-14"); today's say their unit.
    `| ${labels.some((l) => /(min|h|d)$/.test(l)) ? 'waiting' : 'waiting (minutes)'} | ${labels.map(mdText).join(' | ')} |`,
    `|---|${labels.map(() => '---:').join('|')}|`,
    `| goroutines | ${histogram.map(count).join(' | ')} |`,
  ];
}

function mdBug(b: SharedBug): string[] {
  return [
    `**${mdText(b.id)}**: ${mdText(b.title)} (severity ${mdText(b.severity)}, ${statusLabel[b.status]})`,
    '',
    ...(b.summary ? [mdText(b.summary), ''] : []),
    ...b.evidence.map((e) => `- ${mdText(e.label)}: ${mdText(e.value)}`),
    ...(b.refs.length > 0 ? ['', `References: ${b.refs.map((r) => `[${mdText(r.label)}](${mdUrl(r.url)})`).join(', ')}`] : []),
  ];
}

function mdFinding(f: Finding, n: number): string[] {
  const out = [`## ${n}. ${mdText(f.title) || kindLabel[f.kind]}`, '', `*${kindLabel[f.kind]}*, pinned ${f.createdAt}`, ''];
  if (f.note !== '') out.push(mdQuote(f.note), '');
  switch (f.kind) {
    case 'frame':
      out.push(`Function ${mdCode(f.func)}`, '', ...mdFigures(f.values), '', `Path from the root (${f.path.length} frame${f.path.length === 1 ? '' : 's'}):`, '', mdFence(f.path.join('\n')));
      break;
    case 'top-row':
      out.push(`Row ${mdCode(f.name)} at ${f.granularity} granularity`, '', ...mdFigures(f.values));
      break;
    case 'group':
      out.push(
        mdText(groupHeadline(f.group, f.total)),
        '',
        `Blocking site ${mdCode(`${f.group.siteFile}:${f.group.siteLine}`)}, ${waitText(f.group.wait)}.`,
        // Profiles without wait times (debug=1, debug=0) have no histogram to show.
        ...(f.bucketLabels.length > 0 ? ['', ...mdHistogram(f.bucketLabels, f.group.histogram)] : []),
      );
      break;
    case 'bucket': {
      const frames = f.frames.map((fr) => `${fr.func}\n\t${fr.file}${fr.line > 0 ? `:${fr.line}` : ''}`);
      if (f.depth > f.frames.length) frames.push(`... ${f.depth - f.frames.length} more frames`);
      out.push(
        `${count(f.count)} goroutine${f.count === 1 ? '' : 's'} with this stack, ${waitText(f.wait)}; group ${f.group.state ? `${mdText(f.group.state)} ` : ''}at ${mdCode(f.group.site)}.`,
        '',
        mdFence(frames.join('\n')),
      );
      if (f.labels.length > 0) {
        const { shown, more } = firstOf(f.labels);
        out.push('', `Labels: ${shown.map((l) => mdCode(`${l.key}=${l.value}`)).join(', ')}${more > 0 ? `, and ${more.toLocaleString('en-US')} more` : ''}`);
      }
      break;
    }
    case 'known-bug':
      out.push(...mdBug(f.bug));
      break;
  }
  out.push('');
  return out;
}

/** What each tab draws, as the title of its chart. */
const tabChart: Record<SharePayload['view']['tab'], string> = {
  goroutines: 'Goroutines',
  flame: 'Flame graph',
  top: 'Top table',
  graph: 'Call graph',
};

/**
 * The view the findings were pinned in, described as an exported chart of it is: title, file,
 * sample type and unit, time, refinements (the flame graph's own only on its tab) and version.
 */
export function reportViewMeta(p: SharePayload): ExportMeta {
  const { profile, view } = p;
  const t = profile.sampleTypes.find((s) => s.type === view.sampleType) ?? null;
  const refinements = refinementTexts(
    { filter: view.filter, focus: view.focus, zoomPath: view.zoomPath, search: view.search, sandwich: view.sandwich ?? '' },
    view.tab === 'flame',
  );
  return chartMeta(tabChart[view.tab], profile.name, t, profile.time, refinements);
}

/** The report as Markdown: file, the view, findings in the user's order, then the snapshot. */
export function reportMarkdown(p: SharePayload): string {
  const { profile, findings, snapshot } = p;
  const out = [
    `# Findings: ${mdText(profile.name)}`,
    '',
    `- File: ${mdCode(profile.name)}, ${count(profile.size)} bytes, ${mdText(profile.format)}`,
    ...(profile.time ? [`- Taken: ${profile.time}`] : []),
    `- SHA-256: ${mdCode(profile.sha256)}`,
    `- ${findings.length} finding${findings.length === 1 ? '' : 's'}`,
    '',
    '## View',
    '',
    ...exportMetaText(reportViewMeta(p)).map((l, i) => `- ${i === 0 ? 'Chart: ' : ''}${mdText(l)}`),
    '',
  ];
  findings.forEach((f, i) => out.push(...mdFinding(f, i + 1)));
  if (snapshot?.top) {
    const t = snapshot.top;
    out.push(`## Top ${t.rows.length} of ${count(t.rowCount)} rows (${mdText(t.sampleType)}, ${t.granularity}, total ${mdText(t.totalText)})`, '');
    out.push('| flat | flat% | cum | cum% | name |', '|---:|---:|---:|---:|---|');
    for (const r of t.rows) out.push(`| ${mdText(r.flatText)} | ${mdText(r.flatPct)} | ${mdText(r.cumText)} | ${mdText(r.cumPct)} | ${mdCode(r.name, true)} |`);
    out.push('');
  }
  if (snapshot?.goroutines) {
    const g = snapshot.goroutines;
    out.push(`## Largest ${g.groups.length} of ${count(g.groupCount)} goroutine groups (${count(g.total)} goroutines)`, '');
    out.push('| goroutines | share | state | blocking site | waiting |', '|---:|---:|---|---|---|');
    for (const s of g.groups) out.push(`| ${count(s.count)} | ${shareText(s.count, g.total)} | ${mdText(s.state)} | ${mdCode(s.site, true)} | ${waitText(s.wait)} |`);
    out.push('');
  }
  if (snapshot && snapshot.knownBugs.length > 0) {
    out.push('## Known bugs matched', '');
    for (const b of snapshot.knownBugs) out.push(...mdBug(b), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
