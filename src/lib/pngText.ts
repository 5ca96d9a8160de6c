// Text in a PNG file: iTXt chunks (UTF-8, uncompressed) written after the IHDR chunk, so that
// an exported chart carries its title, file, sample type, time and refinements as readable
// metadata (exiftool, `identify -verbose`, any PNG reader), and reading them back.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function checkSignature(png: Uint8Array): void {
  if (png.length < 8 + 25 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file (no PNG signature at byte 0)');
}

function u32(png: Uint8Array, at: number): number {
  return ((png[at]! << 24) | (png[at + 1]! << 16) | (png[at + 2]! << 8) | png[at + 3]!) >>> 0;
}

/** The PNG with one iTXt chunk per entry inserted after IHDR. Keywords are 1-79 Latin-1 characters. */
export function addPngText(png: Uint8Array, entries: ReadonlyArray<readonly [string, string]>): Uint8Array<ArrayBuffer> {
  checkSignature(png);
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR as its first chunk (byte 12)');
  const afterIhdr = 8 + 12 + u32(png, 8);
  const enc = new TextEncoder();
  const chunks = entries.map(([key, text]) => {
    if (!/^[\x20-\x7e]{1,79}$/.test(key)) throw new Error(`PNG text keyword ${JSON.stringify(key)} is not 1-79 printable ASCII characters`);
    const k = enc.encode(key);
    const t = enc.encode(text);
    // keyword \0, compression flag 0, method 0, language "" \0, translated keyword "" \0, text
    const data = new Uint8Array(k.length + 5 + t.length);
    data.set(k, 0);
    data.set(t, k.length + 5);
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set([0x69, 0x54, 0x58, 0x74], 4); // "iTXt"
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk, 4, 8 + data.length));
    return chunk;
  });
  const extra = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + extra);
  out.set(png.subarray(0, afterIhdr), 0);
  let at = afterIhdr;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(afterIhdr), at);
  return out;
}

/** The PNG's width and height (IHDR). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  checkSignature(png);
  return { width: u32(png, 16), height: u32(png, 20) };
}

/** Every tEXt and uncompressed iTXt chunk of a PNG, in file order, CRCs checked. */
export function readPngText(png: Uint8Array): Array<[string, string]> {
  checkSignature(png);
  const out: Array<[string, string]> = [];
  const dec = new TextDecoder();
  let at = 8;
  while (at + 12 <= png.length) {
    const len = u32(png, at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const end = at + 8 + len;
    if (end + 4 > png.length) throw new Error(`PNG chunk ${type} at byte ${at} runs past the end of the file`);
    if (crc32(png, at + 4, end) !== u32(png, end)) throw new Error(`PNG chunk ${type} at byte ${at} has a wrong CRC`);
    const data = png.subarray(at + 8, end);
    const nul = data.indexOf(0);
    if (type === 'tEXt' && nul > 0) out.push([latin1(data.subarray(0, nul)), latin1(data.subarray(nul + 1))]);
    if (type === 'iTXt' && nul > 0 && data[nul + 1] === 0) {
      const lang = data.indexOf(0, nul + 3);
      const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
      if (translated >= 0) out.push([latin1(data.subarray(0, nul)), dec.decode(data.subarray(translated + 1))]);
    }
    if (type === 'IEND') break;
    at = end + 4;
  }
  return out;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}
