// Open files, their view state and the views the workers computed for them. The store holds
// plain data only; the workers themselves live in workers.ts.

import { useRef } from 'react';
import { create } from 'zustand';
import type { CompareState } from './compare';
import type { DerivationName } from './derivations';
import type { ViewTab } from '../share/schema';
import type { CallReply, TopSort } from '../worker/client';
import {
  defaultSkipList,
  noFilter,
  type FileIdentity,
  type FileSummary,
  type Granularity,
  type LoadPhase,
  type Problem,
  type SampleFilter,
  type StackBy,
} from './types';

export type { ViewTab };

export type { TopSort };

export interface FileView {
  tab: ViewTab;
  sampleIndex: number;
  granularity: Granularity;
  topFilter: string;
  /** null: pprof's own order (flat, then name). */
  topSort: TopSort | null;
  search: string;
  searchRegex: boolean;
  /** Function the flame graph is rooted at, or null for the whole profile. */
  focus: string | null;
  zoom: number;
  inverted: boolean;
  /** Function whose callers and callees the flame panel shows as a sandwich; "" for none. */
  sandwich: string;
  /** Goroutine state, wait and frame filter; applies to every view of the file. */
  filter: SampleFilter;
  stackBy: StackBy;
  /** Label key the goroutine groups are split by (site x label value); "" for none. */
  groupBy: string;
  /** Goroutine group shown in detail, and which of its stack buckets. */
  group: number | null;
  bucket: number;
}

export interface LoadState {
  phase: LoadPhase;
  done: number;
  total: number;
}

/** The results a file's views show, one per derivation (derivations.ts), named as its worker call. */
export type DerivedResults = { [N in DerivationName]: CallReply<N> | null };

export interface OpenFile extends DerivedResults {
  id: number;
  name: string;
  /** The archive the file came out of, shown as its group; absent for a file opened on its own. */
  group?: string;
  size: number;
  status: 'loading' | 'ready' | 'error';
  load: LoadState | null;
  problem: Problem | null;
  summary: FileSummary | null;
  view: FileView;
  /** Content hash and capture time, once the worker has them (after the first paint). */
  identity: FileIdentity | null;
  /** A derivation (top, flame, search) is being computed. */
  busy: boolean;
  /** A message about the last derivation that failed (the view keeps its previous data). */
  viewError: string | null;
}

export interface AppState {
  files: OpenFile[];
  activeId: number | null;
  /** Functions that are never a blocking site (regular expressions), shared by all files. */
  skipList: string[];
  /** kube-apiserver version the user gave (for known-bug findings), "" when none. */
  version: string;
  /** The comparison of open files, if one was opened, and whether it is what the page shows. */
  compare: CompareState | null;
  compareOpen: boolean;
  /** Archives opened, with the members that were not opened and why. */
  archives: Array<{ name: string; opened: number; skipped: Array<{ name: string; reason: string }> }>;
}

export const defaultView: FileView = {
  tab: 'flame',
  sampleIndex: 0,
  granularity: 'functions',
  topFilter: '',
  topSort: null,
  search: '',
  searchRegex: false,
  focus: null,
  zoom: 0,
  inverted: false,
  sandwich: '',
  filter: noFilter,
  stackBy: 'site',
  groupBy: '',
  group: null,
  bucket: 0,
};

export const useStore = create<AppState>(() => ({
  files: [],
  activeId: null,
  skipList: [...defaultSkipList],
  version: '',
  compare: null,
  compareOpen: false,
  archives: [],
}));

export function getFile(id: number): OpenFile | undefined {
  return useStore.getState().files.find((f) => f.id === id);
}

export function updateFile(id: number, patch: Partial<OpenFile> | ((f: OpenFile) => Partial<OpenFile>)): void {
  useStore.setState((s) => ({
    files: s.files.map((f) => (f.id === id ? { ...f, ...(typeof patch === 'function' ? patch(f) : patch) } : f)),
  }));
}

export function updateView(id: number, patch: Partial<FileView>): void {
  updateFile(id, (f) => ({ view: { ...f.view, ...patch } }));
}

export function useActiveFile(): OpenFile | null {
  return useStore((s) => s.files.find((f) => f.id === s.activeId) ?? null);
}

/** A file's id with some of its fields and some of its view's fields: what one component shows. */
export type FileSlice<K extends Exclude<keyof OpenFile, 'view'>, V extends keyof FileView = never> = Pick<OpenFile, K | 'id'> & { view: Pick<FileView, V> };

/**
 * The fields `keys` of file `id` and the fields `viewKeys` of its view, as one object that keeps
 * its identity while none of them changes, so a component given it (and wrapped in React.memo)
 * renders again only when something it shows changed, not at every result the worker sends for
 * the file. Pass module constants as keys. A file closed meanwhile keeps its last slice until
 * the component unmounts.
 */
export function useFileSlice<K extends Exclude<keyof OpenFile, 'view'>, V extends keyof FileView = never>(
  id: number,
  keys: readonly K[],
  viewKeys: readonly V[] = [],
): FileSlice<K, V> {
  const last = useRef<FileSlice<K, V> | null>(null);
  return useStore((s) => {
    const f = s.files.find((x) => x.id === id);
    if (!f) {
      if (last.current) return last.current;
      throw new Error(`useFileSlice: no open file ${id}`);
    }
    return (last.current = sliceOf(f, last.current, keys, viewKeys));
  });
}

/** `prev` itself when its fields are those of `f` (same values), else a new slice of `f`. */
export function sliceOf<K extends Exclude<keyof OpenFile, 'view'>, V extends keyof FileView = never>(
  f: OpenFile,
  prev: FileSlice<K, V> | null,
  keys: readonly K[],
  viewKeys: readonly V[],
): FileSlice<K, V> {
  if (prev && prev.id === f.id && keys.every((k) => prev[k] === f[k]) && viewKeys.every((k) => prev.view[k] === f.view[k])) return prev;
  const slice = { id: f.id, view: {} } as FileSlice<K, V>;
  for (const k of keys) (slice as Pick<OpenFile, K>)[k] = f[k];
  for (const k of viewKeys) slice.view[k] = f.view[k];
  return slice;
}

/** The whole file `id` (every change of it renders again), or null once it is closed. */
export function useFileById(id: number): OpenFile | null {
  return useStore((s) => s.files.find((f) => f.id === id) ?? null);
}
