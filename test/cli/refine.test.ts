// `stackscope top` with pprof's refinements (--focus, --ignore, --hide, --show, --show_from,
// --prune_from, --nodefraction, --edgefraction, --nodecount) against `go tool pprof -top` with
// the same flags, text for text. Oracles: test/oracle/refine (tools/samplegen/refine-oracles.sh):
// every case over every sample profile and every shared pprof fixture.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { repoRoot, sharedDir, sharedSkipReason } from '../support/fixtures';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const oracleDir = join(repoRoot, 'test', 'oracle', 'refine');
const cases = readdirSync(join(oracleDir, 'cases'))
  .filter((f) => f.endsWith('.flags'))
  .map((f) => ({
    name: f.slice(0, -'.flags'.length),
    // pprof's -flag=value as --flag=value.
    flags: readFileSync(join(oracleDir, 'cases', f), 'utf8').trim().split('\n').map((x) => `-${x}`),
  }));

function profilesOf(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.pb.gz')).sort();
}

function compareAll(profileDir: string, oracleSub: string) {
  for (const profile of profilesOf(profileDir)) {
    const base = profile.slice(0, -'.pb.gz'.length);
    for (const c of cases) {
      const oracle = join(oracleDir, oracleSub, `${base}.${c.name}.top`);
      it(`${base} ${c.flags.join(' ')}`, async () => {
        expect(existsSync(oracle), `${oracle} (run tools/samplegen/refine-oracles.sh)`).toBe(true);
        const r = await run('top', ...c.flags, join(profileDir, profile));
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(readFileSync(oracle, 'utf8'));
      });
    }
  }
}

describe('stackscope top with refinements equals go tool pprof -top', () => {
  process.env.TZ = 'UTC';
  it('has cases to compare with', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  describe('sample profiles', () => compareAll(join(repoRoot, 'public', 'samples'), 'samples'));
  describe.skipIf(!sharedDir)(`shared fixtures${sharedDir ? '' : ` (skipped: ${sharedSkipReason})`}`, () => {
    if (sharedDir) compareAll(join(sharedDir, 'fixtures', 'pprof'), 'fixtures');
  });

  it('reports a bad regular expression as a usage error naming the flag, as pprof does', async () => {
    const r = await run('top', '--ignore=(', join(repoRoot, 'public', 'samples', 'toyserver.heap.pb.gz'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('parsing ignore regexp');
  });
});
