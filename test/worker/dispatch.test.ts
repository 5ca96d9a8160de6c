// The worker's one dispatch, called in-process: load with progress, typed replies, errors as
// Problems (never a thrown exception across postMessage), and the top table's transferred buffers.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noFilter } from '../../src/analysis/sampleFilter';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallRequest, Response } from '../../src/worker/protocol';
import { samplePath } from '../share/realistic';

async function run<K extends CallName>(host: WorkerHost, call: K, req: CallRequest<K>) {
  const out: Array<{ msg: Response; transfer: Transferable[] }> = [];
  await host.dispatch({ id: 7, call, req } as never, (msg, transfer = []) => out.push({ msg, transfer }));
  return out;
}

const heap = () => {
  const b = readFileSync(samplePath('apiserver-leaks.t2.heap.pb.gz'));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

describe('worker dispatch', () => {
  it('load reports progress by phase, then one reply with the summary and first flame graph', async () => {
    const host = new WorkerHost();
    const out = await run(host, 'load', { source: { name: 'heap', bytes: heap() }, flameMinFraction: 0.001 });
    const last = out[out.length - 1]!.msg;
    expect(last.type).toBe('reply');
    expect(out.slice(0, -1).every((o) => o.msg.type === 'progress' && o.msg.id === 7)).toBe(true);
    const phases = new Set(out.flatMap((o) => (o.msg.type === 'progress' ? [o.msg.phase] : [])));
    expect([...phases]).toEqual(expect.arrayContaining(['reading', 'inflating', 'decoding']));
    const reply = (last as Extract<Response, { type: 'reply' }>).reply as { summary: { gzipped: boolean; kind: string } };
    expect(reply.summary).toMatchObject({ gzipped: true, kind: 'pprof' });
  });

  it('a call before any load, or an unknown call, is an error reply naming why', async () => {
    const host = new WorkerHost();
    const [top] = await run(host, 'top', { filter: noFilter, sampleIndex: 0, granularity: 'functions' });
    expect(top!.msg).toEqual({ type: 'error', id: 7, problem: { kind: 'malformed', message: 'no file is loaded in this worker' } });
    const [unknown] = await run(host, 'nonsense' as CallName, null as never);
    expect(unknown!.msg).toMatchObject({ type: 'error', problem: { message: 'unknown call nonsense' } });
  });

  it("the top table's columns move to the page without a copy", async () => {
    const host = new WorkerHost();
    await run(host, 'load', { source: { name: 'heap', bytes: heap() }, flameMinFraction: 0.001 });
    const [top] = await run(host, 'top', { filter: noFilter, sampleIndex: 1, granularity: 'functions' });
    expect(top!.msg.type).toBe('reply');
    expect(top!.transfer).toHaveLength(4);
  });
});
