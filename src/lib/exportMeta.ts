// What an exported chart says about itself: a title, the file it was drawn from, the sample type
// and its unit, when the profile was taken (or that the file does not say), the refinements that
// were active, and the stackscope that drew it. One builder for the SVG and PNG headers and the
// Markdown report, so they say the same thing. Pure: the callers pass what they know.

export interface ExportMetaInput {
  /** What the chart is, capitalised: "Flame graph", "Wait histogram". */
  chart: string;
  /** The file (or files: "base.pb.gz → target.pb.gz") the chart was drawn from. */
  fileName: string;
  /** The sample type shown, null when the chart has none (a goroutine dump's wait histogram counts goroutines). */
  sampleType: { type: string; unit: string } | null;
  /** When the profile was taken, ISO 8601; null when the file does not say. */
  time: string | null;
  /** Where `time` comes from ("the profile's time_nanos"); shown beside it. */
  timeSource: string;
  /** The active refinements as the page shows them ("focus=Handler", "search=mallocgc"). */
  refinements: readonly string[];
  /** "0.1.0" */
  version: string;
}

export interface ExportMetaLine {
  label: string;
  value: string;
}

export interface ExportMeta {
  title: string;
  lines: ExportMetaLine[];
}

/** An ISO time as "2026-12-03 18:34:39 UTC" (milliseconds kept when the time has them). */
export function utcText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = d.toISOString();
  const ms = s.slice(20, 23);
  return `${s.slice(0, 10)} ${s.slice(11, 19)}${ms === '000' ? '' : `.${ms}`} UTC`;
}

export function exportMeta(i: ExportMetaInput): ExportMeta {
  const title = i.sampleType && i.sampleType.type !== '' ? `${i.chart} — ${i.sampleType.type}` : i.chart;
  const lines: ExportMetaLine[] = [{ label: 'File', value: i.fileName }];
  if (i.sampleType) lines.push({ label: 'Sample type', value: `${i.sampleType.type} (${i.sampleType.unit || 'no unit'})` });
  lines.push({ label: 'Time', value: i.time === null ? 'time unknown (the file does not say when it was taken)' : `${utcText(i.time)} (${i.timeSource})` });
  lines.push({ label: 'Refinements', value: i.refinements.length === 0 ? 'none (the whole profile)' : i.refinements.join('; ') });
  lines.push({ label: 'Drawn by', value: `stackscope ${i.version}` });
  return { title, lines };
}

/** The metadata as plain text lines: the title, then "Label: value" lines. */
export function exportMetaText(m: ExportMeta): string[] {
  return [m.title, ...m.lines.map((l) => `${l.label}: ${l.value}`)];
}
