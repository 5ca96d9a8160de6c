// Every pprof fixture: inflate, decode, dump, and compare with its golden text. Run with
// UPDATE_GOLDEN=1 to (re)write the goldens; otherwise a missing golden fails.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inflateGzip } from '../../../src/parse/inflate';
import { decodeProfile } from '../../../src/parse/pprof';
import { dumpProfile } from '../../support/dump-profile';
import { listFixtures, readFixture, repoRoot, sharedSkipReason } from '../../support/fixtures';
import { validateProfile } from './validate';

const goldenDir = join(repoRoot, 'test', 'golden', 'pprof');
const update = process.env.UPDATE_GOLDEN === '1';
const fixtures = listFixtures('pprof', '.pb.gz');

describe.skipIf(fixtures.length === 0)(`pprof goldens ${sharedSkipReason}`, () => {
  it.each(fixtures)('%s matches its golden dump', (name) => {
    const profile = decodeProfile(inflateGzip(readFixture('pprof', name)));
    expect(validateProfile(profile)).toEqual([]);
    const dump = dumpProfile(profile);
    const goldenPath = join(goldenDir, `${name}.txt`);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(goldenPath, dump);
      return;
    }
    if (!existsSync(goldenPath)) {
      throw new Error(`missing golden ${goldenPath}: run with UPDATE_GOLDEN=1 and review it`);
    }
    expect(dump).toBe(readFileSync(goldenPath, 'utf8'));
  });
});
