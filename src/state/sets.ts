// Sets: several files of different processes (three apiserver replicas) opened as one tab, which
// merges profiles as pprof does and shows dumps side by side with a column per file. Which open
// files can be one set, and opening it.

import { openSource } from './actions';
import { sourceOf } from './compare';
import { useStore, type OpenFile } from './store';

export interface SetCandidate {
  /** What the files are, for the button: "debug=2 dumps", "heap profiles". */
  what: string;
  ids: number[];
}

const formatWord = { debug2: 'debug=2 dumps', debug1: 'debug=1 dumps', debug0: 'goroutine profiles' } as const;

/** Open files that can be one set: ready, not sets themselves, of one format and sample types. */
export function setCandidates(files: OpenFile[]): SetCandidate[] {
  const byKind = new Map<string, SetCandidate>();
  for (const f of files) {
    const s = f.summary;
    if (f.status !== 'ready' || !s || s.members) continue;
    const key = s.goroutineFormat ?? `pprof:${s.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(',')}`;
    const what = s.goroutineFormat ? formatWord[s.goroutineFormat] : `${s.sampleTypes[s.defaultSampleIndex]?.type ?? 'pprof'} profiles`;
    let c = byKind.get(key);
    if (!c) byKind.set(key, (c = { what, ids: [] }));
    c.ids.push(f.id);
  }
  return [...byKind.values()].filter((c) => c.ids.length >= 2);
}

/** Opens these files as one set, in a new tab named after them. */
export async function openSet(ids: number[]): Promise<number | null> {
  const files = ids.map((id) => useStore.getState().files.find((f) => f.id === id));
  const members = ids.map((id) => sourceOf(id));
  if (files.some((f) => !f) || members.some((m) => !m)) return null;
  const names = files.map((f) => (f!.group ? `${f!.group} › ${f!.name}` : f!.name));
  const size = files.reduce((n, f) => n + f!.size, 0);
  return openSource({ name: names.join(' + '), group: `set of ${names.length}` }, size, members.map((m, i) => ({ ...m!, name: names[i]! })));
}
