// Every pattern from a file, a link, the address or a person is Go's RE2: linear time (the
// patterns that make a backtracking engine run for ever finish here), Go's syntax and Go's
// messages. No assertion on time: a pattern that backtracked would not finish at all.
import { describe, expect, it } from 'vitest';
import { compileGoRegexp, MAX_PATTERN_CHARS } from '../../src/lib/goRegexp';
import { compileSearch } from '../../src/lib/search';
import { ProfileBuilder } from '../../src/model/builder';
import { removeUninteresting } from '../../src/model/dropFrames';
import { orderRows } from '../../src/analysis/topOrder';
import { computeTop } from '../../src/analysis/top';
import { mapNodes } from '../../src/analysis/nodes';
import { compileSkipList } from '../../src/analysis/blockingSite';
import { filterSamples } from '../../src/analysis/sampleFilter';

const ok = (p: string) => {
  const c = compileGoRegexp(p);
  if (!c.ok) throw new Error(c.error);
  return c.re;
};

describe('Go regular expressions (RE2)', () => {
  it('match the patterns that stall a backtracking engine, on long input', () => {
    expect(ok('(a+)+$').test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(ok('(a+)+!$').test(`${'a'.repeat(40)}!`)).toBe(true);
    expect(ok('^(a+)+$').test(`${'a'.repeat(10_000)}!`)).toBe(false);
    expect(ok('(.|.)*Z').test('x'.repeat(200_000))).toBe(false);
    expect(ok('(x+x+)+y').test('x'.repeat(50_000))).toBe(false);
  });

  it("read Go's syntax: flag groups, (?P<name>), \\z, Unicode classes", () => {
    expect(ok('(?i)^get$').test('GET')).toBe(true);
    expect(ok('(?P<verb>GET|PUT) /').test('PUT /x')).toBe(true);
    expect(ok('a\\z').test('a\n')).toBe(false);
    expect(ok('^\\pL+$').test('héllo')).toBe(true);
  });

  it("refuse what RE2 refuses, in Go's words", () => {
    const bad = (p: string) => {
      const c = compileGoRegexp(p);
      return c.ok ? 'compiled' : c.error;
    };
    expect(bad('a(')).toBe('error parsing regexp: missing closing ): `a(`');
    expect(bad('(a)\\1')).toMatch(/^error parsing regexp: invalid escape sequence/);
    expect(bad('x(?=y)')).toMatch(/^error parsing regexp: /);
    expect(bad('a'.repeat(MAX_PATTERN_CHARS + 1))).toMatch(/over the 4,096 this tool takes/);
  });

  it('a profile whose drop_frames is (a+)+$ loads (as pprof does), frames matched as Go matches them', () => {
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    const long = 'a'.repeat(40);
    const f = b.addFunction(b.intern(`${long}!`), 0, 0);
    const g = b.addFunction(b.intern('main.main'), 0, 0);
    const h = b.addFunction(b.intern('aaaa'), 0, 0);
    b.pushFrame(b.frame(h, 1));
    b.pushFrame(b.frame(f, 1));
    b.pushFrame(b.frame(g, 1));
    b.endSample([1]);
    const p = b.build();
    p.dropFrames = '(a+)+$';
    const out = removeUninteresting(p);
    // ^((a+)+$)$ matches "aaaa" only: the frame and what is below it (the leaf) go.
    const names = [...out.samples.stack].map((l) => out.strings[out.functions.name[out.lines.func[out.locations.lineStart[l]!]!]!]);
    expect(names).toEqual([`${long}!`, 'main.main']);
  });

  it('every user pattern goes through RE2: search, skip list, frame filter, top rows', () => {
    expect(compileSearch('(.|.)*Z', true).ok).toBe(true);
    expect(compileSkipList(['(a+)+$', 'x(']).errors).toEqual(['x(: error parsing regexp: missing closing ): `x(`']);
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    for (let i = 0; i < 2000; i++) {
      b.pushFrame(b.frame(b.addFunction(b.intern(`pkg${i}.${'a'.repeat(30)}`), 0, 0), 1));
      b.endSample([i + 1]);
    }
    const p = b.build();
    const r = filterSamples(p, { states: [], minWait: 0, frame: '(a+)+$Z' });
    expect(r.ok && r.kept).toBe(0);
    const top = computeTop(p, { sampleIndex: 0, granularity: 'functions', nodeFraction: 0, edgeFraction: 0, nodeCount: 0 }, mapNodes(p, 'functions'));
    const order = orderRows(top, '(.|.)*Z', null);
    expect(order.error).toBeNull();
    expect(order.rows.length).toBe(0);
    expect(orderRows(top, 'pkg19\\d\\.', { key: 'flat', desc: true }).rows.length).toBe(10);
  });
});
