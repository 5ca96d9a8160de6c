// `stackscope goroutines`: the summary and the JSON, checked against counts from the raw text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { GoroutinesJson } from '../../src/cli/commands/goroutines';
import { repoRoot } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
const sample = (f: string) => join(repoRoot, 'public', 'samples', f);

describe('stackscope goroutines', () => {
  const file = sample('apiserver-leaks.t2.goroutine.debug2.txt');
  const headers = readFileSync(file, 'utf8').split('\n').filter((l) => /^goroutine \d+ \[.*\]:$/.test(l));

  it('prints JSON with the total, the states and the groups sorted by count', async () => {
    const r = await run('goroutines', '--json', file);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as GoroutinesJson;
    expect(j.total).toBe(headers.length);
    const chanSend = headers.filter((h) => h.includes('[chan send')).length;
    expect(j.states['chan send']).toBe(chanSend);
    expect(Object.values(j.states).reduce((a, b) => a + b, 0)).toBe(headers.length);
    for (let i = 1; i < j.groups.length; i++) expect(j.groups[i]!.count).toBeLessThanOrEqual(j.groups[i - 1]!.count);
    expect(j.groups[0]).toMatchObject({ state: 'chan send', site: 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1' });
    expect(j.groups[0]!.waitMinutes).toEqual({ min: 0, median: expect.any(Number), max: 8 });
  });

  it('filters by state and minimum wait', async () => {
    const j = JSON.parse((await run('goroutines', '--json', '--state=chan send', '--min_wait=5', file)).stdout) as GoroutinesJson;
    const expected = headers.filter((h) => /\[chan send, (\d+) minutes\]/.test(h) && Number(/(\d+) minutes/.exec(h)![1]) >= 5).length;
    expect(j.matched).toBe(expected);
    expect(j.total).toBe(headers.length);
  });

  it('prints a readable summary', async () => {
    const r = await run('goroutines', file);
    expect(r.stdout).toContain(`goroutine dump (debug=2): ${headers.length} goroutines`);
    expect(r.stdout).toMatch(/ 1035 +52\.5% +chan send +0-8 min, median \d +k8s\.io\/apiserver\/pkg\/server\/filters\.\(\*timeoutHandler\)\.ServeHTTP\.func1\.1/);
  });

  it('works on debug=1 and debug=0 profiles (no states there), and refuses a heap profile', async () => {
    const d1 = JSON.parse((await run('goroutines', '--json', sample('apiserver-leaks.t2.goroutine.debug1.txt'))).stdout) as GoroutinesJson;
    const d0 = JSON.parse((await run('goroutines', '--json', sample('apiserver-leaks.t2.goroutine.pb.gz'))).stdout) as GoroutinesJson;
    expect(d1.total).toBe(headers.length);
    expect(d0.groups.map((g) => [g.site, g.count])).toEqual(d1.groups.map((g) => [g.site, g.count]));
    expect(d0.groups[0]!.waitMinutes).toBeNull();
    const heap = await run('goroutines', sample('toyserver.heap.pb.gz'));
    expect(heap.code).toBe(2);
    expect(heap.stderr).toContain('not a goroutine dump');
  });
});

describe('stackscope goroutines on a crash', () => {
  const file = join(repoRoot, 'test', 'fixtures', 'series', 'crash-nilderef.txt');
  const lines = ['', ...readFileSync(file, 'utf8').split('\n')];
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));

  it('prints what crashed first: the panic chain, the signal, the exit status and the goroutine, with their lines', async () => {
    const r = await run('goroutines', file);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out.slice(0, 5)).toEqual([
      `CRASH: panic, exit status 2 (line ${at(/^exit status 2$/)})`,
      `  panic: runtime error: invalid memory address or nil pointer dereference [recovered]  (line ${at(/^panic: /)})`,
      `  panic: serve /reports/7: runtime error: invalid memory address or nil pointer dereference  (line ${at(/^\tpanic: /)})`,
      `  signal SIGSEGV: segmentation violation (addr 0x0, code 0x1, pc 0x498e75)  (line ${at(/^\[signal /)})`,
      `  panicked here: goroutine 1 [running] at main.serve.func1  (line ${at(/^goroutine 1 \[running\]:$/)}; first goroutine printed, [running])`,
    ]);
    // Then the groups as for any dump.
    expect(r.stdout.indexOf('goroutine dump (debug=2): 5 goroutines')).toBeGreaterThan(r.stdout.indexOf('panicked here'));
  });

  it('carries the crash in the JSON, with the index of the crashed goroutine\'s group', async () => {
    const j = JSON.parse((await run('goroutines', '--json', file)).stdout) as GoroutinesJson;
    expect(j.crash?.kind).toBe('panic');
    expect(j.crash?.panics.map((p) => p.recovered)).toEqual([true, false]);
    expect(j.groups[j.crash!.crashGroup!]).toMatchObject({ state: 'running', site: 'main.serve.func1', count: 1 });
    // Filtered out, the goroutine is still named but has no group.
    const f = JSON.parse((await run('goroutines', '--json', '--state=chan receive', file)).stdout) as GoroutinesJson;
    expect(f.crash?.goroutine?.id).toBe(1);
    expect(f.crash?.crashGroup).toBeNull();
  });
});
