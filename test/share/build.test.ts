// Findings built from real analysis carry pprof's own digits, and their anchors find the same
// group, row, frame and stack again in a fresh load of the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { buildCallTree, findTreePath } from '../../src/analysis/callTree';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { mapNodes } from '../../src/analysis/nodes';
import { sampleFrames } from '../../src/analysis/sampleStack';
import { computeTop } from '../../src/analysis/top';
import { loadBytes } from '../../src/parse/load';
import { findBucket, findGroup, findSampleType } from '../../src/analysis/anchor';
import { findTopRow, isSameFile } from '../../src/share/anchor';
import { newFindingId, snapshotTop, topRowFinding } from '../../src/share/build';
import { redact } from '../../src/share/redact';
import { findingIdPattern } from '../../src/share/specs';
import { repoRoot } from '../support/fixtures';
import { goroutinePayload, heapPayload, samplePath } from './realistic';

const load = (f: string) => loadBytes(new Uint8Array(readFileSync(samplePath(f))));

/** Rows of a `go tool pprof -top` output: [flat, flat%, sum%, cum, cum%, name]. */
function oracleRows(file: string): string[][] {
  const text = readFileSync(join(repoRoot, 'test', 'oracle', 'samples', file), 'utf8').split('\n');
  const start = text.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(l)) + 1;
  return text
    .slice(start)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.*?)(?: \((?:partial-)?inline\))?$/.exec(l)!;
      return m.slice(1);
    });
}

describe('builders', () => {
  it('snapshot rows and top-row findings print what go tool pprof -top prints', () => {
    const l = load('apiserver-leaks.t2.heap.pb.gz');
    for (const type of ['inuse_space', 'alloc_objects']) {
      const sampleIndex = findSampleType(l.profile.sampleTypes, type);
      const top = computeTop(l.profile, { sampleIndex, granularity: 'functions' });
      const oracle = oracleRows(`apiserver-leaks.t2.heap.pb.gz.${type}.top`);
      const snap = snapshotTop(top);
      expect(snap.rows).toHaveLength(20);
      expect(snap.rowCount).toBe(oracle.length);
      snap.rows.forEach((r, i) => {
        const [flat, flatPct, , cum, cumPct, name] = oracle[i]!;
        expect([r.flatText, r.flatPct, r.cumText, r.cumPct, r.name]).toEqual([flat, flatPct, cum, cumPct, name]);
        const f = topRowFinding(top, i, { title: '', note: '' });
        expect([f.values.flatText, f.values.flatPct, f.values.cumText, f.values.cumPct, f.name]).toEqual([flat, flatPct, cum, cumPct, name]);
      });
    }
  });

  it('makes fresh short ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newFindingId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(findingIdPattern);
  });
});

describe('anchors on a fresh load', () => {
  it('find the groups, stacks and frames of a goroutine link', async () => {
    const p = await goroutinePayload();
    const l = load('apiserver-leaks.t2.goroutine.debug2.txt');
    const grouping = groupGoroutines(l.goroutines!, compileSkipList(defaultSkipList));
    const nm = mapNodes(l.profile, 'functions');
    const tree = buildCallTree(l.profile, nm, { sampleIndex: 0 });
    const frameName = (frame: number) => nm.nodes.name[frame]!;
    const framesOf = (s: number) => sampleFrames(l.profile, s);
    let checked = 0;
    for (const f of [...p.findings, ...redact(p, { paths: true, args: true, labels: true }).findings]) {
      if (f.kind === 'group') {
        const g = findGroup(grouping, f.group);
        expect(g?.count).toBe(f.group.count);
        expect(g?.waitHistogram).toEqual(f.group.histogram);
        checked++;
      } else if (f.kind === 'bucket') {
        const g = findGroup(grouping, f.group)!;
        const b = findBucket(g, f, framesOf);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(g.buckets[b]!.count).toBe(f.count);
        checked++;
      } else if (f.kind === 'frame') {
        const node = findTreePath(tree, frameName, f.path);
        expect(node).toBeGreaterThan(0);
        expect([tree.self[node], tree.total[node]]).toEqual([f.values.flat, f.values.cum]);
        checked++;
      }
    }
    expect(checked).toBe(14);
    expect(findGroup(grouping, { state: 'chan send', site: 'no.such.function' })).toBeNull();
    expect(findTreePath(tree, frameName, ['no.such.function'])).toBe(-1);
    const bucket = p.findings.find((f) => f.kind === 'bucket')!;
    if (bucket.kind !== 'bucket') throw new Error('no bucket');
    expect(findBucket(findGroup(grouping, bucket.group)!, { ...bucket, depth: bucket.depth + 1 }, framesOf)).toBe(-1);
  });

  it('find the rows and frames of a heap link, and tell another file apart', async () => {
    const p = await heapPayload();
    const bytes = new Uint8Array(readFileSync(samplePath('apiserver-leaks.t2.heap.pb.gz')));
    const l = loadBytes(bytes);
    const sampleIndex = findSampleType(l.profile.sampleTypes, p.view.sampleType);
    expect(sampleIndex).toBe(3);
    const nm = mapNodes(l.profile, 'functions');
    const top = computeTop(l.profile, { sampleIndex, granularity: 'functions' }, nm);
    const tree = buildCallTree(l.profile, nm, { sampleIndex });
    for (const f of p.findings) {
      if (f.kind === 'top-row') {
        const r = findTopRow(top, f.name);
        expect([top.rows.flat[r], top.rows.cum[r]]).toEqual([f.values.flat, f.values.cum]);
      } else if (f.kind === 'frame') {
        expect(findTreePath(tree, (fr) => nm.nodes.name[fr]!, f.path)).toBeGreaterThan(0);
      }
    }
    expect(findTreePath(tree, (fr) => nm.nodes.name[fr]!, p.view.zoomPath)).toBeGreaterThan(0);
    expect(isSameFile(p, p.profile.sha256.toUpperCase())).toBe(true);
    expect(isSameFile(p, (await goroutinePayload()).profile.sha256)).toBe(false);
  });
});
