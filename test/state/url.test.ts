import { describe, expect, it } from 'vitest';
import { defaultPortableView } from '../../src/share/viewCodec';
import { portableToQuery, queryToView } from '../../src/state/url';

describe('view <-> URL query', () => {
  it('round-trips tab, sample type, granularity, filters and stacking, and keeps ?sample=', () => {
    const view = {
      ...defaultPortableView,
      tab: 'goroutines' as const,
      granularity: 'lines' as const,
      filter: { states: ['chan send', 'IO wait'], minWait: 60, frame: 'DeleteCollection|timeoutHandler' },
      stackBy: 'state' as const,
    };
    const q = portableToQuery({ ...view, sampleType: 'goroutine' }, new URLSearchParams('sample=apiserver-leaks-t2-goroutine-debug2&junk=1'));
    expect(q.get('sample')).toBe('apiserver-leaks-t2-goroutine-debug2');
    expect(q.has('junk')).toBe(false);
    const back = queryToView(new URLSearchParams(q.toString()));
    expect(back.sampleType).toBe('goroutine');
    expect(back.view).toEqual({ tab: 'goroutines', granularity: 'lines', filter: view.filter, stackBy: 'state' });
  });

  it('ignores what it does not know', () => {
    expect(queryToView(new URLSearchParams('tab=<script>&gran=everything&wait=-3&by=x')).view).toEqual({});
  });
});

describe('the address view checked like any input', () => {
  it('leaves out patterns Go would not compile and values the codec refuses, each with its reason', () => {
    const q = new URLSearchParams();
    q.set('frame', '(.|.)*Z');
    q.set('rows', '(a+)+$');
    q.set('ignore', '(');
    q.set('show', 'a(?=b)');
    q.set('wait', '-3');
    q.set('frame', '(.|.)*Z');
    const r = queryToView(q);
    // Pathological for a backtracking engine, linear for RE2: kept as they are.
    expect(r.view.filter?.frame).toBe('(.|.)*Z');
    expect(r.view.topFilter).toBe('(a+)+$');
    expect(r.view.filter && 'ignore' in r.view.filter).toBe(false);
    expect(r.view.filter && 'show' in r.view.filter).toBe(false);
    expect(r.problems).toEqual([
      '"wait" was left out: -3 is below the minimum, 0',
      'the pprof -ignore "(" was left out: error parsing regexp: missing closing ): `(`',
      'the pprof -show "a(?=b)" was left out: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    ]);
  });

  it('says nothing when everything is usable', () => {
    expect(queryToView(new URLSearchParams('frame=DeleteCollection&rows=%5Eruntime')).problems).toBeUndefined();
  });
});
