// A memory-map line whose address does not fit 64 bits is not a mapping, as in pprof (its
// parseMappingEntry reads with ParseUint(…, 16, 64) and skips the line): found by the mutation
// fuzzing of test/hostile. `go tool pprof -raw` on this text lists the server's mapping and its
// fake mapping 0x0/0xffffffffffffffff for the libc addresses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLegacy, sniffLegacy } from '../../../src/parse/pprof/legacy';
import { repoRoot } from '../../support/fixtures';

describe('legacy memory maps', () => {
  it('skips a mapping line whose start is past 2^64, as pprof does', () => {
    const text = readFileSync(join(repoRoot, 'test', 'fixtures', 'legacy', 'contentionz.txt'), 'utf8').replace(/^7f0000000000-/m, '17f0000000000000000-');
    const bytes = new TextEncoder().encode(text);
    const p = parseLegacy(bytes, sniffLegacy(bytes)!);
    expect(p.mappings.map((m) => [m.start, m.limit, m.offset, m.file])).toEqual([
      [0x400000n, 0x800000n, 0n, '/usr/local/bin/server'],
      [0n, 0xffffffffffffffffn, 0n, ''],
    ]);
  });
});
