// Which rows the top table shows and in what order: a Go regexp filter over names and a column
// sort. sum% is the running flat total in the order shown, as pprof defines it. Runs in the
// worker: a filter over 100,000 names is no work for the page's thread.

import { compileGoRegexp, type GoRegexp } from '../lib/goRegexp';
import type { TopTable } from './top';

export interface TopSort {
  key: 'flat' | 'cum' | 'name';
  desc: boolean;
}

export interface RowOrder {
  rows: Uint32Array;
  /** Running flat total at each shown row. */
  runningFlat: Float64Array;
  error: string | null;
  /** The table the rows index into, to tell an order of an older table apart. */
  of: TableKey;
  /** The filter and sort this order answers, to tell it from the view's newer ones. */
  rowFilter: string;
  sort: TopSort | null;
}

export interface TableKey {
  sampleIndex: number;
  granularity: string;
  length: number;
  total: number;
}

export function tableKey(t: TopTable): TableKey {
  return { sampleIndex: t.sampleIndex, granularity: t.granularity, length: t.rows.length, total: t.total };
}

export function sameTable(a: TableKey, b: TableKey): boolean {
  return a.sampleIndex === b.sampleIndex && a.granularity === b.granularity && a.length === b.length && a.total === b.total;
}

export function orderRows(top: TopTable, filter: string, sort: TopSort | null): RowOrder {
  const n = top.rows.length;
  let re: GoRegexp | null = null;
  let error: string | null = null;
  if (filter !== '') {
    const c = compileGoRegexp(filter);
    if (c.ok) re = c.re;
    else error = c.error;
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
  return { rows, runningFlat, error, of: tableKey(top), rowFilter: filter, sort };
}
