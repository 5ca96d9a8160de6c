// looksLikeProfileProto: yes for every inflated pprof fixture and the generated profile, no
// for every goroutine text fixture (debug=1, debug=2, crash output), in constant time.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateHeapProfile } from '../../../bench/gen/heap-profile';
import { looksLikeProfileProto } from '../../../src/parse/pprof';
import { listFixtures, readFixture, sharedSkipReason } from '../../support/fixtures';

const pprof = listFixtures('pprof', '.pb.gz');
const text = listFixtures('goroutine-text', '.txt').filter((f) => !f.endsWith('empty_input.txt'));

describe.skipIf(pprof.length === 0)(`looksLikeProfileProto ${sharedSkipReason}`, () => {
  it.each(pprof)('accepts %s', (name) => {
    expect(looksLikeProfileProto(new Uint8Array(gunzipSync(readFixture('pprof', name))))).toBe(true);
  });

  it.each(text)('rejects goroutine text %s', (name) => {
    expect(looksLikeProfileProto(readFixture('goroutine-text', name))).toBe(false);
  });

  it('accepts a profile that starts with period_type, as the Go runtime writes it', () => {
    const bytes = new Uint8Array(gunzipSync(generateHeapProfile({ stacks: 10, minDepth: 10, maxDepth: 12, seed: 1 })));
    expect(bytes[0]).toBe((11 << 3) | 2);
    expect(looksLikeProfileProto(bytes)).toBe(true);
  });

  it('rejects empty input', () => {
    expect(looksLikeProfileProto(new Uint8Array(0))).toBe(false);
  });
});
