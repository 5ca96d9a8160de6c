// Wait-minute buckets of the goroutine histogram, fitted to the dump: how long goroutines have
// been blocked, with bars a person can read.
//
// The runtime prints ", N minutes" only for goroutines waiting a minute or more (N is floored),
// so the first bucket, "<1 min", holds the goroutines without minutes. When the dump's longest
// wait is short (up to 15 minutes) there is one bucket per minute: "<1 min", "1 min", "2 min",
// ... When it is longer, a few per-minute buckets then edges on round numbers (5, 10, 15, 20, 30,
// 45 minutes, 1, 1.5, 2, 3, 4, 6, 8, 12 hours, 1, 2, 3 days, 1, 2, 4 weeks, ...), the finest
// ladder that keeps at most MAX_BUCKETS bars (links carry at most 16 buckets per histogram).
//
// Labels name the whole minutes, hours or days a bucket holds, both ends included, as the runtime
// floors them: "15-19 min" is 15:00 to 19:59, "4-5 h" is 4:00 to 5:59, "1 d" is 24:00 to 47:59.

export interface WaitBuckets {
  /** Lower edge of each bucket in minutes; edges[0] is 0, increasing. */
  edges: number[];
  /** Upper edge (exclusive) of the last bucket: the next round number past the longest wait (Infinity past a year). */
  end: number;
  labels: string[];
}

/** At most this many bars (a link's histogram holds at most 16 buckets: share/schema limits). */
export const MAX_BUCKETS = 16;

/** Longest wait with one bucket per minute. */
export const PER_MINUTE_UP_TO = MAX_BUCKETS - 1;

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Round edges past the per-minute part, finer and sparser; both continue by doubling weeks. */
const fineLadder = [5, 10, 15, 20, 30, 45, HOUR, 1.5 * HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 8 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, WEEK, 2 * WEEK, 4 * WEEK];
const sparseLadder = [5, 10, 15, 30, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, DAY, 2 * DAY, WEEK, 4 * WEEK];

/** The ladder's edges above `from`, continued by doubling until one exceeds `longest`. */
function ladderEdges(ladder: readonly number[], from: number, longest: number): { edges: number[]; end: number } {
  const edges: number[] = [];
  let next = 0;
  for (let i = 0; ; i++) {
    next = i < ladder.length ? ladder[i]! : next * 2;
    if (next <= from) continue;
    if (next > longest) return { edges, end: next };
    edges.push(next);
  }
}

/** Buckets for a dump whose longest wait is `longest` minutes (0 when no goroutine shows minutes). */
export function waitBucketsFor(longest: number): WaitBuckets {
  const max = Math.max(0, Math.floor(longest));
  if (max <= PER_MINUTE_UP_TO) {
    const edges = Array.from({ length: max + 1 }, (_, i) => i);
    return { edges, end: max + 1, labels: edges.map((e) => bucketLabel(e, e + 1)) };
  }
  // Finest first: per minute up to 9 then the fine ladder, up to 4 then the fine ladder, then the
  // sparse ladder after per-minute parts up to 4, 2 and 1 minutes; the first that fits is taken.
  const candidates: Array<[number, readonly number[]]> = [
    [9, fineLadder],
    [4, fineLadder],
    [4, sparseLadder],
    [2, sparseLadder],
    [1, sparseLadder],
  ];
  let chosen: { edges: number[]; end: number } | null = null;
  for (const [perMinute, ladder] of candidates) {
    const rest = ladderEdges(ladder, perMinute, max);
    const edges = [...Array.from({ length: perMinute + 1 }, (_, i) => i), ...rest.edges];
    chosen = { edges, end: rest.end };
    if (edges.length <= MAX_BUCKETS) break;
  }
  let { edges, end } = chosen!;
  if (edges.length > MAX_BUCKETS) {
    // Beyond what the ladders cover in 16 bars (waits over a year): the last bucket is open.
    edges = edges.slice(0, MAX_BUCKETS);
    end = Infinity;
  }
  const labels = edges.map((e, i) => bucketLabel(e, i + 1 < edges.length ? edges[i + 1]! : end));
  return { edges, end, labels };
}

/** Bucket index of a wait in minutes, by binary search over the edges. */
export function bucketOf(edges: readonly number[], minutes: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= minutes) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The label of the bucket holding waits from `from` to before `to` minutes. */
export function bucketLabel(from: number, to: number): string {
  if (from === 0 && to === 1) return '<1 min';
  if (to === Infinity) return from % DAY === 0 ? `${from / DAY}+ d` : from % HOUR === 0 ? `${from / HOUR}+ h` : `${from}+ min`;
  const last = to - 1;
  const span = (a: number, b: number, unit: string) => (a === b ? `${a} ${unit}` : `${a}-${b} ${unit}`);
  if (from >= DAY && from % DAY === 0 && to % DAY === 0) return span(from / DAY, to / DAY - 1, 'd');
  if (from >= 2 * HOUR && from % HOUR === 0 && to % HOUR === 0) return span(from / HOUR, to / HOUR - 1, 'h');
  return span(from, last, 'min');
}
