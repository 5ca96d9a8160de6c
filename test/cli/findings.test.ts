// `stackscope findings`: ids, statuses and evidence as JSON and text.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { FindingsJson } from '../../src/cli/commands/findings';
import { repoRoot } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
const sample = (f: string) => join(repoRoot, 'public', 'samples', f);

describe('stackscope findings', () => {
  it('lists the leaks with status and evidence as JSON', async () => {
    const r = await run('findings', '--json', '--version=1.18.4', sample('apiserver-leaks.t2.goroutine.debug2.txt'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as FindingsJson;
    expect(j.findings.map((f) => [f.id, f.status])).toEqual(
      expect.arrayContaining([
        ['KAS-TIMEOUT-LEAK', 'fixed'],
        ['KAS-DELCOL', 'affected'],
      ]),
    );
    const timeout = j.findings.find((f) => f.id === 'KAS-TIMEOUT-LEAK')!;
    expect(timeout.evidence.goroutines).toBe(1035);
    expect(timeout.evidence.groups![0]!.site).toBe('k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1');
  });

  it('says unknown-version without a version, and prints text', async () => {
    const j = JSON.parse((await run('findings', '--json', sample('apiserver-leaks.t1.goroutine.pb.gz'))).stdout) as FindingsJson;
    expect(j.findings.every((f) => f.status === 'unknown-version')).toBe(true);
    const text = (await run('findings', sample('apiserver-leaks.t1.goroutine.debug2.txt'))).stdout;
    expect(text).toMatch(/^KAS-TIMEOUT-LEAK \[critical, unknown-version\]/);
    expect(text).toContain('see: https://github.com/kubernetes/kubernetes/issues/68001');
  });

  it('finds nothing in a healthy profile', async () => {
    expect((await run('findings', sample('toyserver.heap.pb.gz'))).stdout).toBe('No known kube-apiserver or client-go bug matches this pprof profile.\n');
    expect((JSON.parse((await run('findings', '--json', sample('toyserver.goroutine.debug2.txt'))).stdout) as FindingsJson).findings).toEqual([]);
  });
});
