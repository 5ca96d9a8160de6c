// Ways a file comes in: dropped or picked Files, pasted text, and the bundled samples.
// Each becomes one entry with its own worker.

import { openSource } from './actions';

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

export function openFiles(files: Iterable<File>): void {
  for (const file of files) void openSource({ name: file.name, file, knownTime: file.lastModified || null }, file.size);
}

export function openPastedText(text: string): void {
  const bytes = new TextEncoder().encode(text);
  void openSource({ name: 'pasted text', bytes: bytes.buffer as ArrayBuffer }, bytes.length);
}

const samplesBase = new URL('samples/', document.baseURI);

let sampleIndex: Promise<SampleEntry[]> | null = null;

export function loadSampleIndex(): Promise<SampleEntry[]> {
  sampleIndex ??= fetch(new URL('index.json', samplesBase)).then(async (r) => {
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
  const r = await fetch(new URL(entry.file, samplesBase));
  if (!r.ok) throw new Error(`samples/${entry.file}: HTTP ${r.status}`);
  const bytes = await r.arrayBuffer();
  const knownTime = entry.capturedAt ? Date.parse(entry.capturedAt) : null;
  return openSource({ name: entry.file, bytes, knownTime: Number.isFinite(knownTime) ? knownTime : null }, bytes.byteLength);
}
