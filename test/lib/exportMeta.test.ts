// The header an exported chart carries: title, file, sample type and unit, time with its source
// or "time unknown", the refinements as the page shows them, and the version.
import { describe, expect, it } from 'vitest';
import { exportMeta, exportMetaText, utcText } from '../../src/lib/exportMeta';

const base = {
  chart: 'Flame graph',
  fileName: 'leak-a.t2.heap.pb.gz',
  sampleType: { type: 'inuse_space', unit: 'bytes' },
  time: '2026-11-23T02:01:00.000Z',
  timeSource: "the profile's time_nanos",
  refinements: ['focus=timeoutHandler', 'search=mallocgc'],
  version: '0.1.0',
};

describe('exportMeta', () => {
  it('names the chart, file, sample type, time and its source, refinements and version', () => {
    expect(exportMetaText(exportMeta(base))).toEqual([
      'Flame graph — inuse_space',
      'File: leak-a.t2.heap.pb.gz',
      'Sample type: inuse_space (bytes)',
      "Time: 2026-11-23 02:01:00 UTC (the profile's time_nanos)",
      'Refinements: focus=timeoutHandler; search=mallocgc',
      'Drawn by: stackscope 0.1.0',
    ]);
  });

  it('says the time is unknown rather than inventing one, and that nothing is refined', () => {
    const m = exportMeta({ ...base, time: null, refinements: [] });
    expect(m.lines.find((l) => l.label === 'Time')!.value).toBe('time unknown (the file does not say when it was taken)');
    expect(m.lines.find((l) => l.label === 'Refinements')!.value).toBe('none (the whole profile)');
  });

  it('leaves the sample type out of a chart that has none', () => {
    const m = exportMeta({ ...base, chart: 'Wait histogram', sampleType: null });
    expect(m.title).toBe('Wait histogram');
    expect(m.lines.map((l) => l.label)).toEqual(['File', 'Time', 'Refinements', 'Drawn by']);
  });

  it('prints times in UTC, keeping milliseconds the profile carries', () => {
    expect(utcText('2026-11-23T02:01:00.000Z')).toBe('2026-11-23 02:01:00 UTC');
    expect(utcText('2026-11-23T02:01:00.250Z')).toBe('2026-11-23 02:01:00.250 UTC');
  });
});
