// `stackscope top FILE FILE...` merges the files as `go tool pprof -top FILE FILE...` does:
// byte for byte against pprof's own output (test/oracle/set, tools/samplegen/set-oracles.sh).
import { readdirSync, readFileSync } from 'node:fs';
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

const dir = join(repoRoot, 'test', 'oracle', 'set');
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== '');
const cases = readdirSync(dir).filter((f) => f.endsWith('.top')).map((f) => f.slice(0, -4));

describe('stackscope top with several files', () => {
  process.env.TZ = 'UTC';

  it('has oracles to check', () => expect(cases.length).toBeGreaterThanOrEqual(6));

  it.each(cases)('%s equals go tool pprof -top of the same files', async (name) => {
    const files = lines(`${name}.files`).map((f) => join(repoRoot, f));
    const r = await run('top', ...lines(`${name}.flags`), ...files);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(dir, `${name}.top`), 'utf8'));
  });

  it('refuses profiles of different types, naming the files', async () => {
    const s = (f: string) => join(repoRoot, 'test', 'fixtures', 'series', f);
    const r = await run('top', s('leak-a.t3.heap.pb.gz'), s('leak-b.t2.goroutine.pb.gz'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('leak-a.t3.heap.pb.gz');
    expect(r.stderr).toMatch(/cannot merge profiles/);
  });
});
