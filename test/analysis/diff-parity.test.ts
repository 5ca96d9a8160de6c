// Diff tables against `go tool pprof -top -diff_base=BASE TARGET`, text for text, for every
// oracle in test/oracle/diff (commands in test/oracle/README.md), and pprof's verdict on
// which profiles can be compared at all, for every ordered pair of samples and fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../src/analysis/diff';
import type { Granularity } from '../../src/analysis/nodes';
import { sampleIndexByName } from '../../src/analysis/sampleIndex';
import { computeTop, formatTopText } from '../../src/analysis/top';
import type { Profile } from '../../src/model/profile';
import { loadBytes } from '../../src/parse/load';
import { repoRoot, sharedDir, sharedSkipReason } from '../support/fixtures';

const oracleDir = join(repoRoot, 'test', 'oracle', 'diff');
const samplesDir = join(repoRoot, 'public', 'samples');
const fixtureDir = sharedDir ? join(sharedDir, 'fixtures', 'pprof') : null;

/** A profile named in an oracle: a committed sample, else a shared fixture (null when absent). */
function pathOf(file: string): string | null {
  const sample = join(samplesDir, file);
  if (existsSync(sample)) return sample;
  return fixtureDir && existsSync(join(fixtureDir, file)) ? join(fixtureDir, file) : null;
}

const profiles = new Map<string, Profile>();
function load(file: string): Profile {
  let p = profiles.get(file);
  if (!p) {
    p = loadBytes(new Uint8Array(readFileSync(pathOf(file)!))).profile;
    profiles.set(file, p);
  }
  return p;
}

const diffs = new Map<string, Profile>();
function diff(target: string, base: string, normalize: boolean): Profile {
  const key = `${target} ${base} ${normalize}`;
  let p = diffs.get(key);
  if (!p) {
    const r = diffProfiles({ profile: load(target), name: target }, { profile: load(base), name: base }, { normalize });
    if (!r.ok) throw new Error(r.error);
    p = r.profile;
    diffs.set(key, p);
  }
  return p;
}

const oracleName = /^(.+\.pb\.gz)\.vs\.(.+\.pb\.gz)\.([^.]+)(?:\.(default|noflags|normalize|lines|files|filefunctions|addresses))?\.top$/;

interface Case {
  oracle: string;
  target: string;
  base: string;
  sampleType: string;
  variant: string;
}

const cases: Case[] = readdirSync(oracleDir)
  .filter((f) => oracleName.test(f))
  .sort()
  .map((oracle) => {
    const [, target, base, sampleType, variant] = oracleName.exec(oracle)!;
    return { oracle, target: target!, base: base!, sampleType: sampleType!, variant: variant ?? 'full' };
  });
const runnable = cases.filter((c) => pathOf(c.target) && pathOf(c.base));
const needShared = cases.length - runnable.length;

function check(c: Case) {
  const p = diff(c.target, c.base, c.variant === 'normalize');
  const granularity = (['lines', 'files', 'filefunctions', 'addresses'].includes(c.variant) ? c.variant : 'functions') as Granularity;
  const table = computeTop(p, {
    sampleIndex: sampleIndexByName(p, c.sampleType),
    granularity,
    // "noflags" is pprof without fraction flags: its default node and edge fractions.
    nodeFraction: c.variant === 'noflags' ? 0.005 : 0,
    edgeFraction: c.variant === 'default' || c.variant === 'noflags' ? 0.001 : 0,
    timeZone: 'UTC',
  });
  expect(formatTopText(table)).toBe(readFileSync(join(oracleDir, c.oracle), 'utf8'));
}

describe(`diff table = go tool pprof -top -diff_base${needShared > 0 ? ` (${needShared} oracles skipped: ${sharedSkipReason})` : ''}`, () => {
  it('has oracles to compare with', () => expect(runnable.length).toBeGreaterThanOrEqual(sharedDir ? 70 : 50));
  it.each(runnable.map((c) => [c.oracle, c] as const))('%s', (_, c) => check(c));
});

interface Verdict {
  target: string;
  base: string;
  ok: boolean;
  pprofError: string;
}

const verdicts: Verdict[] = readFileSync(join(oracleDir, 'compatibility.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'))
  .map((l) => {
    const [target, base, verdict, pprofError] = l.split('\t');
    return { target: target!, base: base!, ok: verdict === 'ok', pprofError: pprofError ?? '' };
  })
  .filter((v) => pathOf(v.target) && pathOf(v.base));

describe('which profiles can be compared = what go tool pprof -diff_base accepts', () => {
  it('has verdicts for accepted and refused pairs', () => {
    expect(verdicts.filter((v) => v.ok).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.ok).length).toBeGreaterThan(50);
  });

  it.each(verdicts.map((v) => [`${v.target} vs ${v.base}: ${v.ok ? 'ok' : v.pprofError}`, v] as const))('%s', (_, v) => {
    const r = diffProfiles({ profile: load(v.target), name: v.target }, { profile: load(v.base), name: v.base });
    if (v.ok) {
      expect(r.ok ? '' : r.error).toBe('');
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // The message names both files and says what differs.
      expect(r.error).toContain(`cannot compare ${v.target} with the base ${v.base}: their `);
      expect(r.error).toMatch(v.pprofError.startsWith('period type') ? /period types differ|sample types differ/ : /sample types differ/);
    }
  });
});
