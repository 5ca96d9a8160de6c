// What pprof refuses (test/fixtures/legacy/refused, reasons in test/oracle/legacy/refused, both
// from tools/samplegen/legacy-oracles.sh) is refused here too: broken legacy texts with pprof's
// own reason and the line, files that are no profile at all (pprof: "unrecognized profile
// format") with what they are and what opens them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem, ParseError } from '../../../src/model/errors';
import { loadProfile } from '../../../src/parse/load';
import { repoRoot } from '../../support/fixtures';

const dir = join(repoRoot, 'test', 'fixtures', 'legacy', 'refused');
const oracleDir = join(repoRoot, 'test', 'oracle', 'legacy', 'refused');

async function refusal(file: string): Promise<string> {
  try {
    await loadProfile(new Uint8Array(readFileSync(join(dir, file))));
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return describeProblem(file, (e as ParseError).toProblem());
  }
  throw new Error(`${file} was accepted`);
}

const pprofReason = (file: string) =>
  readFileSync(join(oracleDir, `${file}.refused`), 'utf8').trim().replace(`${file}: parsing profile: `, '');

describe('legacy inputs pprof refuses', () => {
  it('has pprof\'s reason for every refused input', () => {
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(8);
    for (const f of files) expect(pprofReason(f).length, f).toBeGreaterThan(0);
  });

  it.each([
    ['heapz-zero-count.txt', 'line 2'],
    ['heapz-bad-sample.txt', 'line 2'],
    ['contentionz-unknown-attribute.txt', 'line 2'],
  ])('%s: pprof\'s reason and where', async (file, where) => {
    const msg = await refusal(file);
    expect(msg).toContain(pprofReason(file));
    expect(msg).toContain(file);
    expect(msg).toContain(where);
  });

  it.each([
    ['go.trace', /Go execution trace \(go 1\.19\).*go tool trace/],
    ['profiles.zip', /zip archive.*unzip/],
    ['server.elf', /ELF binary/],
    ['login.html', /HTML page/],
    ['status.json', /JSON/],
  ])('%s: pprof finds no profile; the message names what it is', async (file, what) => {
    expect(pprofReason(file)).toBe('unrecognized profile format');
    const msg = await refusal(file);
    expect(msg).toMatch(what);
    expect(msg).toContain('not a profile');
  });
});
