// The compare view's diff table, row for row, against `go tool pprof -top -diff_base` with every
// node (-nodefraction=0) and pprof's default -edgefraction: the figures the table shows (flat,
// flat%, sum% in pprof's order, cum, cum%) formatted as DiffTopTable formats them, and the name
// with its "(inline)" / "(partial-inline)" mark. Oracles: test/oracle/difftable (real heap
// profiles of one leaking process, tools/samplegen/difftable-oracles.sh) and the plain
// ("default") forms of test/oracle/diff (tools/samplegen/oracles.sh).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../src/analysis/diff';
import { computeDiffTable } from '../../src/analysis/diffTable';
import { sampleIndexByName } from '../../src/analysis/sampleIndex';
import { percentage, scaledLabel } from '../../src/lib/units';
import { loadBytes } from '../../src/parse/load';
import { repoRoot, sharedDir } from '../support/fixtures';

const inlineMark = ['', ' (inline)', ' (partial-inline)'];

interface Case {
  oracle: string;
  target: string;
  base: string;
  sampleType: string;
}

const seriesDir = join(repoRoot, 'test', 'fixtures', 'series');
const difftable = readdirSync(join(repoRoot, 'test', 'oracle', 'difftable'))
  .map((f) => /^(.+)\.vs\.(.+)\.heap\.([^.]+)\.top$/.exec(f))
  .filter((m) => m !== null)
  .map(([f, t, b, type]) => ({
    oracle: join(repoRoot, 'test', 'oracle', 'difftable', f!),
    target: join(seriesDir, `${t}.heap.pb.gz`),
    base: join(seriesDir, `${b}.heap.pb.gz`),
    sampleType: type!,
  }));

function samplePath(file: string): string | null {
  const p = join(repoRoot, 'public', 'samples', file);
  if (existsSync(p)) return p;
  const q = sharedDir ? join(sharedDir, 'fixtures', 'pprof', file) : null;
  return q && existsSync(q) ? q : null;
}
const plainDiffs = readdirSync(join(repoRoot, 'test', 'oracle', 'diff'))
  .map((f) => /^(.+\.pb\.gz)\.vs\.(.+\.pb\.gz)\.([^.]+)\.default\.top$/.exec(f))
  .filter((m) => m !== null)
  .map(([f, t, b, type]) => ({ oracle: join(repoRoot, 'test', 'oracle', 'diff', f!), target: samplePath(t!), base: samplePath(b!), sampleType: type! }))
  .filter((c): c is Case => c.target !== null && c.base !== null);

const load = (path: string) => loadBytes(new Uint8Array(readFileSync(path))).profile;

/**
 * The table's rows as the compare view prints them: flat, flat%, sum%, cum, cum%, name. The
 * table also lists nodes that did not change (delta flat and cum 0, base = target), for their
 * base and target columns; pprof prints no such row, so they are left out here (they add 0 to sum%).
 */
function tableRows(c: Case): string[][] {
  const d = diffProfiles({ profile: load(c.target), name: c.target }, { profile: load(c.base), name: c.base });
  if (!d.ok) throw new Error(d.error);
  const t = computeDiffTable(d.profile, { sampleIndex: sampleIndexByName(d.profile, c.sampleType), granularity: 'functions' });
  const fmt = (v: number) => scaledLabel(v, t.sampleType.unit, t.outputUnit);
  const out: string[][] = [];
  let sum = 0;
  for (let i = 0; i < t.rows.length; i++) {
    sum += t.rows.deltaFlat[i]!;
    if (t.rows.deltaFlat[i] === 0 && t.rows.deltaCum[i] === 0) continue;
    out.push([
      fmt(t.rows.deltaFlat[i]!),
      percentage(t.rows.deltaFlat[i]!, t.total).trim(),
      percentage(sum, t.total).trim(),
      fmt(t.rows.deltaCum[i]!),
      percentage(t.rows.deltaCum[i]!, t.total).trim(),
      `${t.rows.name[i]}${inlineMark[t.rows.inline[i]!]}`,
    ]);
  }
  return out;
}

/** pprof's rows: the lines after the column header, five figures then the name. */
function oracleRows(path: string): string[][] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(l));
  expect(head, `column header in ${path}`).toBeGreaterThan(0);
  return lines
    .slice(head + 1)
    .filter((l) => l !== '')
    .map((l) => {
      const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) {2}(.*)$/.exec(l);
      if (!m) throw new Error(`unexpected pprof row in ${path}: ${l}`);
      return m.slice(1);
    });
}

describe('diff table rows = go tool pprof -top -diff_base (inline marks and sum% included)', () => {
  it('has oracles with inline marks to compare with', () => {
    expect(difftable.length).toBe(8);
    expect(difftable.some((c) => readFileSync(c.oracle, 'utf8').includes(' (inline)\n'))).toBe(true);
  });
  it.each([...difftable, ...plainDiffs].map((c) => [c.oracle.slice(repoRoot.length + 1), c] as const))('%s', (_, c) => {
    expect(tableRows(c)).toEqual(oracleRows(c.oracle));
  });
});
