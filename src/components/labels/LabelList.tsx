// Labels as key=value with counts ("verb  LIST 1,447 · DELETECOLLECTION 488"), largest first;
// values past the list say how many they are and what they add up to.

import type { LabelKeySummary } from '../../state/types';
import { count } from '../goroutines/format';
import { firstOf } from '../../lib/clip';

export function LabelList({ labels, unit, testId }: { labels: LabelKeySummary[]; unit: string; testId?: string }) {
  if (labels.length === 0) return null;
  const { shown, more } = firstOf(labels);
  return (
    <dl className="label-list" data-testid={testId}>
      {shown.map((k) => (
        <div key={k.key} className="label-key" data-key={k.key}>
          <dt className="visually-hidden">{k.key}</dt>
          <dd>
            {k.values.map((v, i) => (
              <span key={v.value} className="label-value" data-value={v.value}>
                {i > 0 && ' · '}
                <span className="mono">
                  {k.key}={v.value}
                </span>{' '}
                <span className="muted">{count(v.count)}</span>
              </span>
            ))}
            {k.moreValues > 0 && (
              <span className="muted">
                {' '}
                · {count(k.moreValues)} more value{k.moreValues > 1 ? 's' : ''} ({count(k.moreCount)} {unit})
              </span>
            )}
          </dd>
        </div>
      ))}
      {more > 0 && (
        <div className="label-key muted" data-testid="more-label-keys">
          {count(more)} more label key{more > 1 ? 's' : ''} not shown
        </div>
      )}
    </dl>
  );
}

/** Tooltip lines: the top `n` values per key with counts. */
export function labelTooltipLines(labels: LabelKeySummary[], n = 3): string[] {
  const keys = firstOf(labels, 10);
  const lines = keys.shown.map((k) => {
    const top = k.values.slice(0, n).map((v) => `${v.value} ${count(v.count)}`);
    const more = k.values.length - top.length + k.moreValues;
    return `${k.key}: ${top.join(', ')}${more > 0 ? `, +${more} more` : ''}`;
  });
  if (keys.more > 0) lines.push(`+${count(keys.more)} more label keys`);
  return lines;
}
