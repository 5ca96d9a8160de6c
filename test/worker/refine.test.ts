// The worker's top table with pprof's refinements in the view's filter equals
// `go tool pprof -top` with the same flags (test/oracle/refine), through the same dispatch the
// page calls: refined node maps, pprof's "Active filters:" lines, -nodecount's header.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noFilter, type SampleFilter } from '../../src/analysis/sampleFilter';
import { formatTopText, type TopTable } from '../../src/analysis/top';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallRequest, Response } from '../../src/worker/protocol';
import { repoRoot } from '../support/fixtures';

async function call<K extends CallName>(host: WorkerHost, name: K, req: CallRequest<K>): Promise<unknown> {
  let reply: Response | null = null;
  await host.dispatch({ id: 1, call: name, req } as never, (msg) => {
    if (msg.type !== 'progress') reply = msg;
  });
  const r = reply as Response | null;
  if (!r || r.type !== 'reply') throw new Error(`no reply: ${JSON.stringify(r)}`);
  return r.reply;
}

const oracle = (f: string) => readFileSync(join(repoRoot, 'test', 'oracle', 'refine', 'samples', f), 'utf8');
const pprofDefaults = { nodefraction: 0.005, edgefraction: 0.001 };

const cases: Array<{ file: string; oracle: string; filter: SampleFilter }> = [
  { file: 'toyserver.heap', oracle: 'combined', filter: { ...noFilter, ...pprofDefaults, focus: '.', ignore: 'gopark', hide: 'sync', show_from: 'main|http', prune_from: 'runtime\\.mallocgc' } },
  { file: 'toyserver.cpu', oracle: 'fractions-nodecount-12', filter: { ...noFilter, nodefraction: 0.02, edgefraction: 0.05, nodecount: 12 } },
  { file: 'apiserver-leaks.t2.heap', oracle: 'show-main-http-sync', filter: { ...noFilter, ...pprofDefaults, show: 'main\\.|http|sync' } },
  { file: 'apiserver-leaks.t2.goroutine', oracle: 'prune_from-runtime-sync', filter: { ...noFilter, ...pprofDefaults, prune_from: 'runtime\\.|sync\\.' } },
];

describe('the worker applies refinements as pprof does', () => {
  process.env.TZ = 'UTC';
  for (const c of cases) {
    it(`${c.file} ${c.oracle}`, async () => {
      const host = new WorkerHost();
      const b = readFileSync(join(repoRoot, 'public', 'samples', `${c.file}.pb.gz`));
      const loaded = (await call(host, 'load', {
        source: { name: c.file, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer },
        flameMinFraction: 0.001,
      })) as { summary: { sampleTypes: Array<{ type: string }> } };
      const text = oracle(`${c.file}.${c.oracle}.top`);
      // The sample type pprof reported on, by name.
      const type = /^Type: (.+)$/m.exec(text)![1]!;
      const sampleIndex = loaded.summary.sampleTypes.findIndex((t) => t.type === type);
      expect(sampleIndex).toBeGreaterThanOrEqual(0);
      const top = (await call(host, 'top', { filter: c.filter, sampleIndex, granularity: 'functions' })) as TopTable;
      expect(formatTopText(top)).toBe(text);
    });
  }
});
