// One group in detail: its buckets of identical stacks, the chosen bucket's full stack with
// file:line (copyable, as the runtime printed it when the dump has the text), and links to the
// groups of the goroutines that created these.

import { useState } from 'react';
import { selectGroup } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import type { GoroutineGroup, GoroutinesResult, StackResult } from '../../state/types';
import { BLOCK_RATE_RESOLUTION, blockRateText, type BlockRateResult } from '../../state/types';
import { count, formatWait, stateLabel } from './format';
import { PinButton } from '../findings/PinButton';
import { pinBucket, pinGroup } from '../../state/findings';
import { LabelList } from '../labels/LabelList';
import { GoName } from '../common/GoName';

function stackText(stack: StackResult): string {
  const lines = stack.frames.map((f) => `${f.func}\n\t${f.file}:${f.line}`);
  if (stack.createdBy) lines.push(`created by ${stack.createdBy.func}\n\t${stack.createdBy.file}:${stack.createdBy.line}`);
  return lines.join('\n');
}

export function GroupDetail({ file, result, group }: { file: FileSlice<'stack' | 'identity', 'bucket'>; result: GoroutinesResult; group: GoroutineGroup }) {
  const [copied, setCopied] = useState(false);
  const stack = file.stack;
  const bucket = group.buckets[file.view.bucket] ?? group.buckets[0];
  const copy = async () => {
    if (!stack) return;
    await navigator.clipboard.writeText(stack.raw ?? stackText(stack));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <section className="group-detail" data-testid="group-detail" aria-label="Group detail">
      <header>
        <h3>
          {count(group.count)} goroutine{group.count === 1 ? '' : 's'} in {stateLabel(group.state)} at <GoName className="mono" name={group.site} />
          {group.label !== undefined && result.grouping.groupBy !== undefined && (
            <span className="mono" data-testid="group-label">
              {' '}
              {group.label === null ? `(no ${result.grouping.groupBy})` : `${result.grouping.groupBy}=${group.label}`}
            </span>
          )}
        </h3>
        <PinButton file={file} what="this group" onPin={() => pinGroup(file.id, group.id)} />
        <button type="button" aria-label="Close group" onClick={() => void selectGroup(file.id, null)}>
          ×
        </button>
      </header>
      <p className="muted">
        Waiting {formatWait(group.wait)}. {group.bucketCount} distinct stack{group.bucketCount === 1 ? '' : 's'}
        {group.bucketCount > group.buckets.length ? ` (the ${group.buckets.length} largest shown)` : ''}.
        {group.goroutineIds.length > 0 && ` Goroutines ${group.goroutineIds.join(', ')}${group.count > group.goroutineIds.length ? ', …' : ''}.`}
      </p>
      {result.members && group.members && (
        <p data-testid="group-replicas">
          <span className="muted">By replica: </span>
          {result.members.map((m, i) => (
            <span key={m.name} className={group.members![i] === 0 ? 'muted' : undefined}>
              {i > 0 ? ' · ' : ''}
              {m.name} <strong>{count(group.members![i]!)}</strong>
            </span>
          ))}
          <span className="muted"> (goroutine ids are per process)</span>
        </p>
      )}
      {result.grouping.hasWaitMinutes && <BlockRateLine rate={result.rates[group.id]} shown={group.count} />}
      {group.labels.length > 0 && (
        <div className="group-labels">
          <span className="muted">Labels of these goroutines:</span>
          <LabelList labels={group.labels} unit="goroutines" testId="group-labels" />
        </div>
      )}
      {group.createdBy.length > 0 && (
        <p className="created-by">
          Created by{' '}
          {group.createdBy.map((c, i) => (
            <span key={c.name}>
              {i > 0 && ', '}
              <GoName className="mono" name={c.name} /> <span className="muted">({count(c.count)})</span>
            </span>
          ))}
          .{' '}
          {group.creatorGroups.length > 0 ? (
            <>
              Creator{group.creatorGroups.length > 1 ? 's' : ''}:{' '}
              {group.creatorGroups.map((gi) => {
                const g = result.grouping.groups[gi]!;
                return (
                  <button key={gi} type="button" className="link" onClick={() => void selectGroup(file.id, gi)} data-testid="creator-link">
                    {stateLabel(g.state)} at <GoName name={g.site} />
                  </button>
                );
              })}
            </>
          ) : (
            <span className="muted" data-testid="creator-gone">
              No goroutine is in {group.createdBy.length > 1 ? 'these functions' : 'that function'} now: the creators have returned and left these behind.
            </span>
          )}
        </p>
      )}
      {group.buckets.length > 1 && (
        <ol className="buckets" aria-label="Stacks in this group">
          {group.buckets.map((b, i) => (
            <li key={b.sample}>
              <button type="button" className={bucket === b ? 'link selected' : 'link'} onClick={() => void selectGroup(file.id, group.id, i)}>
                {count(b.count)} goroutine{b.count === 1 ? '' : 's'}, waiting {formatWait(b.wait)}
              </button>
            </li>
          ))}
        </ol>
      )}
      {stack && bucket && stack.sample === bucket.sample && (
        <div className="stack">
          <div className="stack-toolbar">
            <span className="muted">
              {stack.goroutineId !== null ? `goroutine ${stack.goroutineId}` : 'stack'} ({count(bucket.count)} with this stack)
            </span>
            <button type="button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy stack'}
            </button>
            <PinButton file={file} what="this stack" onPin={() => pinBucket(file.id)} />
          </div>
          {bucket.labels.length > 0 && <LabelList labels={bucket.labels} unit="goroutines" testId="stack-labels" />}
          <ol className="frames" data-testid="stack-frames">
            {stack.frames.map((f, i) => (
              <li key={i}>
                <div className="mono">
                  <GoName name={f.func} />
                </div>
                <div className="mono muted small">
                  <GoName name={`${f.file}${f.line > 0 ? `:${f.line}` : ''}`} />
                </div>
              </li>
            ))}
            {stack.createdBy && (
              <li className="created">
                <div className="mono">
                  created by <GoName name={stack.createdBy.func} />
                  {stack.creatorId !== null ? ` in goroutine ${stack.creatorId}` : ''}</div>
                <div className="mono muted small">
                  <GoName name={`${stack.createdBy.file}:${stack.createdBy.line}`} />
                </div>
              </li>
            )}
          </ol>
        </div>
      )}
    </section>
  );
}

/** The single-dump block rate of the group, with its resolution, or why there is none. */
function BlockRateLine({ rate, shown }: { rate: BlockRateResult | undefined; shown: number }) {
  if (!rate) return null;
  if (!rate.ok)
    return (
      <p className="block-rate-line muted" data-testid="group-block-rate">
        No block rate from this dump: {rate.reason}.
      </p>
    );
  const text = blockRateText(rate.rate);
  return (
    <div className="block-rate-line" data-testid="group-block-rate">
      <p>
        {text.charAt(0).toUpperCase() + text.slice(1)}
        {rate.rate.goroutines !== shown ? ` (all ${count(rate.rate.goroutines)} goroutines at this site; the filters do not apply to the rate)` : ''}.
      </p>
      <p className="muted small">Rate {BLOCK_RATE_RESOLUTION}.</p>
    </div>
  );
}
