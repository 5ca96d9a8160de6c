// Top tables against `go tool pprof -top`, text for text: header lines, every row, every
// figure. Oracles: the shared fixtures' own (functions), and ours under test/oracle (other
// granularities, our samples, pprof's default edge fraction).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleIndexByName } from '../../src/analysis/sampleIndex';
import { computeTop, formatTopText } from '../../src/analysis/top';
import type { Granularity } from '../../src/analysis/nodes';
import { loadProfile, type LoadedProfile } from '../../src/parse/load';
import { repoRoot, sharedDir, sharedSkipReason } from '../support/fixtures';

interface Case {
  oracle: string;
  profile: string;
  sampleType: string;
  granularity: Granularity;
  edgeFraction: number;
}

const oracleName = /^(.+\.pb\.gz)\.([^.]+)(?:\.(default|lines|files|filefunctions|addresses))?\.top$/;

function casesIn(oracleDir: string, profileDir: string): Case[] {
  if (!existsSync(oracleDir)) return [];
  return readdirSync(oracleDir)
    .filter((f) => oracleName.test(f) && !f.includes('.vs.'))
    .sort()
    .map((f) => {
      const [, file, sampleType, variant] = oracleName.exec(f)!;
      return {
        oracle: join(oracleDir, f),
        profile: join(profileDir, file!),
        sampleType: sampleType!,
        granularity: (variant && variant !== 'default' ? variant : 'functions') as Granularity,
        edgeFraction: variant === 'default' ? 0.001 : 0,
      };
    });
}

const loaded = new Map<string, Promise<LoadedProfile>>();
function load(path: string): Promise<LoadedProfile> {
  let l = loaded.get(path);
  if (!l) {
    l = loadProfile(new Uint8Array(readFileSync(path)));
    loaded.set(path, l);
  }
  return l;
}

/** Loaded as the CLI and the worker load a file (loadProfile), then pprof's top table. */
async function check(c: Case) {
  const p = (await load(c.profile)).profile;
  const table = computeTop(p, {
    sampleIndex: sampleIndexByName(p, c.sampleType),
    granularity: c.granularity,
    nodeFraction: 0,
    edgeFraction: c.edgeFraction,
    timeZone: 'UTC',
  });
  expect(formatTopText(table)).toBe(readFileSync(c.oracle, 'utf8'));
}

const samples = join(repoRoot, 'public', 'samples');
const ourSampleCases = casesIn(join(repoRoot, 'test', 'oracle', 'samples'), samples);

describe('top table = go tool pprof -top (our samples)', () => {
  it('has oracles to compare with', () => expect(ourSampleCases.length).toBeGreaterThan(20));
  it.each(ourSampleCases.map((c) => [c.oracle.split('/').pop()!, c] as const))('%s', (_, c) => check(c));
});

const fixtureDir = sharedDir ? join(sharedDir, 'fixtures', 'pprof') : '';
const sharedCases = sharedDir
  ? [...casesIn(join(fixtureDir, 'oracle'), fixtureDir), ...casesIn(join(repoRoot, 'test', 'oracle', 'fixtures'), fixtureDir)]
  : [];

describe.skipIf(!sharedDir)(`top table = go tool pprof -top (shared fixtures)${sharedDir ? '' : `: skipped, ${sharedSkipReason}`}`, () => {
  it('has oracles to compare with', () => expect(sharedCases.length).toBeGreaterThan(90));
  it.each(sharedCases.map((c) => [c.oracle.split('/').pop()!, c] as const))('%s', (_, c) => check(c));
});
