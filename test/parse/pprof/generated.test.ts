// The benchmark's generated heap profile is what it claims to be: deterministic, a Go heap
// profile's header, distinct stacks of the asked depth, inlined lines, runtime allocators at
// the leaves, the "bytes" label on every sample and a few string labels.
import { describe, expect, it } from 'vitest';
import { generateHeapProfile } from '../../../bench/gen/heap-profile';
import { inflateGzip } from '../../../src/parse/inflate';
import { decodeProfile } from '../../../src/parse/pprof';
import { validateProfile } from './validate';

describe('generateHeapProfile', () => {
  const opts = { stacks: 2000, minDepth: 10, maxDepth: 60, seed: 3 };
  const gz = generateHeapProfile(opts);
  const p = decodeProfile(inflateGzip(gz));

  it('is deterministic for a seed', () => {
    expect(Buffer.from(generateHeapProfile(opts)).equals(Buffer.from(gz))).toBe(true);
    expect(Buffer.from(generateHeapProfile({ ...opts, seed: 4 })).equals(Buffer.from(gz))).toBe(false);
  });

  it('has the header of a Go heap profile', () => {
    expect(validateProfile(p)).toEqual([]);
    expect(p.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual([
      'alloc_objects/count',
      'alloc_space/bytes',
      'inuse_objects/count',
      'inuse_space/bytes',
    ]);
    expect(p.periodType).toEqual({ type: 'space', unit: 'bytes' });
    expect(p.period).toBe(524288);
    expect(p.timeNanos).toBe(1700000000123456789n);
    expect(p.mappings).toHaveLength(1);
    expect(p.mappings[0]!.file).toBe('/usr/local/bin/kube-apiserver');
  });

  it('has the asked number of distinct stacks, each of the asked depth in frames', () => {
    const s = p.samples;
    expect(s.length).toBe(opts.stacks);
    const keys = new Set<string>();
    for (let i = 0; i < s.length; i++) {
      const depth = s.stackStart[i + 1]! - s.stackStart[i]!;
      expect(depth).toBeGreaterThanOrEqual(opts.minDepth);
      expect(depth).toBeLessThanOrEqual(opts.maxDepth);
      keys.add(s.stack.subarray(s.stackStart[i]!, s.stackStart[i + 1]!).join(','));
    }
    expect(keys.size).toBe(opts.stacks);
  });

  it('has Go names, inlined lines, runtime allocators at the leaves, and labels', () => {
    const name = (loc: number) => p.strings[p.functions.name[p.lines.func[p.locations.lineStart[loc]!]!]!]!;
    let runtimeLeaves = 0;
    let closures = 0;
    for (let i = 0; i < p.samples.length; i++) {
      if (name(p.samples.stack[p.samples.stackStart[i]!]!).startsWith('runtime.')) runtimeLeaves++;
      const root = p.samples.stack[p.samples.stackStart[i + 1]! - 1]!;
      expect(name(root)).toBe('runtime.goexit');
    }
    for (let f = 0; f < p.functions.length; f++) if (/\.func\d$/.test(p.strings[p.functions.name[f]!]!)) closures++;
    expect(runtimeLeaves / p.samples.length).toBeGreaterThan(0.5);
    expect(closures).toBeGreaterThan(100);
    expect(p.functions.length).toBeGreaterThan(3000);
    expect(p.strings.some((s) => s.startsWith('k8s.io/apiserver/pkg/') && s.includes('(*'))).toBe(true);

    let inlined = 0;
    for (let l = 0; l < p.locations.length; l++) {
      const n = p.locations.lineStart[l + 1]! - p.locations.lineStart[l]!;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
      if (n > 1) inlined++;
    }
    expect(inlined).toBeGreaterThan(0);

    const keyName = (k: number) => p.strings[p.labels.key[k]!];
    let bytesLabels = 0;
    let stringLabels = 0;
    for (let k = 0; k < p.labels.length; k++) {
      if (keyName(k) === 'bytes') bytesLabels++;
      if (p.labels.str[k]! > 0) stringLabels++;
    }
    expect(bytesLabels).toBe(p.samples.length);
    expect(stringLabels).toBeGreaterThan(0);
    expect(stringLabels).toBeLessThan(p.samples.length / 20);
  });
});
