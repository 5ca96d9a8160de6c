// Archives to the files they hold: .zip (fflate), .tar and .tar.gz/.tgz (nanotar, after our
// capped gunzip). A pure function from bytes to members, run in the worker and the CLI alike.
// Members are sniffed by content (never by name): profiles and dumps are kept, every other
// member is listed as skipped with the reason. Caps apply per member and in total.

import { Gunzip, unzipSync } from 'fflate';
import { parseTar } from 'nanotar';
import { ParseError } from '../model/errors';
import { gunzip, isGzip } from './inflate';
import { knownNonProfile } from './nonProfile';
import { sniffGoroutineText } from './goroutines';
import { looksLikeProfileProto } from './pprof';
import { sniffLegacy } from './pprof/legacy';

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz';

export interface ArchiveMember {
  /** The path inside the archive, folders kept ("masters/m1/goroutine.txt"). */
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface Unpacked {
  kind: ArchiveKind;
  members: ArchiveMember[];
  skipped: Array<{ name: string; reason: string }>;
}

export interface ArchiveCaps {
  /** Largest member, after decompression. */
  maxMemberBytes: number;
  /** All members together, after decompression (and the tar itself, for a .tar.gz). */
  maxTotalBytes: number;
}

/** The single-file cap (inflate.ts) for a member and for all of them together. */
export const DEFAULT_ARCHIVE_CAPS: ArchiveCaps = { maxMemberBytes: 1 << 30, maxTotalBytes: 1 << 30 };

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** POSIX ustar and GNU tar both write "ustar" at offset 257 of each header. */
function isTar(b: Uint8Array): boolean {
  return b.length >= 512 && b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72;
}

/** The first bytes a gzip stream inflates to (at most `want`), without inflating the rest. */
function gunzipHead(bytes: Uint8Array, want: number): Uint8Array {
  const out = new Uint8Array(want);
  let have = 0;
  const g = new Gunzip((chunk) => {
    const n = Math.min(chunk.length, want - have);
    out.set(chunk.subarray(0, n), have);
    have += n;
  });
  try {
    for (let i = 0; i < bytes.length && have < want; i += 4096) g.push(bytes.subarray(i, Math.min(bytes.length, i + 4096)));
  } catch {
    // A corrupt stream is not an archive here; loadProfile says what is wrong with it.
  }
  return out.subarray(0, have);
}

/** Which archive the bytes are, from their content; null for anything else (a gzipped profile too). */
export function sniffArchive(bytes: Uint8Array): ArchiveKind | null {
  if (isZip(bytes)) return 'zip';
  if (isTar(bytes)) return 'tar';
  if (isGzip(bytes) && isTar(gunzipHead(bytes, 512))) return 'tar.gz';
  return null;
}

function describeStart(b: Uint8Array): string {
  return [...b.subarray(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
}

/** Why a member is not opened, or null when its content is a profile or dump (gzipped or not). */
export function memberSkipReason(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty';
  if (isGzip(bytes)) return null;
  if (isZip(bytes) || isTar(bytes)) return 'an archive inside the archive (unpack it and open its files)';
  const other = knownNonProfile(bytes);
  if (other) return other;
  if (sniffLegacy(bytes) || sniffGoroutineText(bytes) || looksLikeProfileProto(bytes)) return null;
  return `not a pprof profile or a Go goroutine dump: it starts with ${describeStart(bytes)}`;
}

function formatBytes(n: number): string {
  return n >= 1 << 30 ? `${n / (1 << 30)} GiB` : n >= 1 << 20 ? `${n / (1 << 20)} MiB` : `${n} bytes`;
}

function capCheck(name: string, size: number, total: number, caps: ArchiveCaps, where: string): void {
  if (size > caps.maxMemberBytes) {
    throw new ParseError('limit', `${where}: member "${name}" is ${size} bytes, over the ${formatBytes(caps.maxMemberBytes)} cap per member; the archive was not opened`);
  }
  if (total + size > caps.maxTotalBytes) {
    throw new ParseError('limit', `${where}: the members up to "${name}" hold more than the ${formatBytes(caps.maxTotalBytes)} cap in total; the archive was not opened`);
  }
}

function unzip(bytes: Uint8Array, caps: ArchiveCaps, out: Unpacked): void {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    // fflate inflates each member into a buffer of its declared size, so the declared sizes are
    // what the caps are checked against before any member is inflated.
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('/')) return false;
        capCheck(f.name, f.originalSize, total, caps, 'zip');
        total += f.originalSize;
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ParseError) throw e;
    throw new ParseError('malformed', `the zip archive cannot be read: ${(e as Error).message}`);
  }
  for (const [name, data] of Object.entries(files)) push(out, name, data);
}

function push(out: Unpacked, name: string, data: Uint8Array): void {
  const reason = memberSkipReason(data);
  if (reason) out.skipped.push({ name, reason });
  else out.members.push({ name, bytes: data.slice() });
}

function untar(bytes: Uint8Array, caps: ArchiveCaps, out: Unpacked, label: string): void {
  // nanotar reads `data.buffer` from offset 0, so it gets a buffer of its own.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  let total = 0;
  let items;
  try {
    items = parseTar(own, {
      filter: (f) => {
        if (f.type !== 'file' && f.type !== 'contiguousFile') {
          if (f.type !== 'directory') out.skipped.push({ name: f.name, reason: `a ${f.type ?? 'special'} entry, not a file` });
          return false;
        }
        capCheck(f.name, f.size, total, caps, label);
        total += f.size;
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ParseError) throw e;
    // A member whose data runs past the end: the archive was cut.
    throw new ParseError('malformed', `the ${label} archive is cut or corrupt (${bytes.length} bytes): ${(e as Error).message}`);
  }
  for (const item of items) push(out, item.name, item.data ?? new Uint8Array(0));
}

/**
 * Unpacks an archive that sniffArchive named. Throws ParseError: 'limit' past a cap (naming the
 * member), 'malformed' when the archive cannot be read.
 */
export async function unpackArchive(bytes: Uint8Array, kind: ArchiveKind, caps: ArchiveCaps = DEFAULT_ARCHIVE_CAPS): Promise<Unpacked> {
  const out: Unpacked = { kind, members: [], skipped: [] };
  if (kind === 'zip') unzip(bytes, caps, out);
  else if (kind === 'tar') untar(bytes, caps, out, 'tar');
  else untar(await gunzip(bytes, { maxBytes: caps.maxTotalBytes }), caps, out, 'tar.gz');
  return out;
}
