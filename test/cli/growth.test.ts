// `stackscope growth`: the JSON the issue specifies and the text, on the series of our leak
// generator (one process at known intervals; replicas of one moment), and bad inputs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { GrowthJson } from '../../src/cli/commands/growth';
import { repoRoot } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
const series = (f: string) => join(repoRoot, 'test', 'fixtures', 'series', f);
const timeoutSite = 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1';

describe('stackscope growth', () => {
  it('prints one process as intervals from the wait minutes and sites sorted by growth (JSON)', async () => {
    const files = ['leak-a.t3', 'leak-a.t2', 'leak-a.t4'].map((s) => series(`${s}.goroutine.debug2.txt.gz`));
    const r = await run('growth', '--json', ...files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as GrowthJson;
    expect(j.sameProcess).toBe(true);
    expect(j.files).toEqual([files[1], files[0], files[2]]);
    expect(j.intervals.map((i) => [i.from, i.to, i.source, i.resolutionSeconds !== null])).toEqual([
      [files[1], files[0], 'goroutine-waits', true],
      [files[0], files[2], 'goroutine-waits', true],
    ]);
    for (const i of j.intervals) {
      expect(i.elapsedSeconds).toBeGreaterThanOrEqual(i.minSeconds!);
      expect(i.elapsedSeconds).toBeLessThanOrEqual(i.maxSeconds!);
    }
    expect(j.sites[0]).toMatchObject({ site: timeoutSite, state: 'chan send', verdict: 'leak-suspect' });
    expect(j.sites[0]!.counts).toHaveLength(3);
    expect(j.sites[0]!.perMinute).toBeGreaterThan(0);
    // Sorted by growth: suspects first, then by change.
    const rank = (v: string) => (v === 'leak-suspect' ? 0 : v === 'growing' ? 1 : 2);
    for (let k = 1; k < j.sites.length; k++) {
      const [a, b] = [j.sites[k - 1]!, j.sites[k]!];
      expect(rank(a.verdict) < rank(b.verdict) || (rank(a.verdict) === rank(b.verdict) && a.change >= b.change)).toBe(true);
    }
  });

  it('prints replicas of one moment side by side, naming the pile-up, with no rate (text)', async () => {
    const files = ['leak-a.t3', 'leak-b.t2', 'healthy-c'].map((s) => series(`${s}.goroutine.debug2.txt.gz`));
    const r = await run('growth', ...files);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^different processes \(/);
    const row = r.stdout.split('\n').find((l) => l.startsWith(timeoutSite))!;
    expect(row).toMatch(/\(\d+\.\d%\)\s+\[1\]$/);
    expect(r.stdout).not.toContain('per minute');
    const j = JSON.parse((await run('growth', '--json', ...files)).stdout) as GrowthJson;
    expect(j.sameProcess).toBe(false);
    expect(j.intervals.every((i) => i.elapsedSeconds === null && i.source === 'unknown')).toBe(true);
    expect(j.sites.find((s) => s.site === timeoutSite)!.pileUp).toBe(files[0]);
  });

  it('needs two dumps, and names a file that is not one', async () => {
    const one = await run('growth', series('leak-a.t2.goroutine.debug2.txt.gz'));
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('growth needs two or more FILEs');
    const heap = await run('growth', series('leak-a.t2.goroutine.debug2.txt.gz'), series('leak-a.t2.heap.pb.gz'));
    expect(heap.code).toBe(1);
    expect(heap.stderr).toContain('leak-a.t2.heap.pb.gz: not a goroutine dump or goroutine profile');
  });
});
