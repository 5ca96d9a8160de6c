// A view from an address or a link: its patterns checked as Go RE2, and what it would change said
// in the words of the question the page asks before applying it to another file.
import { describe, expect, it } from 'vitest';
import { checkViewPatterns, describeView } from '../../src/share/viewCheck';
import { defaultPortableView } from '../../src/share/viewCodec';

describe('checkViewPatterns', () => {
  it('keeps valid patterns, however slow they would be for a backtracking engine, and the rest of the view', () => {
    const view = { tab: 'top' as const, topFilter: '(.|.)*Z', filter: { states: ['chan send'], minWait: 2, frame: '(a+)+$', hide: 'runtime\\.' } };
    expect(checkViewPatterns(view)).toEqual({ view, problems: [] });
  });

  it('leaves out each pattern that does not compile, naming the field and Go\'s error, and touches nothing else', () => {
    const r = checkViewPatterns({ topFilter: '[', search: '(', filter: { states: [], minWait: 0, frame: '(', prune_from: 'x{2,1}' } });
    expect(r.view).toEqual({ search: '(', filter: { states: [], minWait: 0, frame: '' } });
    expect(r.problems).toEqual([
      'the frame filter "(" was left out: error parsing regexp: missing closing ): `(`',
      'the pprof -prune_from "x{2,1}" was left out: error parsing regexp: invalid repeat count: `{2,1}`',
      'the top-table filter "[" was left out: error parsing regexp: missing closing ]: `[`',
    ]);
  });

  it('refuses a pattern past the length cap without compiling it', () => {
    const r = checkViewPatterns({ topFilter: 'a'.repeat(5000) });
    expect(r.view).toEqual({});
    expect(r.problems[0]).toMatch(/^the top-table filter "a{79}…" was left out: error parsing regexp: the expression is 5,000 characters long/);
  });
});

describe('describeView', () => {
  it('an empty view changes nothing', () => {
    expect(describeView({})).toEqual([]);
  });

  it('names filters first, quoted and clipped, then where the view looks', () => {
    expect(
      describeView(
        {
          ...defaultPortableView,
          tab: 'top',
          filter: { states: ['chan send'], minWait: 1, frame: '(.|.)*Z', tagfocus: 'verb=LIST', nodecount: 80 },
          topFilter: 'x'.repeat(100),
          group: { state: 'chan send', site: 'net/http.(*conn).serve' },
        },
        'inuse_space',
      ),
    ).toEqual([
      'frame filter "(.|.)*Z"',
      'states "chan send"',
      'waiting at least 1 minute',
      'pprof -tagfocus "verb=LIST"',
      'nodecount 80',
      `top-table filter "${'x'.repeat(79)}…"`,
      'sample type "inuse_space"',
      'goroutine group in chan send at "net/http.(*conn).serve"',
      'the top table tab',
    ]);
  });
});
