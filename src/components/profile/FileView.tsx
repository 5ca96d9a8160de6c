// The active file: progress while it loads, its error if it failed, else header and view.

import type { OpenFile } from '../../state/store';
import { ErrorBanner } from '../common/ErrorBanner';
import { LoadProgress } from '../files/LoadProgress';
import { FlamePanel } from '../flame/FlamePanel';
import { GoroutinesPanel } from '../goroutines/GoroutinesPanel';
import { TopTableView } from '../top/TopTableView';
import { GraphView } from '../graph/GraphView';
import { ProfileHeader } from './ProfileHeader';
import { LabelBar } from '../labels/LabelBar';
import { RefineBar } from '../refine/RefineBar';
import { FilterChips } from '../refine/FilterChips';
import { FindingsPanel } from '../findings/FindingsPanel';
import { PinEditor } from '../findings/PinEditor';
import { PinnedFindings } from '../findings/PinnedFindings';
import { ReportView } from '../report/ReportView';
import { LinkNotice } from '../share/LinkNotice';
import { LinkedViewQuestion } from '../share/LinkedViewQuestion';
import { useLinkedView } from '../../state/linkedView';
import { usePinsOf } from '../../state/findings';
import { closeReport, useReport } from '../../state/report';
import { buildPayload } from '../../state/share';

export function FileView({ file }: { file: OpenFile }) {
  const reportOpen = useReport((s) => s.open);
  const pins = usePinsOf(file);
  // While a linked view is computed, what shows is the previous view's: dimmed and marked busy.
  const applyingLinked = useLinkedView((s) => s.applying?.fileId === file.id);
  if (file.status === 'loading') return <LoadProgress file={file} />;
  if (file.status === 'error') return <ErrorBanner file={file} />;
  const report = reportOpen ? buildPayload(file, pins) : null;
  if (report?.ok) return <ReportView payload={report.payload} onClose={closeReport} />;
  return (
    <div className={applyingLinked ? 'file-view stale-view' : 'file-view'} aria-busy={applyingLinked}>
      <LinkNotice file={file} />
      <LinkedViewQuestion file={file} />
      <ProfileHeader file={file} />
      <LabelBar file={file} />
      {file.view.tab !== 'goroutines' && <RefineBar file={file} />}
      <FilterChips file={file} />
      <PinnedFindings file={file} />
      <PinEditor />
      <FindingsPanel file={file} />
      {file.view.tab === 'goroutines' ? (
        <GoroutinesPanel file={file} />
      ) : file.view.tab === 'flame' ? (
        <FlamePanel file={file} />
      ) : file.view.tab === 'graph' ? (
        <GraphView file={file} />
      ) : file.top ? (
        <TopTableView file={file} />
      ) : (
        <p className="muted">Computing the top table…</p>
      )}
    </div>
  );
}
