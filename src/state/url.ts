// The active view in the URL's query, so a reload or a copied address shows the same thing:
// tab, sample type, granularity, goroutine filters (states, minimum wait, frame regex) and how
// the histogram is stacked. Pure functions; the app wires them to history.

import type { FileView, ViewTab } from './store';
import { granularities, type Granularity, type StackBy } from './types';

const tabs: ViewTab[] = ['goroutines', 'flame', 'top'];

/** What the URL asks for; the sample type is by name, resolved once the file is loaded. */
export interface UrlView {
  view: Partial<FileView>;
  sampleType?: string;
  /** kube-apiserver version for known-bug findings. */
  version?: string;
}

export function viewToQuery(view: FileView, sampleType: string | undefined, keep: URLSearchParams, version = ''): URLSearchParams {
  const q = new URLSearchParams();
  const sample = keep.get('sample');
  if (sample) q.set('sample', sample);
  if (version.trim() !== '') q.set('version', version.trim());
  q.set('tab', view.tab);
  if (sampleType) q.set('type', sampleType);
  if (view.granularity !== 'functions') q.set('gran', view.granularity);
  for (const s of view.filter.states) q.append('state', s);
  if (view.filter.minWait > 0) q.set('wait', String(view.filter.minWait));
  if (view.filter.frame !== '') q.set('frame', view.filter.frame);
  if (view.stackBy !== 'site') q.set('by', view.stackBy);
  return q;
}

export function queryToView(q: URLSearchParams): UrlView {
  const view: Partial<FileView> = {};
  const tab = q.get('tab');
  if (tab && (tabs as string[]).includes(tab)) view.tab = tab as ViewTab;
  const gran = q.get('gran');
  if (gran && (granularities as string[]).includes(gran)) view.granularity = gran as Granularity;
  const states = q.getAll('state').filter((s) => s.length <= 200);
  const wait = Number(q.get('wait') ?? '0');
  const frame = (q.get('frame') ?? '').slice(0, 1000);
  if (states.length > 0 || wait > 0 || frame !== '') {
    view.filter = { states, minWait: Number.isFinite(wait) && wait > 0 ? Math.floor(wait) : 0, frame };
  }
  const by = q.get('by');
  if (by === 'site' || by === 'state') view.stackBy = by as StackBy;
  const type = q.get('type') ?? undefined;
  const version = (q.get('version') ?? '').slice(0, 64);
  return { view, sampleType: type, ...(version ? { version } : {}) };
}
