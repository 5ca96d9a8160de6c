// Which view changes make a history entry (state/history.ts historyStep): a new view is an entry,
// the same view is none, and typing into the same field within COALESCE_MS updates its entry.

import { describe, expect, it } from 'vitest';
import { COALESCE_MS, changedKeys, historyStep, type Written } from '../../src/state/history';

const at = (query: string, slot: number | null, t: number, changed: string | null = null): Written => ({ slot, n: 1, query, at: t, changed });

describe('historyStep', () => {
  it('the first view of the app is the first entry (after the guard)', () => {
    expect(historyStep(null, 1, '?v=1&tab=top', 0)).toEqual({ step: 'first', changed: null });
  });

  it('the same view writes nothing, whatever the order of the keys or a bare "?"', () => {
    expect(historyStep(at('?v=1&tab=top&type=inuse_space', 1, 0), 1, '?type=inuse_space&v=1&tab=top', 5).step).toBe('none');
    expect(historyStep(at('', 1, 0), 1, '?', 5).step).toBe('none');
  });

  it('a tab, a zoom, a group or another file is a new entry, however quick', () => {
    expect(historyStep(at('?v=1', 1, 0), 1, '?v=1&tab=top', 10)).toEqual({ step: 'push', changed: null });
    expect(historyStep(at('?v=1&tab=top', 1, 0, null), 1, '?v=1', 10).step).toBe('push');
    expect(historyStep(at('?v=1', 1, 0), 1, '?v=1&zoom=main.main&zoom=main.run', 10).step).toBe('push');
    expect(historyStep(at('?v=1&tab=goroutines', 1, 0), 1, '?v=1&tab=goroutines&gstate=chan+send&gsite=x', 10).step).toBe('push');
    expect(historyStep(at('?v=1', 1, 0), 2, '?v=1', 10)).toEqual({ step: 'push', changed: null });
  });

  it('typing: the first key is an entry, the next keys within the window update it, a pause starts a new one', () => {
    let last = at('?v=1&tab=top', 1, 0);
    const keys = ['j', 'js', 'jso', 'json'];
    const steps: string[] = [];
    let t = 5000;
    for (const k of keys) {
      const r = historyStep(last, 1, `?v=1&tab=top&rows=${k}`, t);
      steps.push(r.step);
      last = at(`?v=1&tab=top&rows=${k}`, 1, t, r.changed);
      t += 300;
    }
    expect(steps).toEqual(['push', 'replace', 'replace', 'replace']);
    // After a pause, the same field makes a new entry.
    expect(historyStep(last, 1, '?v=1&tab=top&rows=jsonx', t + COALESCE_MS).step).toBe('push');
    // Another typed field right away is a new entry too.
    expect(historyStep(last, 1, '?v=1&tab=top&rows=json&search=Unmarshal', t).step).toBe('push');
    // A tab change after typing is its own entry.
    expect(historyStep(last, 1, '?v=1&tab=flame&rows=json', t).step).toBe('push');
  });

  it('an entry Back or Forward restored (changed: null) is not updated by the next keys', () => {
    expect(historyStep(at('?v=1&rows=js', 1, 100, null), 1, '?v=1&rows=jso', 200).step).toBe('push');
  });

  it('changedKeys compares every value of repeated keys', () => {
    expect(changedKeys('?zoom=a&zoom=b&tab=flame', '?zoom=a&zoom=c&tab=flame')).toEqual(['zoom']);
    expect(changedKeys('?state=x', '?state=x&state=y&wait=3')).toEqual(['state', 'wait']);
  });
});
