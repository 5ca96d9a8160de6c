// `stackscope findings`: ids, statuses and evidence as JSON and text.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { FindingsJson } from '../../src/cli/commands/findings';
import { repoRoot } from '../support/fixtures';
import { background, debug1, parked } from '../knowledge/catalogue/build';

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

  it('marks the early finding of a dump from the leak\'s first minute, and says what would confirm it', async () => {
    const file = join(repoRoot, 'test', 'fixtures', 'series', 'leak-a.t1.goroutine.debug2.txt.gz');
    const text = (await run('findings', file)).stdout;
    expect(text).toMatch(/^KAS-TIMEOUT-LEAK \[critical, unknown-version, early\]/);
    expect(text).toContain(
      "  stage: Early: 228 goroutines in chan send are already at the count that marks the leak, but none has waited a minute or more yet (20 needed; the longest wait is under a minute). To confirm: take a second dump in a few minutes: a leak's goroutines stay and their waits grow.\n",
    );
    const j = JSON.parse((await run('findings', '--json', file)).stdout) as FindingsJson;
    expect(j.findings.map((f) => [f.id, f.stage])).toEqual([
      ['KAS-TIMEOUT-LEAK', 'early'],
      ['KAS-DELCOL', 'early'],
    ]);
    // The debug=1 of the same moment: the same findings, whose age this format cannot tell.
    const d1 = (await run('findings', join(repoRoot, 'test', 'fixtures', 'series', 'leak-a.t1.goroutine.debug1.txt'))).stdout;
    expect(d1).toMatch(/^KAS-TIMEOUT-LEAK \[critical, unknown-version, age-unknown\]/);
    expect(d1).toContain('  stage: Age unknown: this format carries no wait times');
  });

  it('says which bug this format cannot decide for want of wait times', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stackscope-cli-')), 'h2.goroutine.debug1.txt');
    const requests = { n: 40, state: 'select', stack: [...parked.select, 'golang.org/x/net/http2.(*ClientConn).RoundTrip', 'k8s.io/client-go/rest.(*Request).request'] };
    writeFileSync(file, debug1([...background(60), requests], { hideRuntime: true }));
    expect((await run('findings', file)).stdout).toBe(
      'No known kube-apiserver or client-go bug matches this goroutine profile (debug=1 text).\n' +
        'CG-H2-DEADCONN Requests parked on a dead HTTP/2 connection for about 15 minutes: not decidable from this format. 40 goroutines in select with golang.org/x/net/http2.(*ClientConn).RoundTrip in their stacks. They are this bug only if 10 or more have waited 5 minutes or more, and this format carries no wait times: a debug=2 dump would tell.\n',
    );
    const j = JSON.parse((await run('findings', '--json', file)).stdout) as FindingsJson;
    expect(j.findings).toEqual([]);
    expect(j.undecided.map((u) => [u.id, u.goroutines])).toEqual([['CG-H2-DEADCONN', 40]]);
  });

  it('finds nothing in a healthy profile', async () => {
    expect((await run('findings', sample('toyserver.heap.pb.gz'))).stdout).toBe('No known kube-apiserver or client-go bug matches this pprof profile.\n');
    expect((JSON.parse((await run('findings', '--json', sample('toyserver.goroutine.debug2.txt'))).stdout) as FindingsJson).findings).toEqual([]);
  });
});
