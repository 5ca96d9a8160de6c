// Real dumps and profiles of programs without these bugs (a CockroachDB node, HTTP servers,
// Go, C++ and Java benchmarks) must not produce a single finding from the whole catalogue, nor a
// bug said undecidable for want of wait times.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors';
import { listFixtures, readFixture, sharedDir, sharedSkipReason } from '../../support/fixtures';
import { catalogue } from '../../../src/knowledge/catalogue';
import { undecidedWithoutWaits } from '../../../src/knowledge/match';
import { matchInputFor } from '../../../src/knowledge/matchFile';
import { loadBytes, profileForViews } from '../../../src/parse/load';
import { findingsForBytes } from '../support';

describe.skipIf(!sharedDir)(`the catalogue on the shared real-world fixtures${sharedDir ? '' : ` (${sharedSkipReason})`}`, () => {
  const files = [...listFixtures('pprof', '.pb.gz').map((f) => ['pprof', f] as const), ...listFixtures('goroutine-text', '.txt').map((f) => ['goroutine-text', f] as const)];

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [dir, file] of files) {
    it(`${dir}/${file}: no finding`, () => {
      const bytes = readFixture(dir, file);
      // An empty file is refused before anything could match.
      if (bytes.length === 0) {
        expect(() => findingsForBytes(bytes)).toThrow(ParseError);
        return;
      }
      expect(findingsForBytes(bytes).map((f) => f.id)).toEqual([]);
      const loaded = loadBytes(bytes);
      expect(undecidedWithoutWaits(catalogue, matchInputFor(profileForViews(loaded), loaded.goroutines)).map((u) => u.id)).toEqual([]);
    });
  }
});
