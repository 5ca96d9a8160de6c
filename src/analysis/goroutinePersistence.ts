// Which goroutines of an earlier debug=2 dump are still there, unchanged, in a later one, and
// what their wait minutes say about the time between the dumps.
//
// A goroutine persists when its id and its whole stack as printed (every frame, argument values
// and offsets, the created-by line) are the same in both. An id alone proves nothing: two
// processes of one binary give their start-up goroutines the same ids and frames. Goroutine ids
// are never reused within a process, and a goroutine blocked at the same place with the same
// arguments is the same wait; its wait minutes, floor((now - waitsince) / 1 min) with waitsince
// fixed once a GC stamped it, then grew by the elapsed time: floor(x + E) - floor(x) is
// floor(E) or floor(E) + 1, so the differences of many goroutines bound E to the minute.

import type { GoroutineTable } from '../model/goroutines';

/** Statuses of goroutines that are not blocked (runtime/traceback.go gStatusStrings). */
const NOT_BLOCKED = new Set(['running', 'runnable', 'syscall', 'idle', 'dead', 'moribund', 'copystack', 'preempted', 'enqueue']);

/** True for a wait reason (chan send, select, IO wait, ...) or "waiting"; false for running and the like. */
export function isBlockedState(state: string): boolean {
  return state !== '' && !NOT_BLOCKED.has(state);
}

/**
 * Per goroutine, a 53-bit digest of its stack exactly as printed: the bytes after its header
 * line up to the blank line that ends it (carriage returns ignored, so CRLF copies match).
 */
export function stackDigests(text: Uint8Array, g: GoroutineTable): Float64Array {
  const out = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) {
    let p = g.offset[i]!;
    const limit = i + 1 < g.length && g.offset[i + 1]! > p ? g.offset[i + 1]! : text.length;
    while (p < limit && text[p] !== 10) p++;
    p++;
    // Two independent 32-bit FNV-1a style lanes; together 53 bits, so a collision between
    // thousands of stacks is out of reach.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ 0x5bd1e995;
    let prev = 10;
    for (; p < limit; p++) {
      const b = text[p]!;
      if (b === 13) continue;
      if (b === 10 && prev === 10) break;
      h1 = Math.imul(h1 ^ b, 0x01000193);
      h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h2 >>> 15);
      prev = b;
    }
    out[i] = (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
  }
  return out;
}

export interface PersistenceDump {
  goroutines: GoroutineTable;
  /** Per goroutine: stackDigests of the dump's text. */
  digests: Float64Array;
  /** Per goroutine: its state string (the table's state index resolved). */
  states: readonly string[];
  /** Per goroutine: a key of its blocking site (group), or -1 when it has none in the view. */
  siteOf: Int32Array;
  /** The dump ended inside a goroutine: goroutines after the cut are unknown. */
  truncated: boolean;
}

export interface Persistence {
  /** Blocked goroutines in the earlier dump. */
  blocked: number;
  /** Of those, the ones with the same id and the same stack in the later dump. */
  persisted: number;
  /**
   * Later-dump goroutines whose id is below the earlier dump's highest id, that the earlier
   * dump does not have: impossible for one process beyond the few ids each P keeps cached
   * (16 per P), the usual case for another process of the same binary.
   */
  unexplainedOld: number;
  /** Later-dump goroutines with an id below the earlier dump's highest id. */
  old: number;
  /** Wait-minute differences (later - earlier) of persisted goroutines with minutes in both: difference -> count. */
  waitDiffs: Map<number, number>;
  /** Per earlier-dump site key: [blocked goroutines, of which persisted]. */
  bySite: Map<number, [number, number]>;
}

function idIndex(g: GoroutineTable): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < g.length; i++) m.set(g.id[i]!, i);
  return m;
}

/** How much of `earlier` is still waiting, unchanged, in `later`. */
export function persistence(earlier: PersistenceDump, later: PersistenceDump): Persistence {
  const a = earlier.goroutines;
  const b = later.goroutines;
  const inLater = idIndex(b);
  let blocked = 0;
  let persisted = 0;
  let maxId = -1;
  const waitDiffs = new Map<number, number>();
  const bySite = new Map<number, [number, number]>();
  const inEarlier = new Set<number>();
  for (let i = 0; i < a.length; i++) {
    const id = a.id[i]!;
    inEarlier.add(id);
    if (id > maxId) maxId = id;
    if (!isBlockedState(earlier.states[i]!)) continue;
    blocked++;
    const site = earlier.siteOf[i]!;
    let s = bySite.get(site);
    if (!s) bySite.set(site, (s = [0, 0]));
    s[0]++;
    const j = inLater.get(id);
    if (j === undefined || later.digests[j] !== earlier.digests[i]) continue;
    persisted++;
    s[1]++;
    const ma = a.waitMinutes[i]!;
    const mb = b.waitMinutes[j]!;
    if (ma >= 0 && mb >= 0) waitDiffs.set(mb - ma, (waitDiffs.get(mb - ma) ?? 0) + 1);
  }
  let old = 0;
  let unexplainedOld = 0;
  for (let j = 0; j < b.length; j++) {
    const id = b.id[j]!;
    if (id >= maxId) continue;
    old++;
    if (!inEarlier.has(id)) unexplainedOld++;
  }
  // Goroutines after a cut are unknown, so an earlier truncated dump explains nothing missing.
  if (earlier.truncated) unexplainedOld = 0;
  return { blocked, persisted, unexplainedOld, old, waitDiffs, bySite };
}

export interface WaitElapsed {
  /** Best estimate in minutes. */
  minutes: number;
  /** Bounds in minutes: the elapsed time is within [low, high]. */
  low: number;
  high: number;
  /** Differences used (inside the winning one-minute window) and all differences. */
  agreeing: number;
  total: number;
}

/**
 * The elapsed time the wait-minute differences support. Each difference d says the elapsed E
 * is in (d - 1, d + 1); the window {k, k + 1} holding the most differences wins (robust to a
 * goroutine stamped late or a stray match), and E is in [k, k + 1] when both occur, else
 * (k - 1, k + 1). Null without differences.
 */
export function elapsedFromWaits(diffs: Map<number, number>): WaitElapsed | null {
  let total = 0;
  for (const c of diffs.values()) total += c;
  if (total === 0) return null;
  let bestK = 0;
  let best = -1;
  for (const k of diffs.keys()) {
    const c = (diffs.get(k) ?? 0) + (diffs.get(k + 1) ?? 0);
    if (c > best || (c === best && k < bestK)) {
      best = c;
      bestK = k;
    }
  }
  const lowCount = diffs.get(bestK) ?? 0;
  const highCount = diffs.get(bestK + 1) ?? 0;
  if (lowCount > 0 && highCount > 0) {
    return { minutes: bestK + highCount / (lowCount + highCount), low: bestK, high: bestK + 1, agreeing: best, total };
  }
  const k = lowCount > 0 ? bestK : bestK + 1;
  return { minutes: k, low: Math.max(0, k - 1), high: k + 1, agreeing: best, total };
}
