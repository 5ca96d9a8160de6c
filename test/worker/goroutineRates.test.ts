// The goroutines call: wait buckets fitted to the whole dump (a filter does not move them), and
// block rates of all goroutines at a site (a minimum-wait filter would cut their recent minutes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noFilter, type SampleFilter } from '../../src/analysis/sampleFilter';
import { defaultSkipList } from '../../src/analysis/blockingSite';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallRequest, GoroutinesResult, Response } from '../../src/worker/protocol';
import { samplePath } from '../share/realistic';

async function call<K extends CallName>(host: WorkerHost, name: K, req: CallRequest<K>): Promise<unknown> {
  let last: Response | null = null;
  await host.dispatch({ id: 1, call: name, req } as never, (msg) => (last = msg));
  const r = last as Response | null;
  if (!r || r.type !== 'reply') throw new Error(`no reply: ${JSON.stringify(r)}`);
  return r.reply;
}

async function loaded(file: string): Promise<WorkerHost> {
  const host = new WorkerHost();
  const b = readFileSync(samplePath(file));
  await call(host, 'load', { source: { name: file, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer }, flameMinFraction: 0.001 });
  return host;
}

const goroutines = (host: WorkerHost, filter: SampleFilter) => call(host, 'goroutines', { filter, skipList: [...defaultSkipList] }) as Promise<GoroutinesResult>;
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';

describe('goroutines: buckets and rates', () => {
  it('keeps the buckets and the rates of the whole dump under a minimum-wait filter', async () => {
    const host = await loaded('apiserver-leaks.t2.goroutine.debug2.txt');
    const all = await goroutines(host, noFilter);
    const cut = await goroutines(host, { ...noFilter, minWait: 5 });
    expect(all.grouping.bucketLabels).toEqual(['<1 min', '1 min', '2 min', '3 min', '4 min', '5 min', '6 min', '7 min', '8 min']);
    expect(cut.grouping.bucketLabels).toEqual(all.grouping.bucketLabels);
    const g = all.grouping.groups.find((x) => x.site === timeoutSite)!;
    const c = cut.grouping.groups.find((x) => x.site === timeoutSite)!;
    // The filter keeps the goroutines of 5 minutes and more: the first five buckets are empty.
    expect(c.waitHistogram).toEqual([0, 0, 0, 0, 0, ...g.waitHistogram.slice(5)]);
    expect(c.count).toBe(g.waitHistogram.slice(5).reduce((a, b) => a + b, 0));
    const rAll = all.rates[g.id]!;
    const rCut = cut.rates[c.id]!;
    expect(rAll.ok && rAll.rate.shape).toBe('steady');
    expect(rCut).toEqual(rAll);
    expect(rCut.ok && rCut.rate.goroutines).toBe(g.count);
  });

  it('has no buckets and no rates for a debug=1 profile', async () => {
    const host = await loaded('apiserver-leaks.t2.goroutine.debug1.txt');
    const r = await goroutines(host, noFilter);
    expect(r.grouping.hasWaitMinutes).toBe(false);
    expect(r.grouping.bucketLabels).toEqual([]);
    expect(r.grouping.groups.every((g) => g.waitHistogram.length === 0 && g.waitDistribution === null)).toBe(true);
    expect(r.rates.every((x) => !x.ok && x.reason === 'this format has no wait times (only debug=2 dumps have them)')).toBe(true);
  });
});
