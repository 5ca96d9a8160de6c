// The text of a PDF that Chromium printed, for tests: pdftotext (Debian's poppler-utils) when
// it is installed, else a small reader of what Skia writes: FlateDecode streams, Type0 fonts
// whose ToUnicode CMaps turn 2-byte glyph codes back into text, and Tj/TJ text operators.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

function pdftotext(pdf: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'stackscope-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null; // not installed
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    // A stream's bytes are skipped by its /Length: compressed data may hold "endobj".
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (endAt < 0) break;
    let dict = text.slice(start, endAt);
    let stream: Buffer | null = null;
    let next = endAt;
    const length = /\/Length (\d+)\b(?! \d+ R)/.exec(text.slice(start, streamAt >= 0 ? streamAt : start));
    if (streamAt >= 0 && streamAt < endAt && length) {
      dict = text.slice(start, streamAt);
      let from = streamAt + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const raw = pdf.subarray(from, from + Number(length[1]));
      try {
        stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      } catch {
        stream = raw;
      }
      next = text.indexOf('endobj', from + raw.length);
      if (next < 0) break;
    }
    objects.set(Number(m[1]), { dict, stream });
    re.lastIndex = next;
  }
  return objects;
}

const utf16 = (hex: string) => {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

/** A ToUnicode CMap: glyph code (hex, upper case) to text. */
function readCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(src!.toUpperCase(), utf16(dst!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const from = parseInt(lo!, 16);
      const to = parseInt(hi!, 16);
      const width = lo!.length;
      const list = dst!.startsWith('[') ? [...dst!.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => utf16(x[1]!)) : null;
      const base = list ? 0 : parseInt(dst!.slice(1, -1), 16);
      for (let c = from; c <= to && c - from < 65536; c++) {
        const key = c.toString(16).toUpperCase().padStart(width, '0');
        map.set(key, list ? (list[c - from] ?? '') : String.fromCharCode(base + c - from));
      }
    }
  }
  return map;
}

function skiaText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  // Font resource names ("/F4") to their ToUnicode maps.
  const cmaps = new Map<number, Map<string, string>>();
  const fontMap = (id: number) => {
    if (!cmaps.has(id)) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(id)?.dict ?? '');
      const stream = ref ? objects.get(Number(ref[1]))?.stream : null;
      cmaps.set(id, stream ? readCMap(stream.toString('latin1')) : new Map());
    }
    return cmaps.get(id)!;
  };
  const fontsByName = new Map<string, number>();
  for (const o of objects.values()) {
    for (const fonts of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const [, name, id] of fonts[1]!.matchAll(/\/([\w.-]+)\s+(\d+) 0 R/g)) fontsByName.set(name!, Number(id));
    }
  }
  const out: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || /\/Length1|\/Subtype\s*\/Image/.test(o.dict)) continue;
    const content = o.stream.toString('latin1');
    if (!/\bT[fjJ]\b/.test(content)) continue;
    let map = new Map<string, string>();
    const ops = /\/([\w.-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\b(Td|TD|Tm|T\*|ET)\b/g;
    for (const m of content.matchAll(ops)) {
      if (m[1]) map = fontMap(fontsByName.get(m[1]) ?? -1);
      else if (m[2] !== undefined || m[3] !== undefined) {
        const hexes = m[3] !== undefined ? [m[3]] : [...m[2]!.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]!);
        for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) out.push(map.get(hex.slice(i, i + 4).toUpperCase()) ?? '');
      } else out.push(m[4] === 'ET' ? '\n' : ' ');
    }
  }
  return out.join('');
}

/** The PDF's text; whitespace between runs is approximate (search with collapsed spaces). */
export function pdfText(pdf: Buffer): string {
  return pdftotext(pdf) ?? skiaText(pdf);
}

export { skiaText as pdfTextWithoutPoppler };
