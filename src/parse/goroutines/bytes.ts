// Small helpers over byte ranges, so the parsers read ASCII structure without making strings.

/** The byte values of an ASCII literal, for prefix checks on hot paths. */
export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Whether buf[start..end) begins with lit. */
export function startsWith(buf: Uint8Array, start: number, end: number, lit: Uint8Array): boolean {
  const n = lit.length;
  if (end - start < n) return false;
  for (let i = 0; i < n; i++) if (buf[start + i] !== lit[i]) return false;
  return true;
}

/** Whether buf[start..end) ends with lit. */
export function endsWith(buf: Uint8Array, start: number, end: number, lit: Uint8Array): boolean {
  const n = lit.length;
  if (end - start < n) return false;
  const from = end - n;
  for (let i = 0; i < n; i++) if (buf[from + i] !== lit[i]) return false;
  return true;
}

/** Whether buf[start..end) is exactly lit. */
export function equalsAscii(buf: Uint8Array, start: number, end: number, lit: Uint8Array): boolean {
  return end - start === lit.length && startsWith(buf, start, end, lit);
}

export function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

export function isHexDigit(b: number): boolean {
  return (b >= 48 && b <= 57) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70);
}

/** Index of the first digit at or after start that is not a digit (start itself when none). */
export function skipDigits(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && isDigit(buf[i]!)) i++;
  return i;
}

/**
 * The decimal number in buf[start..end), which must be all digits. Returns -1 when the range
 * is empty, holds a non-digit, or the value exceeds 2^53 (so no value is silently rounded).
 */
export function parseDecimal(buf: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 16) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v <= Number.MAX_SAFE_INTEGER ? v : -1;
}

/** Index of the last occurrence of byte b in buf[start..end), or -1. */
export function lastIndexOfByte(buf: Uint8Array, b: number, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (buf[i] === b) return i;
  return -1;
}

/** Index of the first occurrence of byte b in buf[start..end), or -1. */
export function indexOfByte(buf: Uint8Array, b: number, start: number, end: number): number {
  for (let i = start; i < end; i++) if (buf[i] === b) return i;
  return -1;
}

/** Index of the first occurrence of lit in buf[start..end), or -1. */
export function indexOfAscii(buf: Uint8Array, lit: Uint8Array, start: number, end: number): number {
  const first = lit[0]!;
  const last = end - lit.length;
  for (let i = start; i <= last; i++) {
    if (buf[i] === first && startsWith(buf, i, end, lit)) return i;
  }
  return -1;
}

const decoder = new TextDecoder('utf-8');

/** The text of buf[start..end) (UTF-8; invalid sequences become U+FFFD). */
export function decodeRange(buf: Uint8Array, start: number, end: number): string {
  return decoder.decode(buf.subarray(start, end));
}
