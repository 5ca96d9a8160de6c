// One phase of the load pipeline on one file, in this process: decode (inflate + parse),
// top (the default top table) or tree (the call tree behind the flame graph). Warm-up, then
// best of 3; prints one JSON line. Run by bench/run.ts in a fresh process per phase so the
// peak RSS belongs to this phase (plus the decode it needs first).
//
//   npx tsx bench/cases/pipeline.ts FILE decode|top|tree

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildCallTree } from '../../src/analysis/callTree';
import { mapNodes } from '../../src/analysis/nodes';
import { defaultSampleIndex } from '../../src/analysis/sampleIndex';
import { computeTop } from '../../src/analysis/top';
import { loadBytes, profileForViews } from '../../src/parse/load';

const [file, phase] = process.argv.slice(2) as [string, 'decode' | 'top' | 'tree'];
const input = new Uint8Array(readFileSync(file));

function best(run: () => void): number {
  run(); // warm-up
  let ms = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    run();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

const load = () => loadBytes(input);
let loaded = load();
const profile = () => profileForViews(loaded);
let ms: number;
if (phase === 'decode') {
  ms = best(() => {
    loaded = load();
  });
} else {
  const p = profile();
  const sampleIndex = defaultSampleIndex(p);
  ms =
    phase === 'top'
      ? best(() => computeTop(p, { sampleIndex, granularity: 'functions' }))
      : best(() => buildCallTree(p, mapNodes(p, 'functions'), { sampleIndex }));
}
const bytes = loaded.inflatedSize;
console.log(
  JSON.stringify({
    case: basename(file),
    phase,
    ms: Math.round(ms * 10) / 10,
    mbPerSec: Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10,
    bytes,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
