// The top table's rows as shown, filtered and sorted in the worker, through a dispatch that
// moves the reply's buffers as postMessage does (the table's values leave the worker).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noFilter } from '../../src/analysis/sampleFilter';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallReply, CallRequest, Response } from '../../src/worker/protocol';
import { repoRoot } from '../support/fixtures';

async function call<K extends CallName>(host: WorkerHost, name: K, req: CallRequest<K>): Promise<CallReply<K>> {
  let reply: unknown;
  await host.dispatch({ id: 1, call: name, req } as never, (msg: Response, transfer?: Transferable[]) => {
    // What postMessage does: transferred buffers are detached here, in the worker.
    const moved = structuredClone(msg, { transfer: (transfer ?? []) as Transferable[] });
    if (moved.type === 'reply') reply = moved.reply;
    if (moved.type === 'error') throw new Error(moved.problem.message);
  });
  return reply as CallReply<K>;
}

describe('topOrder', () => {
  it('filters and sorts the table the page holds, after its buffers moved to the page', async () => {
    const host = new WorkerHost();
    const b = readFileSync(join(repoRoot, 'public/samples/toyserver.heap.pb.gz'));
    await call(host, 'load', { source: { name: 'heap', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer }, flameMinFraction: 0 });
    const req = { filter: noFilter, sampleIndex: 3, granularity: 'functions' as const };
    const top = await call(host, 'top', req);
    const plain = await call(host, 'topOrder', { ...req, rowFilter: '', sort: null });
    let sum = 0;
    expect([...plain.runningFlat]).toEqual([...top.rows.flat].map((v) => (sum += v)));
    const byCum = await call(host, 'topOrder', { ...req, rowFilter: 'json', sort: { key: 'cum', desc: true } });
    const names = [...byCum.rows].map((r) => top.rows.name[r]!);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('json'))).toBe(true);
    const cums = [...byCum.rows].map((r) => top.rows.cum[r]!);
    expect(cums).toEqual([...cums].sort((x, y) => y - x));
    expect(byCum.rowFilter).toBe('json');
    expect(byCum.error).toBeNull();
    const bad = await call(host, 'topOrder', { ...req, rowFilter: 'json(', sort: null });
    expect(bad.error).toBe('error parsing regexp: missing closing ): `json(`');
  });
});
