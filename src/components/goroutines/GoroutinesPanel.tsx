// The goroutine view: who piles up where, in which state, for how long.

import { useCallback } from 'react';
import { selectGroup } from '../../state/actions';
import type { OpenFile } from '../../state/store';
import { GoroutineFilters } from './GoroutineFilters';
import { GroupDetail } from './GroupDetail';
import { GroupTable } from './GroupTable';
import { SkipListEditor } from './SkipListEditor';
import { WaitHistogram } from './WaitHistogram';

export function GoroutinesPanel({ file }: { file: OpenFile }) {
  const result = file.goroutines;
  const onOpenGroup = useCallback((g: number) => void selectGroup(file.id, g), [file.id]);
  if (!result) return <p className="muted">Grouping goroutines…</p>;
  const group = file.view.group !== null ? result.grouping.groups[file.view.group] : undefined;
  return (
    <section className="goroutines-panel" aria-label="Goroutines">
      <GoroutineFilters file={file} result={result} />
      <WaitHistogram
        histogram={result.histograms[file.view.stackBy]}
        allGoroutines={result.allGoroutines}
        onOpenGroup={onOpenGroup}
        findings={file.findings?.findings}
      />
      <div className="goroutine-body">
        <GroupTable file={file} result={result} />
        {group && <GroupDetail file={file} result={result} group={group} />}
      </div>
      <SkipListEditor errors={result.skipErrors} />
    </section>
  );
}
