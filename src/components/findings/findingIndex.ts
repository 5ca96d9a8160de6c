// Which findings point at which names, so each view can badge its rows, segments and frames.

import type { KnownBugMatch } from '../../state/types';

export interface FindingIndex {
  byName: Map<string, KnownBugMatch[]>;
}

export const emptyIndex: FindingIndex = { byName: new Map() };

export function indexFindings(findings: KnownBugMatch[] | undefined): FindingIndex {
  const byName = new Map<string, KnownBugMatch[]>();
  for (const f of findings ?? []) {
    for (const name of new Set([...f.anchors.sites, ...f.anchors.functions])) {
      const list = byName.get(name) ?? [];
      list.push(f);
      byName.set(name, list);
    }
  }
  return { byName };
}

/** Scrolls the findings panel to a finding's card. */
export function revealFinding(id: string): void {
  document.getElementById(`finding-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
