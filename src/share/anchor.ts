// Which loaded file a link belongs to, and a top-table row by its printed name. The other
// anchors (sample type, flame path, group, stack) resolve in the worker: analysis/anchor.ts.

import type { TopTable } from '../analysis/top';
import type { SharePayload } from './schema';

/** The dropped file is the one the link was made from. */
export function isSameFile(payload: SharePayload, sha256: string): boolean {
  return payload.profile.sha256 === sha256.toLowerCase();
}

/** Row of the top table with this printed name, or -1. */
export function findTopRow(t: TopTable, name: string): number {
  return t.rows.name.indexOf(name);
}
