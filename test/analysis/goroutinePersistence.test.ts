// Persistence between two dumps and the elapsed time their wait minutes bound.
import { describe, expect, it } from 'vitest';
import { elapsedFromWaits, isBlockedState, stackDigests } from '../../src/analysis/goroutinePersistence';
import { loadBytes } from '../../src/parse/load';

const dump = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  const g = loadBytes(bytes).goroutines!.goroutines!;
  return { digests: stackDigests(bytes, g), g };
};
const text = 'goroutine 7 [chan send, 3 minutes]:\nmain.f(0xc000010000)\n\t/src/m.go:3 +0x1\ncreated by main.main\n\t/src/m.go:9 +0x2\n\ngoroutine 8 [chan send]:\nmain.f(0xc000010008)\n\t/src/m.go:3 +0x1\ncreated by main.main\n\t/src/m.go:9 +0x2\n';

describe('stack digests', () => {
  it('differ by argument values, ignore the header (wait minutes) and carriage returns', () => {
    const a = dump(text);
    expect(a.digests[0]).not.toBe(a.digests[1]);
    const later = dump(text.replace('3 minutes', '9 minutes'));
    expect(later.digests[0]).toBe(a.digests[0]);
    const crlf = dump(text.replace(/\n/g, '\r\n'));
    expect([...crlf.digests]).toEqual([...a.digests]);
    const moved = dump(text.replace('m.go:3 +0x1\ncreated', 'm.go:4 +0x1\ncreated'));
    expect(moved.digests[0]).not.toBe(a.digests[0]);
    for (const d of a.digests) expect(Number.isSafeInteger(d)).toBe(true);
  });
});

describe('blocked states', () => {
  it('are wait reasons, not running, runnable or syscall', () => {
    expect(['chan send', 'select', 'IO wait', 'semacquire', 'waiting', 'sync.Mutex.Lock'].every(isBlockedState)).toBe(true);
    expect(['running', 'runnable', 'syscall', 'dead', ''].some(isBlockedState)).toBe(false);
  });
});

describe('elapsed time from wait-minute differences', () => {
  it('bounds it to [k, k+1] when both k and k+1 occur, estimating the fraction from their shares', () => {
    expect(elapsedFromWaits(new Map([[4, 300], [5, 100]]))).toEqual({ minutes: 4.25, low: 4, high: 5, agreeing: 400, total: 400 });
  });
  it('bounds it to (k-1, k+1) when only k occurs, and ignores strays outside the best window', () => {
    expect(elapsedFromWaits(new Map([[2, 690], [-1, 2]]))).toEqual({ minutes: 2, low: 1, high: 3, agreeing: 690, total: 692 });
    expect(elapsedFromWaits(new Map([[0, 5]]))).toEqual({ minutes: 0, low: 0, high: 1, agreeing: 5, total: 5 });
  });
  it('is null without differences', () => {
    expect(elapsedFromWaits(new Map())).toBeNull();
  });
});
