// Writes the hostile-input corpus (corpus.ts) to OUTDIR: one folder per case holding its files,
// its link (link.txt) when it has one, and case.json (name, what, ending, CLI arguments).
//
//   npx tsx tools/hostile/generate.ts OUTDIR [CASE-NAME...]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hostileCases, type HostileCase } from './corpus';

/** Writes one case under `dir`/name; returns the paths of its files. */
export function writeCase(dir: string, c: HostileCase): string[] {
  const at = join(dir, c.name);
  mkdirSync(at, { recursive: true });
  const paths = c.files().map((f) => {
    const path = join(at, f.name);
    writeFileSync(path, f.bytes);
    return path;
  });
  if (c.browser?.address) writeFileSync(join(at, 'link.txt'), `${c.browser.address}\n`);
  const { files: _files, ...described } = c;
  writeFileSync(join(at, 'case.json'), `${JSON.stringify({ ...described, files: paths.map((p) => p.slice(at.length + 1)) }, null, 2)}\n`);
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, ...only] = process.argv.slice(2);
  if (!out) {
    console.error('usage: npx tsx tools/hostile/generate.ts OUTDIR [CASE-NAME...]');
    process.exit(2);
  }
  const dir = resolve(out);
  let n = 0;
  for (const c of hostileCases()) {
    if (only.length && !only.includes(c.name)) continue;
    writeCase(dir, c);
    n++;
  }
  console.log(`wrote ${n} hostile cases to ${dir}`);
}
