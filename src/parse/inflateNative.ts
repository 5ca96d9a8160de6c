// The platform's own gunzip (DecompressionStream, a web standard in browsers, workers and
// Node 20): about three times faster than pako in Chromium and in Node on a large profile. It
// stops at the same size cap. It cannot say where a stream is broken, so inflate.ts's gunzip
// inflates again with pako on any failure, for a precise message.

import { ParseError } from '../model/errors';

/** Input handed to the stream per pull. */
const CHUNK = 8 << 20;

/** DecompressionStream is missing (an old engine): the caller uses pako. */
export class NativeInflateUnavailable extends Error {}

/** A platform's own gunzip to one buffer the result owns, 'over-cap' past maxBytes; any throw means "ask pako". */
export type PlatformInflate = (input: Uint8Array, maxBytes: number) => Promise<Uint8Array<ArrayBuffer> | 'over-cap'>;

let platformInflate: PlatformInflate | null = null;

/**
 * The command line registers Node's zlib here: DecompressionStream through Node's web streams
 * hands out 16 KiB chunks, and a gzip bomb that hides its size took 5 s of CPU to reach the 1 GiB
 * cap that way against 1.5 s for zlib with 8 MiB chunks (measured on the 2-core CI machine).
 */
export function setPlatformInflate(inflate: PlatformInflate | null): void {
  platformInflate = inflate;
}

export function hasNativeInflate(): boolean {
  return typeof DecompressionStream !== 'undefined';
}

/**
 * Inflates with DecompressionStream into one buffer the result owns, sized by the trailer's
 * claim when there is one. Returns 'over-cap' past maxBytes; throws ParseError('cancelled') when
 * isCancelled says so; any other throw means "ask pako".
 */
export async function inflateNative(
  input: Uint8Array,
  maxBytes: number,
  expectedSize: number,
  onProgress?: (inputBytes: number, outputBytes: number) => void,
  isCancelled?: () => boolean,
): Promise<Uint8Array<ArrayBuffer> | 'over-cap'> {
  if (platformInflate) return platformInflate(input, maxBytes);
  if (!hasNativeInflate()) throw new NativeInflateUnavailable();
  let fed = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (fed >= input.length) {
        controller.close();
        return;
      }
      const end = Math.min(input.length, fed + CHUNK);
      controller.enqueue(input.subarray(fed, end));
      fed = end;
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  // The output is copied into one growing buffer as it comes (no chunk list to glue at the
  // end), so the peak is the output once, not twice.
  let out = new Uint8Array(expectedSize > 0 ? Math.min(expectedSize, maxBytes) : Math.min(maxBytes, Math.max(1 << 16, input.length * 4)));
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (isCancelled?.()) throw new ParseError('cancelled', 'inflating was cancelled', { offset: fed });
      if (total + value.length > maxBytes) return 'over-cap';
      if (total + value.length > out.length) {
        const next = new Uint8Array(Math.min(maxBytes, Math.max(out.length * 2, total + value.length)));
        next.set(out.subarray(0, total));
        out = next;
      }
      out.set(value, total);
      total += value.length;
      onProgress?.(fed, total);
    }
  } finally {
    // Stops the decompressor when we leave early (over the cap, cancelled); a no-op at the end.
    await reader.cancel().catch(() => undefined);
  }
  return total === out.length ? out : out.slice(0, total);
}
