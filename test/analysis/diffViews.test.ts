// Per-node base / target / delta and the differential flame graph, on hand-built profiles whose
// numbers are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../src/analysis/diff';
import { buildDiffTree, deriveDiffFlame, type DiffFlameDatum } from '../../src/analysis/diffFlame';
import { computeDiffTable, diffRowOrder } from '../../src/analysis/diffTable';
import { mapNodes } from '../../src/analysis/nodes';
import { computeTop, formatTopText } from '../../src/analysis/top';
import { ProfileBuilder } from '../../src/model/builder';
import type { Profile } from '../../src/model/profile';

/** Stacks written root first: "main;a;b" with a value. */
function profileOf(stacks: Array<[string, number]>): Profile {
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }], periodType: { type: 'cpu', unit: 'nanoseconds' } });
  for (const [path, v] of stacks) {
    for (const f of path.split(';').reverse()) b.pushFrame(b.frame(b.addFunction(b.intern(f), 0, b.intern(`${f}.go`)), 1));
    b.endSample([v]);
  }
  return b.build();
}

// target:  main;a;b 5   main;a;c 3   main;d 2              (sum 10)
// base:    main;a;b 2   main;a 4     main;e 6              (sum 12)
//
// node   target flat/cum   base flat/cum   delta flat/cum   delta% flat / cum
// main        0 / 10           0 / 12          0 / -2           0 / -16.67
// a           0 / 8            4 / 6          -4 / +2        -100 / +33.33
// b           5 / 5            2 / 2          +3 / +3         150 / 150
// c           3 / 3            0 / 0          +3 / +3        +Inf / +Inf
// d           2 / 2            0 / 0          +2 / +2        +Inf / +Inf
// e           0 / 0            6 / 6          -6 / -6        -100 / -100
const target = profileOf([
  ['main;a;b', 5],
  ['main;a;c', 3],
  ['main;d', 2],
]);
const base = profileOf([
  ['main;a;b', 2],
  ['main;a', 4],
  ['main;e', 6],
]);
const r = diffProfiles({ profile: target, name: 'target' }, { profile: base, name: 'base' });
if (!r.ok) throw new Error(r.error);
const diff = r.profile;

describe('diff table', () => {
  const table = computeDiffTable(diff, { sampleIndex: 0, granularity: 'functions' });
  const row = (name: string) => {
    const i = table.rows.name.indexOf(name);
    const { rows } = table;
    return [rows.targetFlat[i], rows.targetCum[i], rows.baseFlat[i], rows.baseCum[i], rows.deltaFlat[i], rows.deltaCum[i], rows.deltaFlatPct[i], rows.deltaCumPct[i]];
  };

  it('gives every node its base, target, delta and delta% relative to the base', () => {
    expect(row('main')).toEqual([0, 10, 0, 12, 0, -2, 0, (100 * -2) / 12]);
    expect(row('a')).toEqual([0, 8, 4, 6, -4, 2, -100, (100 * 2) / 6]);
    expect(row('b')).toEqual([5, 5, 2, 2, 3, 3, 150, 150]);
    expect(row('c')).toEqual([3, 3, 0, 0, 3, 3, Infinity, Infinity]);
    expect(row('d')).toEqual([2, 2, 0, 0, 2, 2, Infinity, Infinity]);
    expect(row('e')).toEqual([0, 0, 6, 6, -6, -6, -100, -100]);
    expect([table.targetTotal, table.baseTotal, table.total, table.baseScale]).toEqual([10, 12, 12, 1]);
  });

  it("lists rows in pprof's diff order, the same as go tool pprof -top -diff_base", () => {
    expect(table.rows.name).toEqual(['e', 'a', 'b', 'c', 'd', 'main']);
    const top = computeTop(diff, { sampleIndex: 0, granularity: 'functions' });
    expect(top.rows.name).toEqual(table.rows.name);
    expect([...top.rows.flat]).toEqual([...table.rows.deltaFlat]);
    expect([...top.rows.cum]).toEqual([...table.rows.deltaCum]);
    expect(formatTopText(top).split('\n').slice(0, 3)).toEqual([
      'Type: samples',
      'Showing nodes accounting for -2, 16.67% of 12 total',
      '      flat  flat%   sum%        cum   cum%',
    ]);
  });

  it('sorts by any column, new nodes beyond every finite percentage', () => {
    const names = (key: Parameters<typeof diffRowOrder>[1], desc = true) => [...diffRowOrder(table.rows, key, desc)].map((i) => table.rows.name[i]);
    expect(names('deltaCum')).toEqual(['b', 'c', 'a', 'd', 'main', 'e']);
    // Ties (a and d, b and c) keep the table's order in both directions.
    expect(names('deltaCum', false)).toEqual(['e', 'main', 'a', 'd', 'b', 'c']);
    expect(names('deltaFlatPct')).toEqual(['c', 'd', 'b', 'main', 'e', 'a']);
    expect(names('name', false)).toEqual(['a', 'b', 'c', 'd', 'e', 'main']);
  });

  it('normalizes the base to the target sum, rounding each sample as pprof does', () => {
    // 10/12 of the base: b 2 -> 1.67 -> 2, a 4 -> 3.33 -> 3, e 6 -> 5; base sum 10.
    const n = computeDiffTable(diff, { sampleIndex: 0, granularity: 'functions', normalizeBase: true });
    expect(n.baseScale).toBeCloseTo(10 / 12, 12);
    const i = (name: string) => n.rows.name.indexOf(name);
    expect([n.rows.baseFlat[i('b')], n.rows.baseFlat[i('a')], n.rows.baseFlat[i('e')]]).toEqual([2, 3, 5]);
    expect([n.rows.baseCum[i('main')], n.rows.deltaCum[i('main')]]).toEqual([10, 0]);
    expect([n.baseTotal, n.targetTotal, n.total]).toEqual([10, 10, 10]);
  });
});

