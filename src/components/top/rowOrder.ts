// Which rows the table shows and in what order: a regex filter over names and a column sort.
// sum% is the running flat total in the order shown, as pprof defines it.

import type { TopSort } from '../../state/store';
import type { TopTable } from '../../state/types';

export interface RowOrder {
  rows: Uint32Array;
  /** Running flat total at each shown row. */
  runningFlat: Float64Array;
  error: string | null;
}

export function orderRows(top: TopTable, filter: string, sort: TopSort | null): RowOrder {
  const n = top.rows.length;
  let re: RegExp | null = null;
  let error: string | null = null;
  if (filter !== '') {
    try {
      re = new RegExp(filter);
    } catch (e) {
      error = `Invalid regular expression: ${(e as Error).message}`;
    }
  }
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if (!re || re.test(top.rows.name[i]!)) picked.push(i);
  if (sort) {
    const { flat, cum, name } = top.rows;
    const dir = sort.desc ? -1 : 1;
    const cmp =
      sort.key === 'name'
        ? (a: number, b: number) => dir * (name[a]! < name[b]! ? -1 : name[a]! > name[b]! ? 1 : 0) || a - b
        : sort.key === 'flat'
          ? (a: number, b: number) => dir * (Math.abs(flat[a]!) - Math.abs(flat[b]!)) || a - b
          : (a: number, b: number) => dir * (Math.abs(cum[a]!) - Math.abs(cum[b]!)) || a - b;
    picked.sort(cmp);
  }
  const rows = Uint32Array.from(picked);
  const runningFlat = new Float64Array(rows.length);
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    sum += top.rows.flat[rows[i]!]!;
    runningFlat[i] = sum;
  }
  return { rows, runningFlat, error };
}
