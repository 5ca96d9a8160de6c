// Open files, their view state and the views the workers computed for them. The store holds
// plain data only; the workers themselves live in workers.ts.

import { create } from 'zustand';
import type { FileSummary, FlameResult, Granularity, LoadPhase, Problem, SearchResult, TopTable } from './types';

export type ViewTab = 'flame' | 'top';

export interface TopSort {
  key: 'flat' | 'cum' | 'name';
  desc: boolean;
}

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
}

export interface LoadState {
  phase: LoadPhase;
  done: number;
  total: number;
}

export interface OpenFile {
  id: number;
  name: string;
  size: number;
  status: 'loading' | 'ready' | 'error';
  load: LoadState | null;
  problem: Problem | null;
  summary: FileSummary | null;
  view: FileView;
  top: TopTable | null;
  flame: FlameResult | null;
  search: SearchResult | null;
  /** A derivation (top, flame, search) is being computed. */
  busy: boolean;
  /** A message about the last derivation that failed (the view keeps its previous data). */
  viewError: string | null;
}

export interface AppState {
  files: OpenFile[];
  activeId: number | null;
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
};

export const useStore = create<AppState>(() => ({ files: [], activeId: null }));

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
