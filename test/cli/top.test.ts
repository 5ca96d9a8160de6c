// `stackscope top` prints what `go tool pprof -top` prints, and fails cleanly on bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
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
const oracle = (f: string) => readFileSync(join(repoRoot, 'test', 'oracle', 'samples', f), 'utf8');

describe('stackscope top', () => {
  process.env.TZ = 'UTC';

  it('prints go tool pprof -top -nodefraction=0 for the default sample type', async () => {
    const r = await run('top', '--nodefraction=0', sample('toyserver.heap.pb.gz'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(oracle('toyserver.heap.pb.gz.inuse_space.default.top'));
  });

  it('takes the sample index by name or number, and pprof spellings of flags', async () => {
    expect((await run('top', '-nodefraction=0', '-sample_index=alloc_space', sample('toyserver.heap.pb.gz'))).stdout).toBe(
      oracle('toyserver.heap.pb.gz.alloc_space.default.top'),
    );
    expect((await run('top', '--nodefraction', '0', '--sample_index=0', sample('toyserver.heap.pb.gz'))).stdout).toBe(
      oracle('toyserver.heap.pb.gz.alloc_objects.default.top'),
    );
  });

  it('prints other granularities', async () => {
    expect(
      (await run('top', '--nodefraction=0', '--edgefraction=0', '--granularity=lines', '--sample_index=cpu', sample('toyserver.cpu.pb.gz'))).stdout,
    ).toBe(oracle('toyserver.cpu.pb.gz.cpu.lines.top'));
    expect((await run('top', '-nodefraction=0', '-edgefraction=0', '-files', '-sample_index=cpu', sample('toyserver.cpu.pb.gz'))).stdout).toBe(
      oracle('toyserver.cpu.pb.gz.cpu.files.top'),
    );
  });

  it('reports a wrong sample index, a missing file and a corrupt file on stderr with a non-zero exit', async () => {
    const bad = await run('top', '--sample_index=nope', sample('toyserver.heap.pb.gz'));
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('sample_index "nope" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]');
    const missing = await run('top', '/nonexistent/heap.pb.gz');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/nonexistent/heap.pb.gz: no such file');
    const dir = mkdtempSync(join(tmpdir(), 'stackscope-cli-'));
    const corrupt = join(dir, 'corrupt.pb');
    writeFileSync(corrupt, Buffer.from([0x0a, 0x05, 0x08, 0x01]));
    const c = await run('top', corrupt);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/corrupt\.pb: .*byte offset \d+/);
    expect((await run('top')).code).toBe(2);
  });

  it('says where a gzip stream breaks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackscope-cli-'));
    const cut = join(dir, 'cut.pb.gz');
    writeFileSync(cut, readFileSync(sample('toyserver.heap.pb.gz')).subarray(0, 500));
    const r = await run('top', cut);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^stackscope: .*cut\.pb\.gz: the gzip stream ends early: the file looks truncated \(inflated \d+ bytes before the end\) \(byte offset 500\)\n$/);
  });

  it('shows a goroutine text dump as the runtime printed it, as the app does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackscope-cli-'));
    const dump = join(dir, 'dump.txt');
    // pprof's name clean-up would print pkg.Map.Get; a text dump is not a pprof file.
    writeFileSync(dump, 'goroutine 7 [chan receive]:\npkg.Map<int>.Get(0xc000123456)\n\t/src/pkg/map.go:12 +0x1d\nmain.main()\n\t/src/main.go:5 +0x25\n\n');
    const r = await run('top', dump);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(' pkg.Map<int>.Get\n');
  });

  const bin = join(repoRoot, 'bin', 'stackscope.js');
  const built = existsSync(join(repoRoot, 'dist-cli', 'stackscope.js'));
  it.skipIf(!built)(`the bundled command prints the same${built ? '' : ' (skipped: run npm run build:cli first)'}`, () => {
    const r = spawnSync(process.execPath, [bin, 'top', '-nodefraction=0', sample('toyserver.heap.pb.gz')], {
      env: { ...process.env, TZ: 'UTC' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(oracle('toyserver.heap.pb.gz.inuse_space.default.top'));
  });
});
