import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../src/model/builder';
import { buildCallTree, matchedTotal } from '../../src/analysis/callTree';
import { deriveFlame, type FlameDatum } from '../../src/analysis/flame';
import { mapNodes } from '../../src/analysis/nodes';

/** Stacks written root first, as people read them: "main;a;b" with a value. */
function profileOf(stacks: Array<[string, number]>) {
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
  for (const [path, v] of stacks) {
    const frames = path.split(';').reverse();
    for (const f of frames) b.pushFrame(b.frame(b.addFunction(b.intern(f), 0, b.intern('x.go')), 1));
    b.endSample([v]);
  }
  return b.build();
}

function render(d: FlameDatum, depth = 0): string[] {
  const out = [`${'  '.repeat(depth)}${d.name} ${d.value}`];
  for (const c of d.children ?? []) out.push(...render(c, depth + 1));
  return out;
}

describe('call tree', () => {
  const p = profileOf([
    ['main;a;b', 5],
    ['main;a;c', 3],
    ['main;a', 2],
    ['main;d;a;b', 1],
    ['main;e', 0],
  ]);
  const nm = mapNodes(p, 'functions');
  const tree = buildCallTree(p, nm, { sampleIndex: 0 });
  const name = (f: number) => nm.nodes.name[f]!;

  it('sums inclusive and self values along paths', () => {
    const view = deriveFlame(tree, { zoom: 0, maxNodes: 100, minFraction: 0, rootName: 'root', frameName: name, frameFile: () => 'x.go' });
    expect(render(view.root).join('\n')).toBe(
      ['root 11', '  main 11', '    a 10', '      b 5', '      c 3', '    d 1', '      a 1', '        b 1'].join('\n'),
    );
  });

  it('merges narrow frames into one box per parent, keeping sums', () => {
    const view = deriveFlame(tree, { zoom: 0, maxNodes: 100, minFraction: 0.2, rootName: 'root', frameName: name, frameFile: () => 'x.go' });
    expect(render(view.root).join('\n')).toBe(
      ['root 11', '  main 11', '    a 10', '      b 5', '      c 3', '    1 small frame 1'].join('\n'),
    );
  });

  it('zooms with the ancestors above at full width', () => {
    const a = tree.children[tree.childStart[1]!]!; // main's widest child: a
    const view = deriveFlame(tree, { zoom: a, maxNodes: 100, minFraction: 0, rootName: 'root', frameName: name, frameFile: () => 'x.go' });
    expect(render(view.root).join('\n')).toBe(['root 10', '  main 10', '    a 10', '      b 5', '      c 3'].join('\n'));
    expect(view.root.ancestor).toBe(true);
  });

  it('keeps the box count within budget on a wide tree', () => {
    const wide = profileOf(Array.from({ length: 5000 }, (_, i) => [`main;f${i}`, 1 + (i % 7)] as [string, number]));
    const wnm = mapNodes(wide, 'functions');
    const wtree = buildCallTree(wide, wnm, { sampleIndex: 0 });
    const view = deriveFlame(wtree, { zoom: 0, maxNodes: 1000, minFraction: 0, rootName: 'root', frameName: (f) => wnm.nodes.name[f]!, frameFile: () => '' });
    expect(view.nodeCount).toBeLessThanOrEqual(1000);
    const main = view.root.children![0]!;
    expect(main.children!.reduce((s, c) => s + c.value, 0)).toBe(main.value);
  });

  it('focuses on a function from its outermost call', () => {
    const a = nm.nodes.name.indexOf('a');
    const focused = buildCallTree(p, nm, { sampleIndex: 0, focus: a });
    const view = deriveFlame(focused, { zoom: 0, maxNodes: 100, minFraction: 0, rootName: 'a', frameName: name, frameFile: () => 'x.go' });
    expect(render(view.root).join('\n')).toBe(['a 11', '  b 6', '  c 3'].join('\n'));
  });

  it('sums matches without double counting nested ones', () => {
    const b = nm.nodes.name.indexOf('b');
    const a = nm.nodes.name.indexOf('a');
    expect(matchedTotal(tree, (f) => f === b)).toBe(6);
    expect(matchedTotal(tree, (f) => f === a || f === b)).toBe(11);
  });
});
