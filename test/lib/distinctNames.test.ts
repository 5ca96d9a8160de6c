import { describe, expect, it } from 'vitest';
import { distinctNames } from '../../src/lib/distinctNames';

describe('distinctNames', () => {
  it('keeps what tells the files apart, at separators', () => {
    expect(distinctNames(['master-1/goroutine.txt', 'master-2/goroutine.txt', 'master-3/goroutine.txt'])).toEqual(['master-1', 'master-2', 'master-3']);
    expect(distinctNames(['leak-a.t3.goroutine.debug2.txt.gz', 'leak-b.t2.goroutine.debug2.txt.gz', 'healthy-c.goroutine.debug2.txt.gz'])).toEqual([
      'leak-a.t3',
      'leak-b.t2',
      'healthy-c',
    ]);
    expect(distinctNames(['dumps.tar.gz › a/heap.pb.gz', 'dumps.tar.gz › b/heap.pb.gz'])).toEqual(['a', 'b']);
  });

  it('never cuts a word, and never leaves a name empty', () => {
    expect(distinctNames(['node10.txt', 'node11.txt'])).toEqual(['node10', 'node11']);
    expect(distinctNames(['same.txt', 'same.txt'])).toEqual(['same.txt', 'same.txt']);
    expect(distinctNames(['a.txt', 'a.txt.gz'])).toEqual(['a.txt', 'a.txt.gz']);
    expect(distinctNames(['leak-a.heap', 'leak-b.heap'])).toEqual(['leak-a', 'leak-b']);
    expect(distinctNames(['one'])).toEqual(['one']);
  });
});
