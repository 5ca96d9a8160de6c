// A command's input: a regular file (read whole, without a copy), or standard input for `-`, a
// device or a pipe (read in 1 MiB chunks), each under the inflated-size cap that gzip input has,
// so that /dev/zero or a stream that never ends stops at the cap with a message naming it.

import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { DEFAULT_MAX_INFLATED_BYTES, formatBytes } from '../parse/inflate';
import { readBytes } from './readBytes';

/** The input cannot be read, or is over the cap; the message names it. */
export class InputError extends Error {}

/**
 * The cap on input and inflated bytes: DEFAULT_MAX_INFLATED_BYTES (1 GiB), or
 * $STACKSCOPE_MAX_INFLATED_BYTES (a whole number of bytes; undocumented, for tests).
 */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.STACKSCOPE_MAX_INFLATED_BYTES;
  if (v === undefined || v === '') return DEFAULT_MAX_INFLATED_BYTES;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputError(`STACKSCOPE_MAX_INFLATED_BYTES=${v} is not a whole number of bytes`);
  return n;
}

/** What the messages call standard input. */
export const STDIN_NAME = '-';

/** Bytes of `file` (`-`: `stdin`), or InputError naming the file. */
export async function readInput(file: string, maxBytes: number, stdin: Readable = process.stdin): Promise<Uint8Array> {
  if (file === STDIN_NAME) return readStream(stdin, 'standard input', maxBytes);
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new InputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (st.isDirectory()) throw new InputError(`${file}: is a folder`);
  if (st.isFile()) {
    if (st.size > maxBytes) throw new InputError(`${file}: is ${formatBytes(st.size)}, over the ${formatBytes(maxBytes)} cap on input`);
    try {
      return readBytes(file);
    } catch (e) {
      throw new InputError(`${file}: ${(e as Error).message}`);
    }
  }
  // A device, a named pipe or a socket: its size says nothing, so read until it ends or the cap.
  return readStream(createReadStream(file, { highWaterMark: CHUNK }), file, maxBytes);
}

const CHUNK = 1 << 20;

async function readStream(stream: Readable, name: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += b.byteLength;
      if (total > maxBytes) {
        stream.destroy();
        throw new InputError(
          `${name}: stopped reading at the ${formatBytes(maxBytes)} cap on input (larger than that, or a device or stream that does not end)`,
        );
      }
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: ${(e as Error).message}`);
  }
  const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  return new Uint8Array(all.buffer as ArrayBuffer, all.byteOffset, all.byteLength);
}
