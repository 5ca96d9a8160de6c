// The refinements a chart was drawn under, as the page shows them (the filter chips, the flame
// graph's focus, zoom, search and sandwich), for the header of an exported chart and for the
// Markdown report; and the metadata of a chart export from an open file or from the compare view.

import { exportMeta, utcText, type ExportMeta } from '../lib/exportMeta';
import { appVersion } from '../lib/version';
import { refineNumberKeys, refineTextKeys, type SampleFilter } from './types';
import { getFile, useStore } from './store';
import { zoomPathOf } from './portable';

/** The filter's chips, in the order and words of the page's "Active filters" bar. */
export function filterTexts(f: SampleFilter): string[] {
  const out = f.states.map((s) => `state=${s}`);
  if (f.minWait > 0) out.push(`wait≥${f.minWait} min`);
  if (f.frame !== '') out.push(`frame=${f.frame}`);
  for (const k of refineTextKeys) if (f[k]) out.push(`${k}=${f[k]}`);
  for (const k of ['tagfocus', 'tagignore'] as const) if (f[k]) out.push(`${k}=${f[k]}`);
  for (const k of refineNumberKeys) if (f[k] !== undefined) out.push(`${k}=${f[k]} (top, graph)`);
  return out;
}

export interface RefinedView {
  filter: SampleFilter;
  /** The function the flame graph is rooted at. */
  focus: string | null;
  /** The zoomed frame's path from the root; [] when not zoomed. */
  zoomPath: readonly string[];
  search: string;
  searchRegex?: boolean;
  sandwich?: string;
}

/**
 * Every refinement of a view as text. `flame` adds what only the flame graph applies (its
 * focus, zoom, search and sandwich) to the filter, which every view applies.
 */
export function refinementTexts(v: RefinedView, flame: boolean): string[] {
  const out = filterTexts(v.filter);
  if (!flame) return out;
  if (v.focus !== null) out.push(`Focus: ${v.focus}`);
  if (v.sandwich) out.push(`Sandwich: ${v.sandwich}`);
  if (v.zoomPath.length > 0) out.push(`zoom=${v.zoomPath[v.zoomPath.length - 1]}`);
  if (v.search !== '') out.push(v.searchRegex ? `search=/${v.search}/` : `search=${v.search}`);
  return out;
}

/** Where an open file's time comes from: the profile's own field (a dump's text carries none). */
export const TIME_SOURCE = "the profile's time_nanos";

/** Metadata of a chart exported from an open file. */
export function chartMeta(chart: string, fileName: string, sampleType: { type: string; unit: string } | null, time: string | null, refinements: readonly string[]): ExportMeta {
  return exportMeta({ chart, fileName, sampleType, time, timeSource: TIME_SOURCE, refinements, version: appVersion });
}

/**
 * The header of a chart exported from open file `id`, from its state when the export is asked
 * for: `flame` for the flame graph (its focus, zoom, search and sandwich count), else the
 * refinements every view applies.
 */
export function fileChartMeta(id: number, chart: string, flame: boolean): ExportMeta {
  const f = getFile(id);
  if (!f) throw new Error(`no open file ${id} to export from`);
  const t = f.summary?.sampleTypes[f.view.sampleIndex];
  const view: RefinedView = {
    filter: f.view.filter,
    focus: f.view.focus,
    zoomPath: zoomPathOf(f.flame),
    search: f.view.search,
    searchRegex: f.view.searchRegex,
    sandwich: f.view.sandwich,
  };
  return chartMeta(chart, f.name, t ? { type: t.type, unit: t.unit } : null, f.identity?.time ?? null, refinementTexts(view, flame));
}

/**
 * The header of a chart of the compare view: both files (base → target), the sample type, each
 * file's time as the compare view knows it (the profile's own, a date typed in, or unknown; file
 * dates are not times a profile was taken), and the options that change the figures.
 */
export function compareChartMeta(chart: string, files: 'pair' | 'all' = 'pair'): ExportMeta {
  const c = useStore.getState().compare;
  if (!c || !c.info) throw new Error('no comparison to export from');
  const t = c.info.files[c.target]?.sampleTypes[c.sampleIndex];
  const timeOf = (i: number): string => {
    const typed = c.times[i];
    if (typed !== null && typed !== undefined) return `${utcText(new Date(typed).toISOString())} (typed in)`;
    const own = c.info!.times[i];
    return own && own.time !== null && own.source === 'profile' ? `${utcText(new Date(own.time).toISOString())} (the profile's time_nanos)` : 'time unknown (the file does not say when it was taken)';
  };
  const all = c.names.map((_, i) => i);
  const meta = exportMeta({
    chart,
    fileName: files === 'pair' ? `${c.names[c.base] ?? ''} → ${c.names[c.target] ?? ''} (base → target)` : c.names.join(', '),
    sampleType: t ? { type: t.type, unit: t.unit } : null,
    time: null,
    timeSource: TIME_SOURCE,
    refinements: [...(c.normalize ? ['normalize (base scaled to the target total)'] : []), ...(c.zoom !== 0 ? ['zoomed to a frame'] : [])],
    version: appVersion,
  });
  const times = files === 'pair' ? `base ${timeOf(c.base)}; target ${timeOf(c.target)}` : all.map((i) => `${c.names[i]}: ${timeOf(i)}`).join('; ');
  return { title: meta.title, lines: meta.lines.map((l) => (l.label === 'Time' ? { label: 'Time', value: times } : l)) };
}
