// A crash dump through the worker, as the page gets it: the crash in the load reply's summary,
// log lines named as log lines (no crash line "skipped"), and the crashed goroutine's place in
// the grouping, which a filter can leave out.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSkipList } from '../../src/analysis/blockingSite';
import { noFilter } from '../../src/analysis/sampleFilter';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallReply, CallRequest, Response } from '../../src/worker/protocol';
import { repoRoot } from '../support/fixtures';

async function call<K extends CallName>(host: WorkerHost, name: K, req: CallRequest<K>): Promise<CallReply<K>> {
  let reply: unknown;
  await host.dispatch({ id: 1, call: name, req } as never, (msg: Response) => {
    if (msg.type === 'reply') reply = structuredClone(msg.reply);
    if (msg.type === 'error') throw new Error(msg.problem.message);
  });
  return reply as CallReply<K>;
}

const file = (f: string) => {
  const b = readFileSync(join(repoRoot, 'test', 'fixtures', 'series', f));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('a crash dump in the worker', () => {
  it('the load summary carries the crash; the notes name log lines and nothing "skipped"', async () => {
    const host = new WorkerHost();
    const { summary } = await call(host, 'load', { source: { name: 'crash-repanic.txt', bytes: file('crash-repanic.txt') }, flameMinFraction: 0 });
    expect(summary.crash?.kind).toBe('panic');
    expect(summary.crash?.panics.map((p) => [p.message, p.recovered])).toEqual([
      ['order 42 not found', true],
      ['serve /orders/42: order 42 not found', false],
    ]);
    expect(summary.crash?.goroutine).toEqual({ row: 0, id: 1, line: 6, reason: 'first-running' });
    expect(summary.notes).toEqual(['2 log lines outside any goroutine (lines 1, 2).']);
  });

  it('the goroutines reply places the crashed goroutine in its group and bucket, or nowhere when filtered out', async () => {
    const host = new WorkerHost();
    await call(host, 'load', { source: { name: 'crash-mapwrite.txt', bytes: file('crash-mapwrite.txt') }, flameMinFraction: 0 });
    const all = await call(host, 'goroutines', { filter: noFilter, skipList: [...defaultSkipList] });
    const place = all.crashPlace!;
    const group = all.grouping.groups[place.group]!;
    expect(group).toMatchObject({ state: 'running', site: 'main.fill', count: 1 });
    expect(group.buckets[place.bucket]!.goroutineIds).toEqual([17]);
    const filtered = await call(host, 'goroutines', { filter: { ...noFilter, states: ['chan receive'] }, skipList: [...defaultSkipList] });
    expect(filtered.crashPlace).toBeNull();
  });

  it('a dump that is no crash has no crash and no place', async () => {
    const host = new WorkerHost();
    const b = readFileSync(join(repoRoot, 'public', 'samples', 'toyserver.goroutine.debug2.txt'));
    const { summary } = await call(host, 'load', { source: { name: 'toy', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, flameMinFraction: 0 });
    expect(summary.crash).toBeUndefined();
    const g = await call(host, 'goroutines', { filter: noFilter, skipList: [...defaultSkipList] });
    expect('crashPlace' in g).toBe(false);
  });
});
