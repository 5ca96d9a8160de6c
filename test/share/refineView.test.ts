// pprof's refinements in the address and in links: keys by pprof's flag names, except -focus,
// which is "pfocus" because "focus" has always been the flame graph's root function.
import { describe, expect, it } from 'vitest';
import { decodeView, defaultPortableView, encodeView, queryToParams, viewToQuery, type PortableView } from '../../src/share/viewCodec';
import { check } from '../../src/share/shape';
import { viewSpec } from '../../src/share/specs';

const refined: PortableView = {
  ...defaultPortableView,
  tab: 'top',
  filter: {
    states: [],
    minWait: 0,
    frame: '',
    focus: 'net/http',
    ignore: 'runtime\\.gopark',
    hide: 'sync',
    show: 'main\\.|http',
    show_from: 'ServeHTTP',
    prune_from: 'runtime\\.mallocgc',
    nodefraction: 0.005,
    edgefraction: 0.001,
    nodecount: 80,
  },
  focus: 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1',
};

describe('refinements in the view codec', () => {
  it('writes pprof flag names, keeps "focus" for the flame root, and round-trips', () => {
    const params = encodeView(refined);
    expect(params).toMatchObject({
      pfocus: 'net/http',
      ignore: 'runtime\\.gopark',
      hide: 'sync',
      show: 'main\\.|http',
      show_from: 'ServeHTTP',
      prune_from: 'runtime\\.mallocgc',
      nodefraction: '0.005',
      edgefraction: '0.001',
      nodecount: '80',
      focus: 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1',
    });
    const q = viewToQuery(params);
    // Only what differs from the defaults travels; the rest stays as the receiver has it.
    expect(decodeView(queryToParams(new URLSearchParams(q.toString()))).view).toEqual({ tab: refined.tab, filter: refined.filter, focus: refined.focus });
  });

  it('an address of before refinements still means what it meant: focus is the flame root', () => {
    const d = decodeView(queryToParams(new URLSearchParams('v=1&tab=flame&focus=main.handler')));
    expect(d.view).toEqual({ tab: 'flame', focus: 'main.handler' });
    expect(d.invalid).toEqual([]);
  });

  it('refuses numbers out of range, naming the key, and keeps the rest', () => {
    const d = decodeView({ v: '1', nodefraction: '2', nodecount: '1.5', ignore: 'x' });
    expect(d.invalid.sort()).toEqual(['nodecount', 'nodefraction']);
    expect(d.view).toEqual({ filter: { states: [], minWait: 0, frame: '', ignore: 'x' } });
  });

  it('a link view with refinements passes the link validator', () => {
    expect(() => check(viewSpec, refined, 'view')).not.toThrow();
  });
});
