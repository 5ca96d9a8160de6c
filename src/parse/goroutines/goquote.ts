// Go's %q strings (strconv.Quote) read back from bytes, as runtime/pprof prints label maps:
// `{"key":"value", "k2":"v2"}`.

import { isHexDigit } from './bytes';

const decoder = new TextDecoder('utf-8');

/**
 * The double-quoted Go string starting at buf[s] (which must be '"'): its bytes are
 * appended to out, and the index after the closing quote is returned; -1 when malformed.
 */
export function unquoteGo(buf: Uint8Array, s: number, e: number, out: number[]): number {
  if (buf[s] !== 34) return -1;
  let i = s + 1;
  while (i < e) {
    const c = buf[i]!;
    if (c === 34) return i + 1;
    if (c !== 92) {
      out.push(c);
      i++;
      continue;
    }
    if (i + 1 >= e) return -1;
    const x = buf[i + 1]!;
    i += 2;
    switch (x) {
      case 97: out.push(7); break; // \a
      case 98: out.push(8); break; // \b
      case 102: out.push(12); break; // \f
      case 110: out.push(10); break; // \n
      case 114: out.push(13); break; // \r
      case 116: out.push(9); break; // \t
      case 118: out.push(11); break; // \v
      case 92: out.push(92); break;
      case 34: out.push(34); break;
      case 39: out.push(39); break;
      case 120: { // \xHH: one byte
        const v = hexValue(buf, i, 2, e);
        if (v < 0) return -1;
        out.push(v);
        i += 2;
        break;
      }
      case 117: case 85: { // \uHHHH, \UHHHHHHHH: a code point, as UTF-8
        const n = x === 117 ? 4 : 8;
        const v = hexValue(buf, i, n, e);
        if (v < 0 || v > 0x10ffff) return -1;
        pushUtf8(out, v);
        i += n;
        break;
      }
      default:
        if (x >= 48 && x <= 55) { // \ooo: one byte in octal
          if (i + 1 >= e) return -1;
          const a = x - 48;
          const b = buf[i]! - 48;
          const c2 = buf[i + 1]! - 48;
          if (b < 0 || b > 7 || c2 < 0 || c2 > 7) return -1;
          const v = a * 64 + b * 8 + c2;
          if (v > 255) return -1;
          out.push(v);
          i += 2;
          break;
        }
        return -1;
    }
  }
  return -1;
}

export function utf8String(bytes: number[]): string {
  return decoder.decode(Uint8Array.from(bytes));
}

function hexValue(buf: Uint8Array, s: number, n: number, e: number): number {
  if (s + n > e) return -1;
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const c = buf[i]!;
    if (!isHexDigit(c)) return -1;
    v = v * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return v;
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}
