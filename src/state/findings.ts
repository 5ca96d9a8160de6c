// Findings the user pins (a flame frame, a top-table row, a goroutine group or stack, a known
// bug) with a title and a note, kept in localStorage per file content hash: a reload, or the
// same file dropped tomorrow, finds them again. Stored text is read as hostile (share/storage):
// anything unreadable is reset with a message, never half-trusted.

import { create } from 'zustand';
import {
  bucketFinding,
  frameFinding,
  groupFinding,
  knownBugFinding,
  topRowFinding,
  type FindingText,
} from '../share/build';
import { limits, type Finding, type SharedBug } from '../share/schema';
import { httpUrlPattern } from '../share/specs';
import { parseStored, serializeStored, storageKey } from '../share/storage';
import { getFile, useStore, type OpenFile } from './store';
import type { KnownBugMatch, FlameDatum } from './types';
import { formatCount } from '../lib/goformat';

/** The longest title and note a pin keeps (what a link and the stored entry accept), in UTF-16 code units as JavaScript counts them. */
export const pinTextLimits = { titleChars: limits.titleChars, noteChars: limits.noteChars } as const;

/** A finding being written: built from the view, waiting for its title and note. */
export interface PinDraft {
  sha256: string;
  finding: Finding;
  /** Editing an existing pin (its id) rather than adding one. */
  editing: boolean;
}

export interface PinsState {
  /** Pinned findings per file content hash, in the user's order. */
  byHash: Record<string, Finding[]>;
  /** What went wrong reading or writing a file's saved findings, per hash (shown until dismissed). */
  notices: Record<string, string>;
  /** Files whose hash could not be computed, so nothing can be pinned to them, per file id. */
  identityErrors: Record<number, string>;
  /**
   * Files whose saved findings were written by a newer stackscope, per hash, with the reason:
   * this page neither removes nor rewrites that entry, so nothing can be pinned to them here.
   */
  newerEntries: Record<string, string>;
  draft: PinDraft | null;
}

export const usePins = create<PinsState>(() => ({ byHash: {}, notices: {}, identityErrors: {}, newerEntries: {}, draft: null }));

const noPins: Finding[] = [];

/** The pins of a file (empty until its hash is known). */
export function usePinsOf(file: Pick<OpenFile, 'identity'>): Finding[] {
  const sha = file.identity?.sha256;
  return usePins((s) => (sha ? (s.byHash[sha] ?? noPins) : noPins));
}

export function identityFailed(fileId: number, message: string): void {
  usePins.setState((s) => ({ identityErrors: { ...s.identityErrors, [fileId]: message } }));
}

function setNotice(sha256: string, message: string | null): void {
  usePins.setState((s) => {
    const notices = { ...s.notices };
    if (message === null) delete notices[sha256];
    else notices[sha256] = message;
    return { notices };
  });
}

export function dismissNotice(sha256: string): void {
  setNotice(sha256, null);
}

/** Reads a file's saved findings once; damaged entries are removed and the reason shown. */
export function loadPins(sha256: string): Finding[] {
  const known = usePins.getState().byHash[sha256];
  if (known) return known;
  let findings: Finding[] = [];
  const key = storageKey(sha256);
  try {
    const text = localStorage.getItem(key);
    if (text !== null) {
      const r = parseStored(text);
      if (r.ok) findings = r.findings;
      else if (r.newer) {
        // Kept untouched: a newer page wrote it, and it may hold what this one cannot read.
        usePins.setState((s) => ({ newerEntries: { ...s.newerEntries, [sha256]: r.error } }));
        setNotice(sha256, `${r.error[0]!.toUpperCase()}${r.error.slice(1)}.`);
      } else {
        localStorage.removeItem(key);
        setNotice(sha256, r.error);
      }
    }
  } catch (e) {
    setNotice(sha256, `Saved findings cannot be read in this browser (${e instanceof Error ? e.message : String(e)}); pins last for this visit only.`);
  }
  usePins.setState((s) => ({ byHash: { ...s.byHash, [sha256]: findings } }));
  return findings;
}

/** Why this file's saved entry must not be written by this page, or null. */
function newerEntry(sha256: string): string | null {
  return usePins.getState().newerEntries[sha256] ?? null;
}

function save(sha256: string, findings: Finding[]): void {
  if (newerEntry(sha256) !== null) return;
  usePins.setState((s) => ({ byHash: { ...s.byHash, [sha256]: findings } }));
  try {
    const key = storageKey(sha256);
    if (findings.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, serializeStored(findings));
  } catch (e) {
    setNotice(sha256, `The findings could not be saved (${e instanceof Error ? e.message : String(e)}); they last for this visit only.`);
  }
}

/** Why this list could not be stored and read back, or null (checked before it is saved). */
function unstorable(findings: Finding[]): string | null {
  if (findings.length > limits.findings) return `at most ${limits.findings} findings can be pinned to one file`;
  const r = parseStored(serializeStored(findings));
  return r.ok ? null : r.error.replace(/^the saved findings for this file could not be read \((.*)\); they were reset$/, '$1');
}

export type PinResult = { ok: true } | { ok: false; error: string };

/** Adds the draft as a new pin, or saves an edited one in place. */
export function savePin(sha256: string, finding: Finding): PinResult {
  const list = loadPins(sha256);
  const newer = newerEntry(sha256);
  if (newer !== null) return { ok: false, error: `This finding cannot be pinned: ${newer}.` };
  const i = list.findIndex((f) => f.id === finding.id);
  const next = i >= 0 ? list.map((f, j) => (j === i ? finding : f)) : [...list, finding];
  const why = unstorable(next);
  if (why) return { ok: false, error: `This finding cannot be pinned: ${why}.` };
  save(sha256, next);
  return { ok: true };
}

