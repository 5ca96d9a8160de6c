// A shared link's view and its pinned findings put back on the same file, in Node with the
// real worker dispatch in-process: every anchor resolves in one worker call.

import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSkipList } from '../../src/analysis/blockingSite';
import { closeFile, openSource } from '../../src/state/actions';
import { restoreView, showFinding, zoomPathOf } from '../../src/state/share';
import { getFile, useStore } from '../../src/state/store';
import { goroutinePayload, heapPayload, samplePath } from '../share/realistic';
import { callLog, useInProcessWorkers } from '../support/inProcessWorker';

async function open(name: string): Promise<number> {
  const b = readFileSync(samplePath(name));
  const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  return openSource({ name, bytes }, bytes.byteLength);
}

beforeAll(() => useInProcessWorkers());
beforeEach(() => {
  for (const f of useStore.getState().files) closeFile(f.id);
  useStore.setState({ skipList: [...defaultSkipList], version: '' });
});

describe('shared anchors resolve in one worker call', () => {
  it("a link's goroutine view: filter, tab and the shared group open, nothing missed", async () => {
    const payload = await goroutinePayload();
    const id = await open('apiserver-leaks.t2.goroutine.debug2.txt');
    callLog.length = 0;
    const missed = await restoreView(id, payload.view);
    expect(missed).toEqual([]);
    expect(callLog.filter((c) => c === 'resolveAnchor')).toHaveLength(1);
    const f = getFile(id)!;
    expect(f.view.tab).toBe('goroutines');
    expect(f.view.filter).toEqual(payload.view.filter);
    const g = f.goroutines!.grouping.groups[f.view.group!]!;
    expect([g.state, g.site]).toEqual([payload.view.group!.state, payload.view.group!.site]);
    expect(f.stack!.sample).toBe(g.buckets[0]!.sample);
  });

  it("a link's heap view: sample type and zoomed frame by name", async () => {
    const payload = await heapPayload();
    const id = await open('apiserver-leaks.t2.heap.pb.gz');
    // The example's zoom path runs from the whole tree's root, so it is shown unfocused.
    const missed = await restoreView(id, { ...payload.view, focus: null });
    expect(missed).toEqual([]);
    const f = getFile(id)!;
    expect(f.summary!.sampleTypes[f.view.sampleIndex]!.type).toBe(payload.view.sampleType);
    expect(zoomPathOf(f.flame)).toEqual(payload.view.zoomPath);
  });

  it('every pinned finding of both links lands, each with one anchor call', async () => {
    for (const [make, name] of [
      [goroutinePayload, 'apiserver-leaks.t2.goroutine.debug2.txt'],
      [heapPayload, 'apiserver-leaks.t2.heap.pb.gz'],
    ] as const) {
      const payload = await make();
      const id = await open(name);
      for (const finding of payload.findings) {
        callLog.length = 0;
        expect(await showFinding(id, finding)).toBeNull();
        const f = getFile(id)!;
        if (finding.kind === 'known-bug') {
          expect(callLog).toEqual([]);
          continue;
        }
        expect(callLog.filter((c) => c === 'resolveAnchor')).toHaveLength(1);
        if (finding.kind === 'frame') {
          expect(f.view.tab).toBe('flame');
          expect(zoomPathOf(f.flame)).toEqual(finding.path);
        } else if (finding.kind === 'top-row') {
          expect(f.view.tab).toBe('top');
          expect(f.top!.rows.name).toContain(finding.name);
        } else {
          const g = f.goroutines!.grouping.groups[f.view.group!]!;
          expect([g.state, g.site]).toEqual([finding.group.state, finding.group.site]);
          if (finding.kind === 'bucket') {
            expect(f.stack!.frames.length).toBe(finding.depth);
            expect(f.stack!.frames.slice(0, finding.frames.length).map((x) => x.func)).toEqual(finding.frames.map((x) => x.func));
          }
        }
      }
      closeFile(id);
    }
  });

  it('anchors that are not in this file say so, and leave the view usable', async () => {
    const payload = await goroutinePayload();
    const id = await open('toyserver.goroutine.debug2.txt');
    const missed = await restoreView(id, {
      ...payload.view,
      sampleType: 'inuse_space',
      focus: 'no.such.Function',
      zoomPath: ['no.such.Function'],
    });
    expect(missed).toEqual([
      'the sample type inuse_space',
      'the function no.such.Function (focus)',
      `the goroutine group in ${payload.view.group!.state} at ${payload.view.group!.site}`,
    ]);
    const group = payload.findings.find((f) => f.kind === 'group')!;
    expect(await showFinding(id, group)).toMatch(/^No goroutine group in .* in the current view \(filters may hide it\)\.$/);
    const frame = payload.findings.find((f) => f.kind === 'frame')!;
    expect(await showFinding(id, frame)).toMatch(/is not on this path in the current view/);
    const f = getFile(id)!;
    expect(f.status).toBe('ready');
    expect(f.view.zoom).toBe(0);
  });
});
