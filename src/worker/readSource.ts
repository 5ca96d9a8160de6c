// Reads a dropped File inside the worker, in chunks, so the page can show bytes as they come.

import type { LoadSource } from './protocol';

export async function readSource(source: LoadSource, onProgress: (done: number, total: number) => void): Promise<Uint8Array> {
  if (source.bytes) {
    onProgress(source.bytes.byteLength, source.bytes.byteLength);
    return new Uint8Array(source.bytes);
  }
  const file = source.file;
  if (!file) throw new Error('nothing to read');
  const total = file.size;
  const out = new Uint8Array(total);
  let done = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    if (done + value.length > total) throw new Error('the file grew while it was being read');
    out.set(value, done);
    done += value.length;
    onProgress(done, total);
  }
  return done === total ? out : out.subarray(0, done);
}
