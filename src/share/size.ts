// Keeping a link short enough for chat, tickets and mail. Findings and their notes are what the
// user chose to share and are never dropped; the snapshot is context and gives way, least
// important part first: the top table's tail rows, then the smallest goroutine groups, then
// the whole snapshot.

import { encodePermalink } from './codec';
import type { SharePayload, Snapshot } from './schema';

/** A link this long pastes everywhere (chat previews, ticket fields). */
export const TARGET_LINK_BYTES = 4096;
/** Past this, some tools cut links: the dialog warns. */
export const WARN_LINK_BYTES = 8192;

/** Rows and groups fitToSize keeps before it gives up the snapshot entirely. */
const MIN_TOP_ROWS = 5;
const MIN_GROUPS = 3;

/** Characters the link adds after the page address: "#" and the fragment (all ASCII, so bytes). */
export function linkLength(payload: SharePayload): number {
  return 1 + encodePermalink(payload).length;
}

export interface FitResult {
  payload: SharePayload;
  /** linkLength of the returned payload. */
  length: number;
  fits: boolean;
  /** What was left out, one sentence each, for the dialog. */
  dropped: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The payload with as little of the snapshot dropped as makes it fit in maxBytes. */
export function fitToSize(payload: SharePayload, maxBytes: number = TARGET_LINK_BYTES): FitResult {
  let length = linkLength(payload);
  if (length <= maxBytes || !payload.snapshot) return { payload, length, fits: length <= maxBytes, dropped: [] };
  const snap = payload.snapshot;
  const withSnapshot = (s: Snapshot | null): SharePayload => ({ ...payload, snapshot: s });
  const dropped: string[] = [];
  let current: Snapshot = snap;

  const top = snap.top;
  if (top && top.rows.length > MIN_TOP_ROWS) {
    const keep = largestFitting(MIN_TOP_ROWS, top.rows.length, maxBytes, (n) => withSnapshot({ ...current, top: { ...top, rows: top.rows.slice(0, n) } }));
    current = { ...current, top: { ...top, rows: top.rows.slice(0, keep.n) } };
    length = keep.length;
    dropped.push(`the last ${plural(top.rows.length - keep.n, 'row')} of the top table (kept ${keep.n})`);
    if (length <= maxBytes) return { payload: withSnapshot(current), length, fits: true, dropped };
  }

  const gr = snap.goroutines;
  if (gr && gr.groups.length > MIN_GROUPS) {
    const keep = largestFitting(MIN_GROUPS, gr.groups.length, maxBytes, (n) => withSnapshot({ ...current, goroutines: { ...gr, groups: gr.groups.slice(0, n) } }));
    current = { ...current, goroutines: { ...gr, groups: gr.groups.slice(0, keep.n) } };
    length = keep.length;
    dropped.push(`the ${plural(gr.groups.length - keep.n, 'smallest goroutine group')} (kept ${keep.n})`);
    if (length <= maxBytes) return { payload: withSnapshot(current), length, fits: true, dropped };
  }

  const bare = withSnapshot(null);
  length = linkLength(bare);
  dropped.length = 0;
  dropped.push('the snapshot (top table, goroutine groups and known-bug summary); the findings alone remain');
  return { payload: bare, length, fits: length <= maxBytes, dropped };
}

/**
 * The most items in [min, max) whose link fits (binary search: the length grows with the
 * count), or min with its length when none fits. `max` items are known not to fit.
 */
function largestFitting(min: number, max: number, maxBytes: number, make: (n: number) => SharePayload): { n: number; length: number } {
  let lo = min;
  let loLength = linkLength(make(min));
  if (loLength > maxBytes) return { n: min, length: loLength };
  let hi = max; // does not fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const len = linkLength(make(mid));
    if (len <= maxBytes) {
      lo = mid;
      loLength = len;
    } else hi = mid;
  }
  return { n: lo, length: loLength };
}
