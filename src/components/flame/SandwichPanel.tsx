// The sandwich of one function: its callers above (a flame graph rooted at the function that
// grows towards the callers), the function, its callees below (an icicle rooted at it). The
// direct callers and callees are listed with pprof's -peek numbers: the weight of each call edge
// and its share of the function's cum.

import { useCallback } from 'react';
import { openSandwich } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import type { FlameResult, SandwichEdge, SandwichResult } from '../../state/types';
import { percentage, scaledLabel } from '../../lib/units';
import { FlameGraph } from './FlameGraph';

function EdgeTable({ title, edges, cum, fmt, testId }: { title: string; edges: SandwichEdge[]; cum: number; fmt: (v: number) => string; testId: string }) {
  return (
    <table className="sandwich-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th className="num">calls</th>
          <th className="num">calls%</th>
          <th className="name">function</th>
        </tr>
      </thead>
      <tbody>
        {edges.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              none
            </td>
          </tr>
        ) : (
          edges.map((e) => (
            <tr key={e.name}>
              <td className="num">{fmt(e.weight)}</td>
              <td className="num">{percentage(e.weight, cum).trim()}</td>
              <td className="name">
                {e.name}
                {e.inline ? <span className="inline-mark"> (inline)</span> : null}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function SandwichPanel({ file, sandwich }: { file: FileSlice<never>; sandwich: SandwichResult }) {
  const fmt = (v: number) => scaledLabel(v, sandwich.sampleType.unit, sandwich.outputUnit);
  const noZoom = useCallback(() => undefined, []);
  const flameOf = (view: SandwichResult['callerFlame']): FlameResult => ({ view, total: sandwich.total, sampleType: sandwich.sampleType, focus: sandwich.name });
  const s = sandwich;
  return (
    <div className="sandwich" data-testid="sandwich">
      <div className="sandwich-head" data-testid="sandwich-function">
        <strong>{s.name}</strong>: flat {fmt(s.flat)} ({percentage(s.flat, s.total).trim()}), cum {fmt(s.cum)} ({percentage(s.cum, s.total).trim()}) of{' '}
        {fmt(s.total)} total. Numbers as <code>go tool pprof -peek</code> prints them; each call is counted once per sample.
      </div>
      {s.recursive && (
        <div className="sandwich-note" data-testid="sandwich-recursive">
          {s.name} calls itself in some stacks. The flames start at its outermost call in each stack, so a caller that only calls it
          inside such a recursion shows in the callees flame, and first-level widths can be less than the table&apos;s figures.
        </div>
      )}
      <div className="sandwich-tables">
        <EdgeTable title="Callers" edges={s.callers} cum={s.cum} fmt={fmt} testId="sandwich-callers" />
        <EdgeTable title="Callees" edges={s.callees} cum={s.cum} fmt={fmt} testId="sandwich-callees" />
      </div>
      <h3 className="sandwich-title">Callers (the stacks leading to {s.name}, from its outermost call)</h3>
      <div data-testid="sandwich-caller-flame">
        <FlameGraph flame={flameOf(s.callerFlame)} inverted={false} search="" searchRegex={false} onZoom={noZoom} selfLabel="stacks starting here" onSandwich={(n) => void openSandwich(file.id, n)} />
      </div>
      <h3 className="sandwich-title">Callees (what {s.name} calls)</h3>
      <div data-testid="sandwich-callee-flame">
        <FlameGraph flame={flameOf(s.calleeFlame)} inverted search="" searchRegex={false} onZoom={noZoom} onSandwich={(n) => void openSandwich(file.id, n)} />
      </div>
    </div>
  );
}