export function removePin(sha256: string, id: string): void {
  save(
    sha256,
    loadPins(sha256).filter((f) => f.id !== id),
  );
}

/** Moves a pin up (-1) or down (+1) the list. */
export function movePin(sha256: string, id: string, delta: -1 | 1): void {
  const list = [...loadPins(sha256)];
  const i = list.findIndex((f) => f.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j]!, list[i]!];
  save(sha256, list);
}

/** Adds a link's findings to the file's pins (those it does not have yet, by id). */
export function mergePins(sha256: string, findings: Finding[]): number {
  const list = loadPins(sha256);
  const newer = newerEntry(sha256);
  if (newer !== null) {
    if (findings.length > 0) setNotice(sha256, `The link's findings could not be kept with this file's: ${newer}.`);
    return 0;
  }
  const have = new Set(list.map((f) => f.id));
  const added = findings.filter((f) => !have.has(f.id) && have.add(f.id));
  if (added.length === 0) return 0;
  const next = [...list, ...added].slice(0, limits.findings);
  const why = unstorable(next);
  if (why) {
    setNotice(sha256, `The link's findings could not be kept with this file's: ${why}.`);
    return 0;
  }
  save(sha256, next);
  return next.length - list.length;
}

// ---- drafts: each pin action builds the finding from what the view shows, then asks for words

export function startEdit(sha256: string, finding: Finding): void {
  usePins.setState({ draft: { sha256, finding, editing: true } });
}

export function closeDraft(): void {
  usePins.setState({ draft: null });
}

function draft(file: OpenFile, build: (text: FindingText) => Finding, title: string): void {
  const sha256 = file.identity?.sha256;
  if (!sha256) return;
  loadPins(sha256);
  usePins.setState({ draft: { sha256, finding: build({ title: clip(title, limits.titleChars), note: '' }), editing: false } });
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Whether pin buttons work yet (the hash comes a moment after the first paint). */
export function canPin(file: Pick<OpenFile, 'identity'>): boolean {
  return file.identity !== null;
}

export function pinTopRow(fileId: number, row: number): void {
  const f = getFile(fileId);
  if (!f?.top || row < 0 || row >= f.top.rows.length) return;
  const top = f.top;
  draft(f, (text) => topRowFinding(top, row, text), top.rows.name[row]!);
}

/**
 * A flame frame: `path` is its function names from the root (the drawn view's ancestors), its
 * values those the tooltip prints.
 */
export function pinFrame(fileId: number, path: string[], datum: Pick<FlameDatum, 'value' | 'self'>): void {
  const f = getFile(fileId);
  if (!f?.flame || path.length === 0) return;
  const { total, sampleType } = f.flame;
  draft(f, (text) => frameFinding({ path, self: datum.self, value: datum.value, total, sampleType }, text), path[path.length - 1]!);
}

export function pinGroup(fileId: number, group: number): void {
  const f = getFile(fileId);
  const grouping = f?.goroutines?.grouping;
  const g = grouping?.groups[group];
  if (!f || !grouping || !g) return;
  draft(f, (text) => groupFinding(grouping, g, text), `${formatCount(g.count)} goroutines ${g.state ? `in ${g.state} ` : ''}at ${g.site}`);
}

/** The stack shown in the group detail (its frames and labels come with the stack answer). */
export function pinBucket(fileId: number): void {
  const f = getFile(fileId);
  const g = f && f.view.group !== null ? f.goroutines?.grouping.groups[f.view.group] : undefined;
  const stack = f?.stack;
  if (!f || !g || !stack) return;
  const bucket = g.buckets.findIndex((b) => b.sample === stack.sample);
  if (bucket < 0) return;
  const n = g.buckets[bucket]!.count;
  draft(f, (text) => bucketFinding(g, bucket, stack.frames, stack.labels, text), `Stack of ${formatCount(n)} goroutine${n === 1 ? '' : 's'} at ${g.site}`);
}

export function pinKnownBug(fileId: number, match: KnownBugMatch): void {
  const f = getFile(fileId);
  if (!f) return;
  draft(f, (text) => knownBugFinding(sharedBug(match), text), `${match.id}: ${match.title}`);
}

/** A matcher finding as a link carries it: what was seen, why, what the version means, where to read. */
export function sharedBug(m: KnownBugMatch): SharedBug {
  const text = (s: string) => clip(s, limits.textChars);
  return {
    id: m.id,
    title: clip(m.title, 200),
    status: m.status,
    severity: m.severity,
    summary: text(m.evidence.summary),
    // An early or age-unknown finding keeps saying so in the link, with what would confirm it.
    evidence: [
      ...m.evidence.why.map((w) => ({ label: 'why', value: text(w) })),
      ...(m.stageText ? [{ label: m.stage === 'early' ? 'early' : 'age unknown', value: text(m.stageText) }] : []),
      { label: 'version', value: text(m.statusText) },
    ].slice(0, limits.evidence),
    // Only http(s) references travel: the one string a reader's page makes a link of.
    refs: m.references
      .filter((r) => r.url.length <= 1000 && httpUrlPattern.test(r.url))
      .slice(0, limits.refs)
      .map((r) => ({ label: clip(r.label, 200), url: r.url })),
  };
}

// A file's saved findings are read as soon as its hash is known.
useStore.subscribe((s) => {
  const have = usePins.getState().byHash;
  for (const f of s.files) if (f.identity && !have[f.identity.sha256]) loadPins(f.identity.sha256);
});
