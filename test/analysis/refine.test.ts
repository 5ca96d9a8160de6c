// pprof's refinements on small stacks, each as pprof's own documentation states it
// (profile/filter.go ShowFrom, profile/prune.go PruneFrom, FilterSamplesByName). The oracle
// comparison over real profiles is test/cli/refine.test.ts.
import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../src/model/builder';
import type { Profile } from '../../src/model/profile';
import { compileRefinement, refineProfile, simplifyFunc, type Refinements } from '../../src/analysis/refine';

/** A profile of these stacks (function names, leaf first), each sample valued 1. */
function profileOf(stacks: string[][]): Profile {
  const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
  const fns = new Map<string, number>();
  for (const stack of stacks) {
    for (const name of stack) {
      if (!fns.has(name)) fns.set(name, b.addFunction(b.intern(name), 0, b.intern('x.go')));
      b.pushFrame(b.frame(fns.get(name)!, 1));
    }
    b.endSample([1]);
  }
  return b.build();
}

/** Each sample's function names, leaf first, or null when the sample was dropped. */
function stacksAfter(stacks: string[][], r: Refinements): Array<string[] | null> {
  const res = refineProfile(profileOf(stacks), r);
  if (!res.ok) throw new Error(res.error);
  const p = res.profile;
  const out: Array<string[] | null> = [];
  for (let s = 0; s < p.samples.length; s++) {
    if (!res.keep[s]) {
      expect(p.samples.values[0]![s]).toBe(0);
      out.push(null);
      continue;
    }
    const names: string[] = [];
    for (let i = p.samples.stackStart[s]!; i < p.samples.stackStart[s + 1]!; i++) {
      const l = p.samples.stack[i]!;
      for (let j = p.locations.lineStart[l]!; j < p.locations.lineStart[l + 1]!; j++) names.push(p.strings[p.functions.name[p.lines.func[j]!]!]!);
    }
    out.push(names);
  }
  return out;
}

describe("pprof's refinements", () => {
  // ShowFrom's documentation: frames [A, B, C, B] with A the root (leaf first: B C B A).
  it('show_from keeps frames from the rootmost match down, and drops samples without one', () => {
    const s = [['B', 'C', 'B', 'A']];
    expect(stacksAfter(s, { show_from: '^A$' })).toEqual([['B', 'C', 'B', 'A']]);
    expect(stacksAfter(s, { show_from: '^B$' })).toEqual([['B', 'C', 'B']]);
    expect(stacksAfter(s, { show_from: '^C$' })).toEqual([['B', 'C']]);
    expect(stacksAfter(s, { show_from: '^D$' })).toEqual([null]);
  });

  // PruneFrom's documentation: Location [A, B, C, B, D], A the leaf.
  it('prune_from drops the frames beneath the leafmost match', () => {
    const s = [['A', 'B', 'C', 'B', 'D']];
    expect(stacksAfter(s, { prune_from: '^A$' })).toEqual([['A', 'B', 'C', 'B', 'D']]);
    expect(stacksAfter(s, { prune_from: '^B$' })).toEqual([['B', 'C', 'B', 'D']]);
  });

  it('focus keeps samples through a match unless ignore matches a frame of them', () => {
    const s = [['a', 'main'], ['b', 'main'], ['a', 'x', 'main']];
    expect(stacksAfter(s, { focus: '^a$' })).toEqual([['a', 'main'], null, ['a', 'x', 'main']]);
    expect(stacksAfter(s, { focus: '^a$', ignore: '^x$' })).toEqual([['a', 'main'], null, null]);
  });

  it('hide removes matching frames, show keeps only them; a sample left with none is dropped', () => {
    const s = [['a', 'b', 'main'], ['b']];
    expect(stacksAfter(s, { hide: '^b$' })).toEqual([['a', 'main'], null]);
    expect(stacksAfter(s, { show: '^(a|main)$' })).toEqual([['a', 'main'], null]);
  });

  it('prune_from matches the name up to its first "(", as pprof simplifies it', () => {
    expect(simplifyFunc('net/http.(*conn).serve')).toBe('net/http.');
    expect(simplifyFunc('ns::(anonymous namespace)::f(int)')).toBe('ns::(anonymous namespace)::f');
    expect(simplifyFunc('.main.f')).toBe('main.f');
  });

  it('a bad regular expression is pprof\'s message naming the option; a leading (?i) ignores case', () => {
    const r = compileRefinement('show_from', 'a(');
    expect(r.ok).toBe(false);
    // Go's own words: `go tool pprof -show_from='a('` says exactly this.
    expect(!r.ok && r.error).toBe('parsing show_from regexp: error parsing regexp: missing closing ): `a(`');
    expect(stacksAfter([['Main']], { focus: '(?i)^main$' })).toEqual([['Main']]);
  });
});
