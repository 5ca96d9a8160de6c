// Keeps the address bar in step with the active file's view (replaceState: no history spam).

import { useEffect } from 'react';
import { useStore } from '../state/store';
import { viewToQuery } from '../state/url';

export function useUrlSync(): void {
  useEffect(
    () =>
      useStore.subscribe((s, prev) => {
        const f = s.files.find((x) => x.id === s.activeId);
        const pf = prev.files.find((x) => x.id === prev.activeId);
        if (!f || f.status !== 'ready' || (pf && pf.view === f.view && pf.status === f.status && s.version === prev.version)) return;
        const q = viewToQuery(f.view, f.summary?.sampleTypes[f.view.sampleIndex]?.type, new URLSearchParams(window.location.search), s.version);
        const next = `?${q.toString()}${window.location.hash}`;
        if (next !== window.location.search + window.location.hash) window.history.replaceState(null, '', next);
      }),
    [],
  );
}
