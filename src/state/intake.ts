// Ways a file comes in: dropped or picked Files, pasted text, and the bundled samples.
// Each becomes one entry with its own worker.

import { openSource, pickCount } from './actions';
import { useStore } from './store';
import { ProfileWorker } from '../worker/client';
import { filesOfEntries, MAX_FOLDER_FILES, type EntryLike, type NamedFile } from './folders';
import { pageOnDisk } from './url';

export interface SampleEntry {
  name: string;
  file: string;
  title: string;
  description: string;
  kind: string;
  format: string;
  capturedAt: string | null;
  group: string;
}

/** Files open in the order given; an archive opens as its members, each a file with the archive as its group. */
/** Opens files, each by its name or, from a folder, by its path in the folder. */
export function openFiles(files: Iterable<File | NamedFile>): void {
  const list = [...files].map((f) => (f instanceof File ? { file: f, name: f.webkitRelativePath || f.name } : f));
  // Files of one drop open one after another; once a person picks a tab, the rest stop taking the view.
  const picksAtDrop = pickCount();
  void (async () => {
    for (const { file, name } of list) await openFileOrArchive(file, name, picksAtDrop);
  })();
}

/**
 * Opens what a drop holds: the files of dropped folders (walked from their entries, which must be
 * taken during the drop event) and plain files.
 */
export function openDropped(data: DataTransfer): void {
  const entries = Array.from(data.items, (i) => (i.kind === 'file' ? (i.webkitGetAsEntry?.() ?? null) : null));
  if (!entries.some((e) => e?.isDirectory)) {
    openFiles(data.files);
    return;
  }
  void (async () => {
    const { files, leftOut } = await filesOfEntries(entries.filter((e): e is FileSystemEntry => e !== null) as unknown as EntryLike[]);
    if (leftOut > 0) {
      const name = entries.find((e) => e?.isDirectory)?.name ?? 'folder';
      useStore.setState((s) => ({
        archives: [...s.archives, { name, opened: files.length, skipped: [{ name: `${leftOut} more files`, reason: `only the first ${MAX_FOLDER_FILES} files of a drop are opened` }] }],
      }));
    }
    openFiles(files);
  })();
}

/**
 * A short-lived worker says whether the file is an archive (reading only its start when it is
 * not); an archive's members then open one by one, and what was skipped is kept to be shown.
 * Resolves once every file is opening, not loaded.
 */
async function openFileOrArchive(file: File, name: string, picksAtDrop: number): Promise<void> {
  const knownTime = file.lastModified || null;
  const worker = new ProfileWorker();
  let unpacked;
  try {
    unpacked = await worker.call('unpack', { source: { name: name, file } });
  } catch (e) {
    // An archive that cannot be unpacked: its tab says why, as the load of any bad file does.
    const message = e instanceof Error ? e.message : String(e);
    useStore.setState((s) => ({ archives: [...s.archives, { name: name, opened: 0, skipped: [{ name: name, reason: message }] }] }));
    return;
  } finally {
    worker.terminate();
  }
  if (unpacked.kind === null) {
    void openSource({ name: name, file, knownTime }, file.size, undefined, picksAtDrop);
    return;
  }
  const { members, skipped } = unpacked;
  useStore.setState((s) => ({ archives: [...s.archives, { name: name, opened: members.length, skipped }] }));
  for (const m of members) void openSource({ name: m.name, bytes: m.bytes, knownTime, group: name }, m.bytes.byteLength, undefined, picksAtDrop);
}

export function openPastedText(text: string): void {
  const bytes = new TextEncoder().encode(text);
  void openSource({ name: 'pasted text', bytes: bytes.buffer as ArrayBuffer }, bytes.length);
}

const samplesBase = new URL('samples/', document.baseURI);

/**
 * The single-file build (stackscope.html, see vite.config.ts) carries its own copy of the
 * samples' index, as JSON text, but not the samples: they are 2.3 MB, which would double the
 * page (2.2 MB), and the page is there for the incident's own files. Served next to its samples/
 * folder it opens them as the served app does; opened from disk it cannot read them (a page from
 * file:// may not fetch its neighbours), and says so.
 */
const inlinedSampleIndex: string | undefined = import.meta.env.STACKSCOPE_INLINED_SAMPLE_INDEX;

/** Why the samples cannot be opened from this page, or null when they can (or may) be. */
export function samplesUnavailable(): string | null {
  if (inlinedSampleIndex === undefined || !pageOnDisk()) return null;
  return 'The samples are not bundled in this single-file page, and a page opened from disk cannot read the files next to it: drop a profile or goroutine dump on the page (the samples are in the samples/ folder beside stackscope.html, when you have it).';
}

let sampleIndex: Promise<SampleEntry[]> | null = null;

export function loadSampleIndex(): Promise<SampleEntry[]> {
  sampleIndex ??=
    inlinedSampleIndex !== undefined
      ? Promise.resolve(JSON.parse(inlinedSampleIndex) as SampleEntry[])
      : fetch(new URL('index.json', samplesBase)).then(async (r) => {
          if (!r.ok) throw new Error(`samples/index.json: HTTP ${r.status}`);
          return (await r.json()) as SampleEntry[];
        });
  return sampleIndex;
}

/** Opens a bundled sample by its name (as in ?sample=NAME). */
export async function openSample(name: string): Promise<number | null> {
  const entries = await loadSampleIndex();
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`No sample named "${name}". Samples: ${entries.map((e) => e.name).join(', ')}`);
  const unavailable = samplesUnavailable();
  if (unavailable) throw new Error(`Cannot open sample "${name}" (samples/${entry.file}). ${unavailable}`);
  const r = await fetch(new URL(entry.file, samplesBase));
  if (!r.ok) {
    const single = inlinedSampleIndex !== undefined ? ' (this single-file page does not bundle the samples: they are read from the samples/ folder beside it)' : '';
    throw new Error(`samples/${entry.file}: HTTP ${r.status}${single}`);
  }
  const bytes = await r.arrayBuffer();
  const knownTime = entry.capturedAt ? Date.parse(entry.capturedAt) : null;
  return openSource({ name: entry.file, bytes, knownTime: Number.isFinite(knownTime) ? knownTime : null }, bytes.byteLength);
}
