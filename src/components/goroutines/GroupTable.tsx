// Goroutine groups, largest first: state, blocking site, how many, how long, who created them.

import { useMemo } from 'react';
import { selectGroup } from '../../state/actions';
import { FindingBadges } from '../findings/FindingBadge';
import { indexFindings } from '../findings/findingIndex';
import { PinButton } from '../findings/PinButton';
import { pinGroup } from '../../state/findings';
import type { FileSlice } from '../../state/store';
import type { GoroutinesResult } from '../../state/types';
import { BLOCK_RATE_RESOLUTION, blockRateText } from '../../state/types';
import { count, formatRateShort, formatShare, formatWait, stateLabel } from './format';
import { distinctNames } from '../../lib/distinctNames';
import { GoName } from '../common/GoName';
import { useRovingRows } from '../common/useRovingRows';

const MAX_ROWS = 500;

/** The last three parts of a path: enough to recognise, short enough for a table cell. */
function shortPath(path: string): string {
  const parts = path.split('/');
  return parts.length > 3 ? `…/${parts.slice(-3).join('/')}` : path;
}

export function GroupTable({ file, result, crash }: { file: FileSlice<'knownBugs' | 'identity', 'group'>; result: GoroutinesResult; crash?: { group: number; marker: string } }) {
  const groups = result.grouping.groups;
  const index = useMemo(() => indexFindings(file.knownBugs?.matches), [file.knownBugs]);
  // A crash dump leads with the group of the goroutine that crashed.
  const crashed = crash ? groups[crash.group] : undefined;
  const shown = crashed ? [crashed, ...groups.filter((g) => g !== crashed)].slice(0, MAX_ROWS) : groups.slice(0, MAX_ROWS);
  // Split by a label key: one more column, the group's value ("(no KEY)" for goroutines without it).
  const groupBy = result.grouping.groupBy;
  // A set of replicas: a column per member, its goroutines in the group and their share of that
  // member's own goroutines; the member where the share is largest holds the pile-up.
  const members = result.members;
  const short = useMemo(() => (members ? distinctNames(members.map((m) => m.name)) : []), [members]);
  // Keyboard: ↑ ↓ move through the groups, Enter opens (or closes) one as a click does.
  const toggle = (id: number) => void selectGroup(file.id, file.view.group === id ? null : id);
  const roving = useRovingRows(shown.length, (i) => toggle(shown[i]!.id));
  return (
    <div className="group-table-wrap">
      <table
        className={members ? 'group-table with-members' : 'group-table'}
        data-testid="group-table"
        aria-label="Goroutine groups"
        onKeyDown={roving.onKeyDown}
        ref={(el) => {
          roving.containerRef.current = el;
        }}
        style={members ? ({ '--members': members.length } as React.CSSProperties) : undefined}
      >
        <colgroup>
          <col className="c-count" />
          <col className="c-share" />
          {members?.map((m) => <col key={m.name} className="c-member" />)}
          <col className="c-state" />
          <col />
          <col className="c-wait" />
          <col className="c-created" />
        </colgroup>
        <thead>
          <tr>
            <th className="num">goroutines</th>
            <th className="num">share</th>
            {members?.map((m, i) => (
              <th key={m.name} className="num member-head" title={`${m.name}: ${count(m.total)} goroutines`} data-member={i}>
                {short[i]}
              </th>
            ))}
            <th>state</th>
            <th>blocking site{groupBy !== undefined && <span className="mono"> × {groupBy}</span>}</th>
            <th
              title={
                result.grouping.hasWaitMinutes
                  ? `Wait minutes, and below them the block rate: goroutines blocked per minute, from this dump's wait minutes alone (${BLOCK_RATE_RESOLUTION})`
                  : undefined
              }
            >
              {result.grouping.hasWaitMinutes ? 'waiting, block rate' : 'waiting'}
            </th>
            <th>created by</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((g, i) => (
            <tr
              key={g.id}
              {...roving.rowProps(i)}
              aria-current={file.view.group === g.id ? 'true' : undefined}
              className={[file.view.group === g.id ? 'selected' : '', g === crashed ? 'crashed' : ''].join(' ').trim() || undefined}
              onClick={() => toggle(g.id)}
              data-group={g.id}
            >
              <td className="num">{count(g.count)}</td>
              <td className="num">{formatShare(g.count / Math.max(1, result.allGoroutines))}</td>
              {members && <MemberCells counts={g.members ?? []} members={members} names={short} />}
              <td>{stateLabel(g.state)}</td>
              <td className="site">
                {groupBy !== undefined && (
                  <div className={g.label == null ? 'group-label-value mono muted' : 'group-label-value mono'} data-label={g.label ?? ''}>
                    {g.label == null ? `(no ${groupBy})` : `${groupBy}=${g.label}`}
                  </div>
                )}
                <div className="mono">
                  {g === crashed && <span className="crash-tag">{crash!.marker}</span>} <GoName name={g.site} /> <FindingBadges findings={index.byName.get(g.site)} />
                  <PinButton file={file} what={`group ${g.site}`} onPin={() => pinGroup(file.id, g.id)} className="row-pin" />
                </div>
                {g.siteFile && (
                  <div className="muted mono small" title={`${g.siteFile}:${g.siteLine}`}>
                    <GoName name={`${shortPath(g.siteFile)}:${g.siteLine}`} />
                  </div>
                )}
              </td>
              <td>
                {formatWait(g.wait)}
                {result.grouping.hasWaitMinutes && <RateBadge rate={result.rates[g.id]} />}
              </td>
              <td className="mono small created-cell"><GoName name={g.createdBy[0]?.name ?? '—'} />{g.createdBy.length > 1 ? ` +${g.createdBy.length - 1}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length > MAX_ROWS && (
        <p className="muted">
          {count(groups.length - MAX_ROWS)} smaller groups not shown; narrow the filters to see them.
        </p>
      )}
    </div>
  );
}

/** A group's goroutines in each member of a set; the largest share of its own total marked. */
function MemberCells({ counts, members, names }: { counts: number[]; members: NonNullable<GoroutinesResult['members']>; names: string[] }) {
  const shares = counts.map((c, i) => c / Math.max(1, members[i]!.total));
  const top = shares.reduce((best, x, i) => (x > shares[best]! ? i : best), 0);
  return (
    <>
      {counts.map((c, i) => (
        <td
          key={i}
          className={`num member-count${c > 0 && i === top && counts.length > 1 ? ' pile-up' : ''}${c === 0 ? ' muted' : ''}`}
          title={`${names[i]}: ${count(c)} of its ${count(members[i]!.total)} goroutines (${formatShare(shares[i]!)})`}
          data-member={i}
        >
          {count(c)}
        </td>
      ))}
    </>
  );
}

/** The group's block rate under its wait, or a dash whose title says why there is none. */
function RateBadge({ rate }: { rate: GoroutinesResult['rates'][number] | undefined }) {
  if (!rate) return null;
  if (!rate.ok)
    return (
      <div className="block-rate muted small" title={`No block rate: ${rate.reason}`} data-testid="block-rate">
        —
      </div>
    );
  return (
    <div className={`block-rate small shape-${rate.rate.shape}`} title={`${blockRateText(rate.rate)} (${BLOCK_RATE_RESOLUTION})`} data-testid="block-rate">
      {formatRateShort(rate.rate)}
    </div>
  );
}
