// The goroutine view: who piles up where, in which state, for how long.

import { useCallback, useRef, memo } from 'react';
import { selectGroup } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import { CrashSummary, crashMarker } from './CrashSummary';
import { GoroutineFilters } from './GoroutineFilters';
import { GroupDetail } from './GroupDetail';
import { GroupTable } from './GroupTable';
import { SkipListEditor } from './SkipListEditor';
import { SitesByCount } from './SitesByCount';
import { WaitHistogram, seriesColor } from './WaitHistogram';
import { count } from './format';
import { ExportButtons } from '../report/ExportButtons';
import { exportName } from '../report/download';
import { fileChartMeta } from '../../state/exportMeta';
import { labelTooltipLines } from '../labels/LabelList';

export const GoroutinesPanel = memo(function GoroutinesPanel({ file }: { file: FileSlice<'goroutines' | 'knownBugs' | 'name' | 'summary' | 'stack' | 'identity', 'group' | 'stackBy' | 'filter' | 'bucket'> }) {
  const result = file.goroutines;
  const onOpenGroup = useCallback((g: number) => void selectGroup(file.id, g), [file.id]);
  const chartRef = useRef<HTMLDivElement>(null);
  const groups = result?.grouping.groups;
  const groupLabels = useCallback((g: number) => labelTooltipLines(groups?.[g]?.labels ?? []), [groups]);
  const crash = file.summary?.crash;
  const banner = crash && <CrashSummary file={file} crash={crash} result={result} />;
  if (!result) {
    const waiting = <p className="muted">Grouping goroutines…</p>;
    return banner ? (
      <section className="goroutines-panel" aria-label="Goroutines">
        {banner}
        {waiting}
      </section>
    ) : (
      waiting
    );
  }
  const histogram = result.histograms[file.view.stackBy];
  const group = file.view.group !== null ? result.grouping.groups[file.view.group] : undefined;
  return (
    <section className="goroutines-panel" aria-label="Goroutines">
      {banner}
      <GoroutineFilters file={file} result={result} />
      {!result.grouping.hasWaitMinutes ? (
        <SitesByCount
          grouping={result.grouping}
          format={file.summary?.goroutineFormat}
          allGoroutines={result.allGoroutines}
          onOpenGroup={onOpenGroup}
        />
      ) : (
        <div ref={chartRef}>
          <WaitHistogram
            histogram={histogram}
            allGoroutines={result.allGoroutines}
            onOpenGroup={onOpenGroup}
            findings={file.knownBugs?.matches}
            groupLabels={groupLabels}
          />
          <ExportButtons
            find={() => chartRef.current?.querySelector('svg') ?? null}
            fileName={exportName(file.name, 'wait-histogram')}
            what="wait histogram"
            meta={() => fileChartMeta(file.id, 'Wait histogram', false)}
            legend={() => {
              const color = seriesColor(histogram, true);
              return histogram.series.map((s) => ({ color: color(s.key), label: `${s.label}  ${count(s.total)}` }));
            }}
          />
        </div>
      )}
      <div className="goroutine-body">
        <GroupTable file={file} result={result} crash={crash && result.crashPlace ? { group: result.crashPlace.group, marker: crashMarker(crash) } : undefined} />
        {group && <GroupDetail file={file} result={result} group={group} />}
      </div>
      <SkipListEditor errors={result.skipErrors} />
    </section>
  );
});
