// The sandwich's trees agree with pprof's -peek numbers: the callers tree's first level is the
// function's callers with the peek weights, the callees flame's first level its callees, and
// both roots hold the function's cum (for functions that are not recursive, where a tree and
// pprof's once-per-sample edges count the same samples).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCallTree, type CallTree } from '../../src/analysis/callTree';
import { mapNodes } from '../../src/analysis/nodes';
import { computePeek } from '../../src/analysis/peek';
import { buildCallerTree } from '../../src/analysis/sandwich';
import { defaultSampleIndex } from '../../src/analysis/sampleIndex';
import { loadProfile } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

function firstLevel(tree: CallTree, name: (f: number) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = tree.childStart[0]!; i < tree.childStart[1]!; i++) {
    const c = tree.children[i]!;
    out.set(name(tree.frame[c]!), tree.total[c]!);
  }
  return out;
}

describe('sandwich trees = pprof -peek', () => {
  for (const file of ['apiserver-leaks.t1.heap.pb.gz', 'toyserver.cpu.pb.gz', 'apiserver-leaks.t2.goroutine.pb.gz']) {
    it(`every non-recursive function of ${file}`, async () => {
      const { profile: p } = await loadProfile(new Uint8Array(readFileSync(join(repoRoot, 'public', 'samples', file))));
      const sampleIndex = defaultSampleIndex(p);
      const nm = mapNodes(p, 'functions');
      const name = (f: number) => nm.nodes.name[f]!;
      // Functions seen twice in one sample are recursive: trees and edges count them differently.
      const recursive = new Uint8Array(nm.nodes.length);
      const seen = new Int32Array(nm.nodes.length).fill(-1);
      for (let s = 0; s < p.samples.length; s++) {
        for (let i = p.samples.stackStart[s]!; i < p.samples.stackStart[s + 1]!; i++) {
          const loc = p.samples.stack[i]!;
          for (let k = nm.locNodeStart[loc]!; k < nm.locNodeStart[loc + 1]!; k++) {
            const n = nm.locNodes[k]!;
            if (seen[n] === s) recursive[n] = 1;
            seen[n] = s;
          }
        }
      }
      const peek = computePeek(p, { sampleIndex, granularity: 'functions', match: () => true }, nm);
      let checked = 0;
      for (const e of peek.entries) {
        if (recursive[e.node]) continue;
        const callers = buildCallerTree(p, nm, sampleIndex, e.node);
        const callees = buildCallTree(p, nm, { sampleIndex, focus: e.node });
        expect(callers.total[0]).toBe(e.cum);
        expect(callees.total[0]).toBe(e.cum);
        expect(firstLevel(callers, name)).toEqual(new Map(e.callers.map((c) => [c.name, c.weight])));
        expect(firstLevel(callees, name)).toEqual(new Map(e.callees.map((c) => [c.name, c.weight])));
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});
