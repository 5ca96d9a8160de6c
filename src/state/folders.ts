// Files inside dropped folders: a drop hands over FileSystemEntry trees (webkitGetAsEntry), which
// are walked here into files named by their path in the folder ("bundle/master-1/goroutine.txt").
// Kept apart from intake.ts so it runs in Node tests with stand-in entries.

export interface NamedFile {
  file: File;
  /** The path shown as the tab's name: the file's name, or its path inside a dropped folder. */
  name: string;
}

/** The parts of FileSystemEntry this walk uses (the browser's entries have them). */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?: (ok: (f: File) => void, fail: (e: unknown) => void) => void;
  createReader?: () => { readEntries: (ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void) => void };
}

/** At most this many files from one drop: a home directory dropped by mistake must not open thousands of tabs. */
export const MAX_FOLDER_FILES = 200;

async function readAll(dir: EntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader!();
  const out: EntryLike[] = [];
  // readEntries returns the entries in batches (100 in Chromium) until it returns none.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

/**
 * Every file under the entries, depth first, each folder's entries sorted by name; `prefix` is
 * the folder path so far. Stops at MAX_FOLDER_FILES and says how many were left out.
 */
export async function filesOfEntries(entries: EntryLike[]): Promise<{ files: NamedFile[]; leftOut: number }> {
  const files: NamedFile[] = [];
  let leftOut = 0;
  const walk = async (entry: EntryLike, prefix: string): Promise<void> => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isFile && entry.file) {
      if (files.length >= MAX_FOLDER_FILES) {
        leftOut++;
        return;
      }
      const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
      files.push({ file, name: path });
      return;
    }
    if (entry.isDirectory && entry.createReader) {
      const children = (await readAll(entry)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const c of children) await walk(c, path);
    }
  };
  for (const e of entries) await walk(e, '');
  return { files, leftOut };
}
