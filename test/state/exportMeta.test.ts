// The refinements an exported chart and the report list are the chips the page shows, and the
// report's Markdown describes the view the way an exported chart's header does.
import { describe, expect, it } from 'vitest';
import { chipsOf } from '../../src/components/refine/FilterChips';
import { filterTexts, refinementTexts } from '../../src/state/exportMeta';
import { reportMarkdown, reportViewMeta } from '../../src/state/report';
import type { SampleFilter } from '../../src/state/types';
import { examplePayload } from '../share/examples';
import { appVersion } from '../../src/lib/version';

const every: SampleFilter = {
  states: ['chan send', 'select'],
  minWait: 5,
  frame: 'timeout',
  focus: 'ServeHTTP',
  ignore: 'runtime',
  hide: 'fmt',
  show: 'k8s',
  show_from: 'Handler',
  prune_from: 'json',
  tagfocus: 'verb=LIST',
  tagignore: 'scope=cluster',
  nodefraction: 0.01,
  edgefraction: 0.002,
  nodecount: 50,
};

describe('refinement texts', () => {
  it('are the "Active filters" chips, word for word and in order', () => {
    expect(filterTexts(every)).toEqual(chipsOf(every).map((c) => c.text));
    expect(filterTexts({ states: [], minWait: 0, frame: '' })).toEqual([]);
  });

  it('add the flame graph\'s own focus, sandwich, zoom and search for the flame graph only', () => {
    const v = { filter: { states: [], minWait: 0, frame: '', ignore: 'runtime' }, focus: 'encoding/json.Unmarshal', zoomPath: ['main', 'net/http.(*conn).serve'], search: 'json', searchRegex: true, sandwich: 'reflect.Value.Call' };
    expect(refinementTexts(v, true)).toEqual(['ignore=runtime', 'Focus: encoding/json.Unmarshal', 'Sandwich: reflect.Value.Call', 'zoom=net/http.(*conn).serve', 'search=/json/']);
    expect(refinementTexts(v, false)).toEqual(['ignore=runtime']);
  });
});

describe('the report\'s view', () => {
  it('says what an exported chart of it would: title, file, type, time, refinements, version', () => {
    const p = examplePayload();
    expect(appVersion).toMatch(/^\d+\.\d+\.\d+/);
    const meta = reportViewMeta(p);
    expect(meta.title).toBe('Flame graph — inuse_space');
    const md = reportMarkdown(p);
    expect(md).toContain(
      [
        '## View',
        '',
        '- Chart: Flame graph — inuse_space',
        '- File: kas-prod-eu1.heap.pb.gz',
        '- Sample type: inuse_space (bytes)',
        "- Time: 2026-11-23 02:01:00 UTC (the profile's time_nanos)",
        '- Refinements: state=chan send; wait≥5 min; frame=timeout\\|DeleteCollection; Focus: encoding/json.Unmarshal; zoom=encoding/json.Unmarshal; search=json',
        `- Drawn by: stackscope ${appVersion}`,
      ].join('\n'),
    );
  });

  it('says "time unknown" for a file without a time', () => {
    const p = examplePayload();
    p.profile.time = null;
    expect(reportMarkdown(p)).toContain('- Time: time unknown (the file does not say when it was taken)');
  });
});
