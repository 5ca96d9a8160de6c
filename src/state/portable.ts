// A file's view by names (share/viewCodec.ts's PortableView): what the address bar and a shared
// link carry, so that the same file, loaded again, opens where it was.

import { groupAnchor } from '../share/build';
import { limits } from '../share/schema';
import type { PortableView } from '../share/viewCodec';
import type { OpenFile } from './store';
import type { FlameResult } from './types';
import { refineNumberKeys, refineTextKeys } from './types';

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** The zoomed flame frame as function names from the root ([] when not zoomed). */
export function zoomPathOf(flame: FlameResult | null): string[] {
  if (!flame || flame.view.zoom === 0) return [];
  const path: string[] = [];
  // A zoomed view starts with the frame's ancestors, each with the next as its only child.
  let d = flame.view.root;
  while (d.id !== flame.view.zoom) {
    const next = d.children?.[0];
    if (!next) return [];
    path.push(next.name);
    d = next;
  }
  return path;
}

/** A file's view by names, as the address and a link carry it. */
export function portableView(file: OpenFile): PortableView {
  const { view, summary, goroutines } = file;
  const group = view.group !== null ? goroutines?.grouping.groups[view.group] : undefined;
  const text = (s: string) => clip(s, limits.textChars);
  return {
    tab: view.tab,
    sampleType: clip(summary?.sampleTypes[view.sampleIndex]?.type ?? '', 200),
    granularity: view.granularity,
    filter: {
      states: view.filter.states.slice(0, limits.states),
      minWait: Math.max(0, Math.floor(view.filter.minWait)),
      frame: text(view.filter.frame),
      ...(view.filter.tagfocus ? { tagfocus: text(view.filter.tagfocus) } : {}),
      ...(view.filter.tagignore ? { tagignore: text(view.filter.tagignore) } : {}),
      ...Object.fromEntries(refineTextKeys.filter((k) => view.filter[k]).map((k) => [k, text(view.filter[k]!)])),
      ...Object.fromEntries(refineNumberKeys.filter((k) => view.filter[k] !== undefined).map((k) => [k, view.filter[k]])),
    },
    focus: view.focus === null ? null : text(view.focus),
    zoomPath: zoomPathOf(file.flame).slice(0, limits.pathFrames),
    group: group ? groupAnchor(group) : null,
    search: text(view.search),
    topFilter: text(view.topFilter),
    stackBy: view.stackBy,
    groupBy: clip(view.groupBy, 200),
    sandwich: text(view.sandwich),
  };
}

