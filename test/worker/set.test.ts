// Several replicas' files as one set, through the worker as the page gets it: every group and
// top row says what each member holds, and each member's column is exactly what the member's
// own tab shows; profiles merge as `go tool pprof FILE FILE...` merges them; findings say which
// replica shows them; files that cannot be one set are refused naming them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSkipList } from '../../src/analysis/blockingSite';
import { noFilter } from '../../src/analysis/sampleFilter';
import { WorkerHost } from '../../src/worker/dispatch';
import type { CallName, CallReply, CallRequest, LoadSource, Response } from '../../src/worker/protocol';
import { repoRoot } from '../support/fixtures';

async function call<K extends CallName>(host: WorkerHost, name: K, req: CallRequest<K>): Promise<CallReply<K>> {
  let reply: unknown;
  let error: string | null = null;
  await host.dispatch({ id: 1, call: name, req } as never, (msg: Response) => {
    if (msg.type === 'reply') reply = structuredClone(msg.reply);
    if (msg.type === 'error') error = msg.problem.message;
  });
  if (error !== null) throw new Error(error);
  return reply as CallReply<K>;
}

const series = (f: string): LoadSource => {
  const b = readFileSync(join(repoRoot, 'test', 'fixtures', 'series', f));
  return { name: f, bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
};

async function openSet(names: string[]) {
  const host = new WorkerHost();
  const load = await call(host, 'load', { source: { name: 'set' }, members: names.map(series), flameMinFraction: 0 });
  return { host, load };
}

async function openOne(name: string) {
  const host = new WorkerHost();
  const load = await call(host, 'load', { source: series(name), flameMinFraction: 0 });
  return { host, load };
}

const groupsReq = { filter: noFilter, skipList: [...defaultSkipList] };
const key = (g: { state: string; site: string }) => `${g.state}\u0000${g.site}`;

describe('a set of replicas in the worker', () => {
  const dumps = ['leak-a.t3.goroutine.debug2.txt.gz', 'leak-b.t2.goroutine.debug2.txt.gz', 'healthy-c.goroutine.debug2.txt.gz'];

  const formats = [
    ['debug=2', dumps],
    ['debug=1', dumps.map((d) => d.replace('.debug2.txt.gz', '.debug1.txt'))],
    ['debug=0', dumps.map((d) => d.replace('.debug2.txt.gz', '.pb.gz'))],
  ] as const;

  it.each(formats)('groups every member of %s dumps, and each member column equals that file opened on its own', async (_format, files) => {
    const dumps = [...files];
    const { host, load } = await openSet(dumps);
    expect(load.summary.members).toEqual(dumps);
    expect(load.summary.formatLabel).toMatch(/^set of 3: /);
    const set = await call(host, 'goroutines', groupsReq);
    const own = await Promise.all(dumps.map(async (d) => call((await openOne(d)).host, 'goroutines', groupsReq)));
    expect(set.members?.map((m) => m.total)).toEqual(own.map((o) => o.allGoroutines));
    expect(set.allGoroutines).toBe(own.reduce((n, o) => n + o.allGoroutines, 0));
    for (const g of set.grouping.groups) {
      const expected = own.map((o) => o.grouping.groups.find((x) => key(x) === key(g))?.count ?? 0);
      expect(g.members, key(g)).toEqual(expected);
      expect(g.count).toBe(expected.reduce((a, b) => a + b, 0));
    }
    // The pile-up is leak-a's and leak-b's; the healthy replica has none of it.
    const pile = set.grouping.groups.find((g) => g.site.endsWith('timeoutHandler.ServeHTTP.func1') || g.site.includes('timeoutHandler'))!;
    expect(pile.members![0]).toBeGreaterThan(1000);
    expect(pile.members![2]).toBe(0);
    // Wait minutes of different processes make no one rate.
    if (set.grouping.hasWaitMinutes) expect(set.rates.every((r) => !r.ok && /several processes/.test(r.reason))).toBe(true);
  });

  it("shows a member's goroutine as that member's text printed it", async () => {
    const { host } = await openSet(dumps);
    const set = await call(host, 'goroutines', groupsReq);
    // Goroutines are in member order: the healthy replica's (the last member's) come last.
    const [a, b, c] = set.members!.map((m) => m.total);
    const own = await openOne(dumps[2]!);
    for (const i of [0, 1, c! - 1]) {
      const stack = await call(host, 'stack', { sample: a! + b! + i });
      const ownStack = await call(own.host, 'stack', { sample: i });
      expect(stack.raw).toBe(ownStack.raw);
      expect(stack.goroutineId).toBe(ownStack.goroutineId);
    }
    const stack = await call(host, 'stack', { sample: a! + b! });
    expect(stack.raw).toMatch(/^goroutine \d+ \[/);
  });

  it('says which replica shows each finding, thresholds kept per process', async () => {
    const { host } = await openSet(dumps);
    const set = await call(host, 'knownBugs', { version: '' });
    const own = await Promise.all(dumps.map(async (d) => call((await openOne(d)).host, 'knownBugs', { version: '' })));
    const ids = new Set(own.flatMap((o) => o.matches.map((m) => m.id)));
    expect(set.matches.map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(set.matches.length).toBeGreaterThan(0);
    for (const m of set.matches) {
      expect(m.replicas?.map((r) => r.name)).toEqual(dumps);
      m.replicas!.forEach((r, i) => {
        const mine = own[i]!.matches.find((x) => x.id === m.id);
        expect(r.stage).toBe(mine ? mine.stage : null);
        expect(r.summary).toBe(mine ? mine.evidence.summary : '');
      });
    }
    expect(set.matches.every((m) => m.replicas![2]!.stage === null)).toBe(true);
  });

  it('merges profiles as pprof does, with a column per member that adds up to its own total', async () => {
    const heaps = ['leak-a.t3.heap.pb.gz', 'leak-b.t2.heap.pb.gz', 'healthy-c.heap.pb.gz'];
    const { host, load } = await openSet(heaps);
    const sampleIndex = load.summary.sampleTypes.findIndex((t) => t.type === 'inuse_space');
    const top = await call(host, 'top', { filter: { ...noFilter, nodefraction: 0, edgefraction: 0 }, sampleIndex, granularity: 'functions' });
    // The same text as `go tool pprof -top -nodecount=1000000 -nodefraction=0 -edgefraction=0`.
    const oracle = readFileSync(join(repoRoot, 'test', 'oracle', 'set', 'heap-replicas.inuse_space.top'), 'utf8');
    const lines = oracle.split('\n');
    const rows = lines.slice(lines.findIndex((l) => l.trim().startsWith('flat  flat%')) + 1).filter((l) => l.trim() !== '');
    expect(top.rows.length).toBe(rows.length);
    expect(top.rows.name.slice(0, rows.length)).toEqual(rows.map((l) => l.trim().split(/\s+/).slice(5).join(' ').replace(/ \(inline\)$/, '')));
    const cols = top.members!;
    expect(cols.names).toEqual(heaps);
    const own = await Promise.all(
      heaps.map(async (h) => call((await openOne(h)).host, 'top', { filter: noFilter, sampleIndex, granularity: 'functions' })),
    );
    cols.flat.forEach((flat, m) => {
      expect(cols.totals[m]).toBe(own[m]!.total);
      expect([...flat].reduce((a, b) => a + b, 0)).toBeCloseTo(own[m]!.total, 6);
    });
    for (let r = 0; r < top.rows.length; r++) {
      const sum = cols.flat.reduce((n, f) => n + f[r]!, 0);
      expect(sum).toBeCloseTo(top.rows.flat[r]!, 6);
    }
  });

  it('refuses files that cannot be one set, naming them', async () => {
    await expect(openSet(['leak-a.t3.goroutine.debug2.txt.gz', 'leak-b.t2.goroutine.debug1.txt'])).rejects.toThrow(
      /leak-a\.t3\.goroutine\.debug2\.txt\.gz is a debug=2 dump and leak-b\.t2\.goroutine\.debug1\.txt a debug=1 one/,
    );
    await expect(openSet(['leak-a.t3.heap.pb.gz', 'leak-b.t2.goroutine.debug2.txt.gz'])).rejects.toThrow(/is a goroutine dump and .* is not/);
    await expect(openSet(['leak-a.t3.heap.pb.gz', 'leak-b.t2.goroutine.pb.gz'])).rejects.toThrow(/cannot/);
  });
});
