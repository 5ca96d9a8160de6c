// `stackscope top --diff_base=BASE FILE` prints what `go tool pprof -top -diff_base=BASE FILE`
// prints, and names the right file when something is wrong.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { repoRoot } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const sample = (f: string) => join(repoRoot, 'public', 'samples', f);
const oracle = (f: string) => readFileSync(join(repoRoot, 'test', 'oracle', 'diff', f), 'utf8');
const t1heap = sample('apiserver-leaks.t1.heap.pb.gz');
const t2heap = sample('apiserver-leaks.t2.heap.pb.gz');
const heapPair = 'apiserver-leaks.t2.heap.pb.gz.vs.apiserver-leaks.t1.heap.pb.gz';

describe('stackscope top --diff_base', () => {
  process.env.TZ = 'UTC';

  it('prints go tool pprof -top -nodefraction=0 -diff_base for the default sample type', async () => {
    const r = await run('top', '--nodefraction=0', `--diff_base=${t1heap}`, t2heap);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(oracle(`${heapPair}.inuse_space.default.top`));
  });

  it("keeps pprof's default node and edge fractions, and the other flags", async () => {
    expect((await run('top', '-sample_index=alloc_space', '-diff_base', t1heap, t2heap)).stdout).toBe(oracle(`${heapPair}.alloc_space.noflags.top`));
    expect((await run('top', '-nodefraction=0', '-edgefraction=0', '-lines', '-sample_index=1', `-diff_base=${t1heap}`, t2heap)).stdout).toBe(
      oracle(`${heapPair}.alloc_space.lines.top`),
    );
    expect(
      (await run('top', '--nodefraction=0', '--edgefraction=0', '--normalize=true', '--sample_index=inuse_objects', `--diff_base=${t1heap}`, t2heap)).stdout,
    ).toBe(oracle(`${heapPair}.inuse_objects.normalize.top`));
  });

  it("takes the default sample type from whichever profile names one (the heap names none, allocs alloc_space)", async () => {
    const r = await run('top', '--nodefraction=0', '--edgefraction=0', `--diff_base=${sample('toyserver.allocs.pb.gz')}`, sample('toyserver.heap.pb.gz'));
    expect(r.stdout).toBe(oracle('toyserver.heap.pb.gz.vs.toyserver.allocs.pb.gz.alloc_space.top'));
    expect(r.stdout).toContain('Type: alloc_space\n');
  });

  it('compares goroutine profiles, the later one as the base', async () => {
    const r = await run('top', '--nodefraction=0', `--diff_base=${sample('apiserver-leaks.t2.goroutine.pb.gz')}`, sample('apiserver-leaks.t1.goroutine.pb.gz'));
    expect(r.stdout).toBe(oracle('apiserver-leaks.t1.goroutine.pb.gz.vs.apiserver-leaks.t2.goroutine.pb.gz.goroutine.default.top'));
  });

  it('refuses profiles of different kinds, naming both files and what differs (exit 1, as pprof)', async () => {
    const cpu = sample('toyserver.cpu.pb.gz');
    const r = await run('top', `--diff_base=${cpu}`, t2heap);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `stackscope: cannot compare ${t2heap} with the base ${cpu}: their sample types differ: ` +
        '[alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes] vs [samples/count cpu/nanoseconds]\n',
    );
  });

  it('names the base file when it is missing or corrupt', async () => {
    const missing = await run('top', '--diff_base=/nonexistent/base.pb.gz', t2heap);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('stackscope: /nonexistent/base.pb.gz: no such file\n');
    const dir = mkdtempSync(join(tmpdir(), 'stackscope-diff-'));
    const corrupt = join(dir, 'corrupt.pb');
    writeFileSync(corrupt, Buffer.from([0x0a, 0x05, 0x08, 0x01]));
    const bad = await run('top', `--diff_base=${corrupt}`, t2heap);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^stackscope: .*corrupt\.pb: .*\(byte offset \d+\)\n$/);
    expect(bad.stderr).not.toContain(t2heap);
  });

  it('rejects --normalize without a base and with a value it does not know', async () => {
    expect((await run('top', '--normalize=true', t2heap)).stderr).toBe('stackscope: --normalize needs a --diff_base profile to normalize by\n');
    expect((await run('top', '--normalize=yes', `--diff_base=${t1heap}`, t2heap)).code).toBe(2);
    // A bare --normalize is a switch, as in pprof.
    expect((await run('top', '--nodefraction=0', '--edgefraction=0', '--normalize', `--diff_base=${t1heap}`, t2heap)).code).toBe(0);
  });
});
