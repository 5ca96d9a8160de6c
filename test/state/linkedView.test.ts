// A view from the address, in Node with the real worker dispatch in-process: held and asked
// about when the address does not name its file (Ignore leaves the plain view, Apply gives the
// filtered one), and Cancel while it is computed stops the worker and reads the file again at
// the plain view, with the plain numbers.

import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeFile, openSource, reopenPlain, setPendingUrlView } from '../../src/state/actions';
import { answerLinkedView, useLinkedView } from '../../src/state/linkedView';
import { getFile, useStore } from '../../src/state/store';
import { samplePath } from '../share/realistic';
import { useInProcessWorkers } from '../support/inProcessWorker';

const dumpName = 'apiserver-leaks.t2.goroutine.debug2.txt';
const text = readFileSync(samplePath(dumpName), 'utf8');

/** Goroutines of the dump, and those with a frame whose function contains `needle`: plain string handling, not the app's parser. */
function counts(needle: string): { all: number; matching: number } {
  const blocks = text
    .split('\n\n')
    .map((b) => b.trim().split('\n'))
    .filter((l) => /^goroutine \d+ \[/.test(l[0]!));
  let matching = 0;
  for (const l of blocks) {
    let hit = false;
    for (let i = 1; i + 1 < l.length && !l[i]!.startsWith('created by '); i += 2) if (l[i]!.replace(/\([^()]*\)$/, '').includes(needle)) hit = true;
    if (hit) matching++;
  }
  return { all: blocks.length, matching };
}

function open(): Promise<number> {
  const b = readFileSync(samplePath(dumpName));
  const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  return openSource({ name: dumpName, bytes }, bytes.byteLength);
}

async function settled(id: number): Promise<void> {
  for (let i = 0; i < 1000 && (getFile(id)?.busy || getFile(id)?.status === 'loading'); i++) await new Promise((r) => setTimeout(r, 5));
}

const frameView = (frame: string) => ({ view: { filter: { states: [], minWait: 0, frame } } });

beforeAll(() => useInProcessWorkers());
beforeEach(() => {
  for (const f of useStore.getState().files) closeFile(f.id);
  useLinkedView.setState({ question: null, applying: null });
});

describe('a view from the address', () => {
  const { all, matching } = counts('DeleteCollection');

  it('is asked about, not applied, when the address does not name its file; Ignore keeps the plain view', async () => {
    expect(matching).toBeGreaterThan(0);
    setPendingUrlView(frameView('(.|.)*DeleteCollection'), true);
    const id = await open();
    await settled(id);
    const q = useLinkedView.getState().question;
    expect(q?.fileId).toBe(id);
    expect(q?.lines).toEqual(['frame filter "(.|.)*DeleteCollection"']);
    expect(getFile(id)!.view.filter.frame).toBe('');
    expect(getFile(id)!.goroutines!.grouping.total).toBe(all);
    await answerLinkedView(false);
    expect(useLinkedView.getState().question).toBeNull();
    await settled(id);
    expect(getFile(id)!.view.filter.frame).toBe('');
    expect(getFile(id)!.goroutines!.grouping.total).toBe(all);
  });

  it('Apply gives the filtered view, with the count the text gives', async () => {
    setPendingUrlView(frameView('(.|.)*DeleteCollection'), true);
    const id = await open();
    await settled(id);
    await answerLinkedView(true);
    await settled(id);
    expect(getFile(id)!.view.filter.frame).toBe('(.|.)*DeleteCollection');
    expect(getFile(id)!.goroutines!.grouping.total).toBe(matching);
    expect(useLinkedView.getState().applying).toBeNull();
  });

  it('Cancel while it is computed: the worker is replaced, the file shows the plain view and its numbers', async () => {
    setPendingUrlView(frameView('DeleteCollection'), false);
    // Cancel the moment the view starts being applied (its worker calls are then on their way).
    let cancelled: Promise<void> | null = null;
    const off = useLinkedView.subscribe((s) => {
      if (s.applying && !cancelled) cancelled = reopenPlain(s.applying.fileId);
    });
    const id = await open();
    off();
    expect(cancelled).not.toBeNull();
    await cancelled;
    await settled(id);
    const f = getFile(id)!;
    expect(f.status).toBe('ready');
    expect(f.viewError).toBeNull();
    expect(f.view.filter.frame).toBe('');
    expect(f.goroutines!.grouping.total).toBe(all);
    expect(useLinkedView.getState().applying).toBeNull();
  });

  it('Cancel while the worker computes the filtered results: their answers are dropped, the plain view comes back', async () => {
    setPendingUrlView(frameView('DeleteCollection'), false);
    let cancelled: Promise<void> | null = null;
    let filterSeen = false;
    // Cancel once the filter is in the view and the worker is computing for it.
    const off = useStore.subscribe((s) => {
      const applying = useLinkedView.getState().applying;
      const f = applying && s.files.find((x) => x.id === applying.fileId);
      if (f && f.busy && f.view.filter.frame === 'DeleteCollection' && !cancelled) {
        filterSeen = true;
        cancelled = reopenPlain(f.id);
      }
    });
    const id = await open();
    off();
    expect(filterSeen).toBe(true);
    await cancelled;
    await settled(id);
    const f = getFile(id)!;
    expect(f.status).toBe('ready');
    expect(f.viewError).toBeNull();
    expect(f.view.filter.frame).toBe('');
    expect(f.goroutines!.grouping.total).toBe(all);
    expect(f.goroutines!.allGoroutines).toBe(all);
    expect(useLinkedView.getState().applying).toBeNull();
  });
});
