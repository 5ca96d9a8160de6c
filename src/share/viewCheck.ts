// A view that came from an address or a link, checked like any other input before anything
// runs it (its lengths and numbers by the view codec, its regular expressions here, with Go's
// RE2 syntax and messages), and said in a few words for the question the page asks before it
// applies such a view to a file it may not have been made for.

import { compileGoRegexp } from '../lib/goRegexp';
import type { SharedView } from './schema';

type View = Partial<SharedView>;
type Filter = SharedView['filter'];

/** The regular expressions a view carries: where they sit and what a person calls them. */
const filterPatterns = [
  ['frame', 'frame filter'],
  ['focus', 'pprof -focus'],
  ['ignore', 'pprof -ignore'],
  ['hide', 'pprof -hide'],
  ['show', 'pprof -show'],
  ['show_from', 'pprof -show_from'],
  ['prune_from', 'pprof -prune_from'],
] as const satisfies ReadonlyArray<readonly [keyof Filter, string]>;

/** Longest part of a text quoted in a question (the whole text is still what is applied). */
const QUOTE_CHARS = 80;

function quote(s: string): string {
  return JSON.stringify(s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS - 1)}…` : s);
}

export interface CheckedView {
  /** The view without the patterns that do not compile. */
  view: View;
  /** One sentence per pattern left out, naming the field and Go's error. */
  problems: string[];
}

/** Leaves out every pattern of the view that is not a valid Go regular expression, saying why. */
export function checkViewPatterns(view: View): CheckedView {
  const problems: string[] = [];
  let filter = view.filter;
  if (filter) {
    const kept: Filter = { ...filter };
    for (const [key, label] of filterPatterns) {
      const p = filter[key];
      if (typeof p !== 'string' || p === '') continue;
      const r = compileGoRegexp(p);
      if (r.ok) continue;
      problems.push(`the ${label} ${quote(p)} was left out: ${r.error}`);
      if (key === 'frame') kept.frame = '';
      else delete kept[key];
    }
    filter = kept;
  }
  let topFilter = view.topFilter;
  if (topFilter) {
    const r = compileGoRegexp(topFilter);
    if (!r.ok) {
      problems.push(`the top-table filter ${quote(topFilter)} was left out: ${r.error}`);
      topFilter = undefined;
    }
  }
  const out: View = { ...view };
  if (filter) out.filter = filter;
  if (topFilter === undefined) delete out.topFilter;
  else out.topFilter = topFilter;
  return { view: out, problems };
}

/**
 * What applying the view would change, one short phrase each (texts quoted and clipped), in the
 * order a person reads a view: filters first, then where it looks. Empty for an empty view.
 */
export function describeView(view: View, sampleType?: string): string[] {
  const out: string[] = [];
  const f = view.filter;
  if (f) {
    if (f.frame) out.push(`frame filter ${quote(f.frame)}`);
    const states = f.states.filter((s) => s !== '');
    if (states.length > 0) out.push(`states ${states.map(quote).join(', ')}`);
    if (f.minWait > 0) out.push(`waiting at least ${f.minWait} minute${f.minWait === 1 ? '' : 's'}`);
    for (const [key, label] of filterPatterns) if (key !== 'frame' && f[key]) out.push(`${label} ${quote(f[key])}`);
    if (f.tagfocus) out.push(`pprof -tagfocus ${quote(f.tagfocus)}`);
    if (f.tagignore) out.push(`pprof -tagignore ${quote(f.tagignore)}`);
    if (f.nodefraction !== undefined) out.push(`nodefraction ${f.nodefraction}`);
    if (f.edgefraction !== undefined) out.push(`edgefraction ${f.edgefraction}`);
    if (f.nodecount !== undefined) out.push(`nodecount ${f.nodecount}`);
  }
  if (view.topFilter) out.push(`top-table filter ${quote(view.topFilter)}`);
  if (view.search) out.push(`flame search ${quote(view.search)}`);
  if (sampleType ?? view.sampleType) out.push(`sample type ${quote((sampleType ?? view.sampleType)!)}`);
  if (view.focus) out.push(`flame graph rooted at ${quote(view.focus)}`);
  if (view.zoomPath && view.zoomPath.length > 0) out.push(`zoomed to ${quote(view.zoomPath[view.zoomPath.length - 1]!)}`);
  if (view.group) out.push(`goroutine group ${view.group.state ? `in ${view.group.state} ` : ''}at ${quote(view.group.site)}`);
  if (view.groupBy) out.push(`groups split by label ${quote(view.groupBy)}`);
  if (view.sandwich) out.push(`callers and callees of ${quote(view.sandwich)}`);
  if (view.granularity && view.granularity !== 'functions') out.push(`granularity ${view.granularity}`);
  if (view.stackBy && view.stackBy !== 'site') out.push(`histogram stacked by ${view.stackBy}`);
  if (view.tab) out.push(`the ${view.tab === 'top' ? 'top table' : view.tab === 'flame' ? 'flame graph' : view.tab === 'graph' ? 'call graph' : 'goroutines'} tab`);
  return out;
}
