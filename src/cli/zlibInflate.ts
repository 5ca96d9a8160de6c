// Node's zlib as the parse layer's gunzip in the command line (parse/inflateNative.ts says why).
import { gunzip } from 'node:zlib';
import type { PlatformInflate } from '../parse/inflateNative';

export const zlibInflate: PlatformInflate = (input, maxBytes) =>
  new Promise((resolve, reject) => {
    gunzip(input, { maxOutputLength: maxBytes, chunkSize: 8 << 20 }, (err, out) => {
      if (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') resolve('over-cap');
        else reject(err);
        return;
      }
      // The result must own its whole buffer (it may be transferred); zlib's usually does.
      const owned = out.byteOffset === 0 && out.buffer.byteLength === out.length ? new Uint8Array(out.buffer as ArrayBuffer) : new Uint8Array(out);
      resolve(owned);
    });
  });
