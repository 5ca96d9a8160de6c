// Dropped folders: the entry tree a browser hands over is walked into files named by their path,
// folders sorted, batches of readEntries read to the end, and a drop capped.
import { describe, expect, it } from 'vitest';
import { filesOfEntries, MAX_FOLDER_FILES, type EntryLike } from '../../src/state/folders';

const file = (name: string): EntryLike => ({ isFile: true, isDirectory: false, name, file: (ok) => ok(new File([name], name)) });
function dir(name: string, children: EntryLike[], batch = 2): EntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let at = 0;
      // Like Chromium, a batch at a time until an empty one.
      return { readEntries: (ok) => ok(children.slice(at, (at += batch))) };
    },
  };
}

describe('files of dropped folders', () => {
  it('walks nested folders depth first, sorted by name, each file named by its path', async () => {
    const tree = dir('bundle', [dir('master-2', [file('goroutine.txt')]), file('README'), dir('master-1', [file('heap.pb.gz'), file('goroutine.txt')])]);
    const { files, leftOut } = await filesOfEntries([tree, file('loose.txt')]);
    expect(files.map((f) => f.name)).toEqual(['bundle/README', 'bundle/master-1/goroutine.txt', 'bundle/master-1/heap.pb.gz', 'bundle/master-2/goroutine.txt', 'loose.txt']);
    expect(await files[1]!.file.text()).toBe('goroutine.txt');
    expect(leftOut).toBe(0);
  });

  it(`opens at most ${MAX_FOLDER_FILES} files of one drop and counts the rest`, async () => {
    const many = dir('home', Array.from({ length: MAX_FOLDER_FILES + 7 }, (_, i) => file(`f${String(i).padStart(4, '0')}`)), 100);
    const { files, leftOut } = await filesOfEntries([many]);
    expect(files).toHaveLength(MAX_FOLDER_FILES);
    expect(leftOut).toBe(7);
  });
});