function render(d: DiffFlameDatum, depth = 0): string[] {
  const out = [`${'  '.repeat(depth)}${d.name} ${d.value} base ${d.base} delta ${d.delta}`];
  for (const c of d.children ?? []) out.push(...render(c, depth + 1));
  return out;
}

describe('differential flame graph', () => {
  const nm = mapNodes(diff, 'functions');
  const tree = buildDiffTree(diff, nm, { sampleIndex: 0 });
  const req = { zoom: 0, maxNodes: 100, minFraction: 0, rootName: 'root', frameName: (f: number) => nm.nodes.name[f]!, frameFile: () => '' };

  it("is the target's tree with the base on every box; base-only paths fold into a zero-width box", () => {
    expect(render(deriveDiffFlame(tree, req).root).join('\n')).toBe(
      [
        'root 10 base 12 delta -2',
        '  main 10 base 12 delta -2',
        '    a 8 base 6 delta 2',
        '      b 5 base 2 delta 3',
        '      c 3 base 0 delta 3',
        '    d 2 base 0 delta 2',
        '    1 small frame 0 base 6 delta -6',
      ].join('\n'),
    );
  });

  it('keeps sums and deltas when it merges narrow frames', () => {
    // Threshold 2.5 of 10: d (2) and e (0) merge under main: value 2, base 0 + 6.
    const view = deriveDiffFlame(tree, { ...req, minFraction: 0.25 });
    expect(render(view.root).join('\n')).toBe(
      [
        'root 10 base 12 delta -2',
        '  main 10 base 12 delta -2',
        '    a 8 base 6 delta 2',
        '      b 5 base 2 delta 3',
        '      c 3 base 0 delta 3',
        '    2 small frames 2 base 6 delta -4',
      ].join('\n'),
    );
  });

  it('shows the ancestors of a zoomed frame with its values', () => {
    const a = tree.children[tree.childStart[1]!]!;
    expect(nm.nodes.name[tree.frame[a]!]).toBe('a');
    expect(render(deriveDiffFlame(tree, { ...req, zoom: a }).root).join('\n')).toBe(
      ['root 8 base 6 delta 2', '  main 8 base 6 delta 2', '    a 8 base 6 delta 2', '      b 5 base 2 delta 3', '      c 3 base 0 delta 3'].join(
        '\n',
      ),
    );
  });

  it('roots the tree at a focused frame on both sides', () => {
    const a = nm.nodes.name.indexOf('a');
    const focused = buildDiffTree(diff, nm, { sampleIndex: 0, focus: a });
    expect(render(deriveDiffFlame(focused, { ...req, rootName: 'a' }).root).join('\n')).toBe(
      ['a 8 base 6 delta 2', '  b 5 base 2 delta 3', '  c 3 base 0 delta 3'].join('\n'),
    );
  });

  it('normalizes the base to the target total', () => {
    const n = buildDiffTree(diff, nm, { sampleIndex: 0, normalizeBase: true });
    expect(render(deriveDiffFlame(n, req).root).slice(0, 3)).toEqual(['root 10 base 10 delta 0', '  main 10 base 10 delta 0', '    a 8 base 5 delta 3']);
  });

  it('stays within the box budget on a wide diff, with every delta adding up', () => {
    const wide = (shift: number) => profileOf(Array.from({ length: 3000 }, (_, i) => [`main;f${i + shift}`, 1 + (i % 5)] as [string, number]));
    const w = diffProfiles({ profile: wide(0), name: 't' }, { profile: wide(1000), name: 'b' });
    if (!w.ok) throw new Error(w.error);
    const wnm = mapNodes(w.profile, 'functions');
    const wtree = buildDiffTree(w.profile, wnm, { sampleIndex: 0 });
    const view = deriveDiffFlame(wtree, { ...req, maxNodes: 500, frameName: (f) => wnm.nodes.name[f]! });
    expect(view.nodeCount).toBeLessThanOrEqual(500);
    const check = (d: DiffFlameDatum) => {
      if (!d.children) return;
      const sum = (k: 'value' | 'base' | 'delta') => d.children!.reduce((s, c) => s + c[k], 0);
      // The root and main have no self value: their children add up to them exactly.
      if (d.name === 'root' || d.name === 'main') {
        expect([sum('value'), sum('base'), sum('delta')]).toEqual([d.value, d.base, d.delta]);
      }
      d.children.forEach(check);
    };
    check(view.root);
    // Both sides hold f1000..f2999 with the same values: only the two ends differ.
    const expectedDelta = [...Array(1000).keys()].reduce((s, i) => s + 1 + (i % 5), 0) - [...Array(1000).keys()].reduce((s, i) => s + 1 + ((i + 2000) % 5), 0);
    expect(view.root.delta).toBe(expectedDelta);
  });
});
