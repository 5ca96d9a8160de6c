import { describe, expect, it } from 'vitest';
import {
  VIEW_CODEC_VERSION,
  decodeView,
  defaultPortableView,
  encodeView,
  queryToParams,
  viewToQuery,
  type PortableView,
} from '../../src/share/viewCodec';

const full: PortableView = {
  tab: 'goroutines',
  sampleType: 'goroutine',
  granularity: 'lines',
  filter: { states: ['chan send', 'IO wait'], minWait: 60, frame: 'DeleteCollection|timeoutHandler', tagfocus: 'verb=LIST,DELETECOLLECTION', tagignore: 'bytes=:64kb' },
  focus: 'k8s.io/apiserver/pkg/endpoints/handlers.ListResource.func1',
  zoomPath: ['net/http.(*conn).serve', 'net/http.serverHandler.ServeHTTP'],
  group: { state: 'chan send', site: 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1', label: 'DELETECOLLECTION' },
  search: 'json|Unmarshal',
  topFilter: '^runtime\\.',
  stackBy: 'state',
  groupBy: 'verb',
  sandwich: 'k8s.io/apiserver/pkg/storage/cacher.(*Cacher).GetList',
};

describe('the view codec: named keys, a version, upgraders', () => {
  it('round-trips every field through the query and through JSON', () => {
    const params = encodeView(full);
    expect(params.v).toBe(String(VIEW_CODEC_VERSION));
    expect(decodeView(params)).toEqual({ view: full, invalid: [], problems: {}, unknown: [] });
    const q = viewToQuery(params);
    expect(decodeView(queryToParams(new URLSearchParams(q.toString()))).view).toEqual(full);
    expect(decodeView(JSON.parse(JSON.stringify(params)) as typeof params).view).toEqual(full);
  });

  it('writes only what differs from the defaults, under readable names', () => {
    expect(encodeView(defaultPortableView)).toEqual({ v: '1' });
    const q = viewToQuery(encodeView({ ...defaultPortableView, tab: 'top', filter: { states: ['chan send'], minWait: 5, frame: 'x' } }));
    expect(q.toString()).toBe('v=1&tab=top&state=chan+send&wait=5&frame=x');
  });

  it('reads the query of before versions (v0: tab, type, gran, state, wait, frame, by)', () => {
    const old = new URLSearchParams('tab=goroutines&type=goroutine&gran=lines&state=chan+send&state=IO+wait&wait=60&frame=Delete&by=state');
    expect(decodeView(queryToParams(old))).toEqual({
      view: {
        tab: 'goroutines',
        sampleType: 'goroutine',
        granularity: 'lines',
        filter: { states: ['chan send', 'IO wait'], minWait: 60, frame: 'Delete' },
        stackBy: 'state',
      },
      invalid: [],
      problems: {},
      unknown: [],
    });
  });

  it('leaves out and names what it cannot read; keys of a newer version are skipped, not refused', () => {
    const d = decodeView({ v: '1', tab: '<script>', gran: 'everything', wait: '-3', by: 'x', zoom: [], newKey: 'y', gsite: 'a.F' });
    expect(d.view).toEqual({ zoomPath: [], group: { state: '', site: 'a.F' } });
    expect(d.invalid.sort()).toEqual(['by', 'gran', 'tab', 'wait']);
    expect(d.problems.tab).toBe('expected one of goroutines, flame, top, graph, got "<script>"');
    expect(d.problems.wait).toBe('-3 is below the minimum, 0');
    expect(decodeView({ v: '1', wait: 'soon' }).problems.wait).toBe('expected a number, got "soon"');
    expect(d.unknown).toEqual(['newKey']);
    expect(decodeView({ v: '1', gstate: 'chan send' }).view).toEqual({ group: { state: 'chan send', site: '' } });
    expect(decodeView({ v: '99', tab: 'top', later: '1' }).view).toEqual({ tab: 'top' });
    expect(decodeView({ v: 'x' }).invalid).toEqual(['v']);
  });

  it('caps every dimension', () => {
    const long = 'x'.repeat(5000);
    expect(decodeView({ v: '1', frame: long, search: long, focus: long }).invalid.sort()).toEqual(['focus', 'frame', 'search']);
    expect(decodeView({ v: '1', state: Array.from({ length: 65 }, (_, i) => `s${i}`) }).invalid).toEqual(['state']);
    expect(decodeView({ v: '1', zoom: Array.from({ length: 1025 }, () => 'f') }).invalid).toEqual(['zoom']);
    expect(decodeView({ v: '1', wait: '1e400' }).invalid).toEqual(['wait']);
  });
});

describe('a field added to the link view description', () => {
  it('is at once a query key and a link key under its own name, old forms read without it', async () => {
    const specs = await import('../../src/share/specs');
    const { futureSpecs } = await import('./future');
    const { view } = futureSpecs(specs);
    const withTheme = { ...full, theme: 'dark' } as PortableView;
    const params = encodeView(withTheme, view);
    expect(params.theme).toBe('dark');
    expect(decodeView(queryToParams(viewToQuery(params), view), view).view).toEqual({ ...full, theme: 'dark' });
    // Today's description does not know the key: skipped and named, never an error.
    expect(decodeView(params)).toMatchObject({ view: full, invalid: [], unknown: ['theme'] });
  });
});
