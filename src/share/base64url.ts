// base64url without padding (RFC 4648 section 5): the alphabet survives URLs, chat clients and
// e-mail untouched. Decoding is strict and says where the first bad character is.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const values = new Int8Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;

export function encodeBase64Url(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + alphabet[v & 63]!;
    if (chunk.length >= 4096) {
      out.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    chunk += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]!;
    if (i + 1 < n) chunk += alphabet[(v >> 6) & 63]!;
  }
  out.push(chunk);
  return out.join('');
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function decodeBase64Url(text: string): Base64Result {
  const n = text.length;
  if (n % 4 === 1) return { ok: false, error: `its data has an impossible length (${n} characters)` };
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? values[c]! : -1;
    if (v < 0) {
      const shown = c >= 0x21 && c < 0x7f ? `"${text[i]}"` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      return { ok: false, error: `unexpected character ${shown} at position ${i + 1} of its data` };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out.subarray(0, o) };
}
