// Every goroutine text fixture, dumped to a stable text form and compared with the checked-in
// golden file. UPDATE_GOLDEN=1 rewrites them (then read the diff); a missing golden fails.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDebug2, parseGoroutineText } from '../../../src/parse/goroutines';
import { dumpGoroutines } from '../../support/dump-goroutines';
import { listFixtures, readFixture, repoRoot, sharedDir, sharedSkipReason } from '../../support/fixtures';

const goldenDir = join(repoRoot, 'test', 'golden', 'goroutines');
const update = process.env.UPDATE_GOLDEN === '1';

describe.skipIf(!sharedDir)(`goroutine text golden files${sharedDir ? '' : ` (${sharedSkipReason})`}`, () => {
  const files = listFixtures('goroutine-text', '.txt');

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(file, () => {
      const bytes = readFixture('goroutine-text', file);
      // An empty file has no header to sniff; the debug=2 parser reads it as an empty dump.
      const dump = bytes.length === 0 ? parseDebug2(bytes) : parseGoroutineText(bytes);
      const text = dumpGoroutines(dump);
      const golden = join(goldenDir, file);
      if (update) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(golden, text);
      }
      if (!existsSync(golden)) throw new Error(`missing golden file ${golden}; run with UPDATE_GOLDEN=1 and review it`);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
