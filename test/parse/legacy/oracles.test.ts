// Legacy text and binary profiles (test/fixtures/legacy, made by tools/samplegen/legacy-oracles.sh)
// open through loadProfile, and `stackscope top` prints what `go tool pprof -top` prints for
// each (test/oracle/legacy): every sample type, full and default node selection. Files pprof
// refuses are refused with pprof's reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { repoRoot } from '../../support/fixtures';

const fixtureDir = join(repoRoot, 'test', 'fixtures', 'legacy');
const oracleDir = join(repoRoot, 'test', 'oracle', 'legacy');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const oracles = readdirSync(oracleDir).filter((f) => f.endsWith('.top')).sort();
const cases = oracles.map((o) => {
  const file = readdirSync(fixtureDir).find((f) => o.startsWith(`${f}.`))!;
  const rest = o.slice(file.length + 1, -'.top'.length);
  const isDefault = rest.endsWith('.default');
  return { oracle: o, file, type: isDefault ? rest.slice(0, -'.default'.length) : rest, isDefault };
});

describe('legacy profiles: stackscope top equals go tool pprof -top', () => {
  process.env.TZ = 'UTC';
  it('has an oracle for every fixture', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const f of readdirSync(fixtureDir).filter((f) => f !== 'refused')) {
      const has = readdirSync(oracleDir).some((o) => o.startsWith(`${f}.`));
      expect(has, f).toBe(true);
    }
  });
  it.each(cases.filter((c) => !c.file.startsWith('go.')))('$oracle', async ({ oracle, file, type, isDefault }) => {
    const flags = isDefault ? ['-nodefraction=0'] : ['-nodecount=1000000', '-nodefraction=0', '-edgefraction=0'];
    const r = await run('top', ...flags, `-sample_index=${type}`, join(fixtureDir, file));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(oracleDir, oracle), 'utf8'));
  });
});

// Go's debug=1 texts name their frames in `#` lines; pprof reads only the `@` addresses and
// names them from the binary that wrote the text (the oracles were made so). The binary has
// no inlining for pprof: frames the runtime printed as inlined (sync.(*Mutex).Lock/Unlock)
// are their caller (main.contendMutex) for pprof, and runtime.goexit, which the runtime does
// not print, is a frame for pprof. Everything else is equal line for line: the header, the
// totals, every flat value in order, and every row of a function both name.
const rowName = (l: string) => l.replace(/^\s*(\S+\s+){5}/, '').trim();
const inlinedForPprof = new Set(['main.contendMutex']);
describe('legacy profiles: Go debug=1 texts against go tool pprof -top BINARY FILE', () => {
  process.env.TZ = 'UTC';
  it.each(cases.filter((c) => c.file.startsWith('go.')))('$oracle', async ({ oracle, file, type, isDefault }) => {
    const flags = isDefault ? ['-nodefraction=0'] : ['-nodecount=1000000', '-nodefraction=0', '-edgefraction=0'];
    const r = await run('top', ...flags, `-sample_index=${type}`, join(fixtureDir, file));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const want = readFileSync(join(oracleDir, oracle), 'utf8').split('\n');
    expect(want[0]).toBe('File: legacy'); // the binary pprof was given
    const got = r.stdout.split('\n');
    expect(got.slice(0, 3)).toEqual(want.slice(1, 4)); // Type, totals, column heads
    const rows = (ls: string[]) => ls.filter((l) => /^\s*-?[0-9.]+\S*\s/.test(l) && !l.includes('Showing'));
    const gotRows = rows(got.slice(3));
    const wantRows = rows(want.slice(4));
    const flat = (rs: string[]) => rs.map((l) => l.trim().split(/\s+/)[0]).filter((v) => v !== '0');
    expect(flat(gotRows)).toEqual(flat(wantRows));
    const byName = (rs: string[]) => new Map(rs.map((l) => [rowName(l), l]));
    const g = byName(gotRows);
    const w = byName(wantRows);
    for (const [name, line] of w) {
      if (inlinedForPprof.has(name) || name === 'runtime.goexit') continue;
      expect(g.get(name), name).toBe(line);
    }
    for (const name of g.keys()) {
      if (!w.has(name)) expect(['sync.(*Mutex).Lock', 'sync.(*Mutex).Unlock'], name).toContain(name);
    }
  });

  it('refuses nothing pprof reads, and reads the threadcreate text pprof refuses as malformed', async () => {
    expect(readFileSync(join(oracleDir, 'go.threadcreate.debug1.txt.refused'), 'utf8')).toBe(
      'go.threadcreate.debug1.txt: parsing profile: malformed profile format\n',
    );
    const r = await run('top', join(fixtureDir, 'go.threadcreate.debug1.txt'));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Type: threadcreate');
    // Its total is the one the runtime printed in the header.
    const total = /^threadcreate profile: total (\d+)$/m.exec(readFileSync(join(fixtureDir, 'go.threadcreate.debug1.txt'), 'utf8'))![1];
    expect(lines[1]).toMatch(new RegExp(` of ${total} total$`));
  });
});
