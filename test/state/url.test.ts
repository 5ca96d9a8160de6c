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
