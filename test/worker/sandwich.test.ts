// The worker's sandwich call: the function's -peek entry as pprof prints it (read from the
// oracle pprof wrote), both flames rooted at the function, and a clear error for a name the
// profile does not have.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noFilter } from '../../src/analysis/sampleFilter';
import { scaledLabel, percentage } from '../../src/lib/units';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallRequest, Response, SandwichResult } from '../../src/worker/protocol';
import { repoRoot } from '../support/fixtures';
import { samplePath } from '../share/realistic';

async function run<K extends CallName>(host: WorkerHost, call: K, req: CallRequest<K>): Promise<Response> {
  const out: Response[] = [];
  await host.dispatch({ id: 1, call, req } as never, (msg) => out.push(msg));
  return out[out.length - 1]!;
}

const separator = '----------------------------------------------------------+-------------';

describe('worker sandwich', () => {
  it("equals pprof's -peek for the functions the oracle lists first", async () => {
    const host = new WorkerHost();
    const b = readFileSync(samplePath('apiserver-leaks.t2.heap.pb.gz'));
    await run(host, 'load', { source: { name: 'heap', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, flameMinFraction: 0.001 });
    const oracle = readFileSync(join(repoRoot, 'test/oracle/peek/apiserver-leaks.t2.heap.pb.gz.all.peek'), 'utf8');
    const blocks = oracle.split(`${separator}\n`).slice(2, 60);
    let checked = 0;
    for (const block of blocks) {
      const lines = block.replace(/\n$/, '').split('\n');
      const at = lines.findIndex((l) => /^ {0,9}\S/.test(l));
      if (at < 0) continue;
      const name = lines[at]!.slice(lines[at]!.indexOf('| ') + 2);
      const reply = await run(host, 'sandwich', { filter: noFilter, sampleIndex: 3, name, maxNodes: 2000, minFraction: 0 });
      expect(reply.type).toBe('reply');
      const s = (reply as Extract<Response, { type: 'reply' }>).reply as SandwichResult;
      const fmt = (v: number) => scaledLabel(v, s.sampleType.unit, s.outputUnit);
      const edge = (e: SandwichResult['callers'][number]) =>
        `${fmt(e.weight).padStart(50)} ${percentage(e.weight, s.cum)} |   ${e.name}${e.inline ? ' (inline)' : ''}`;
      expect(s.callers.map(edge)).toEqual(lines.slice(0, at));
      expect(s.callees.map(edge)).toEqual(lines.slice(at + 1));
      expect(lines[at]).toContain(`${fmt(s.cum).padStart(10)} ${percentage(s.cum, s.total)}`);
      expect(s.callerFlame.root.name).toBe(name);
      expect(s.callerFlame.root.value).toBe(s.cum);
      expect(s.calleeFlame.root.value).toBe(s.cum);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);

    const missing = await run(host, 'sandwich', { filter: noFilter, sampleIndex: 3, name: 'no.such.Function', maxNodes: 2000, minFraction: 0 });
    expect(missing).toMatchObject({ type: 'error', problem: { message: 'no function named no.such.Function in this profile' } });
  });
});
