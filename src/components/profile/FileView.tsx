// The active file: progress while it loads, its error if it failed, else header and view.
//
// Each part reads only the fields it shows (useFileSlice), so a result from the worker renders
// again only the parts that show it: a zoom redraws the flame panel, not the header, the label
// and refine bars, the chips, the pinned findings and the findings panel.

import { memo, type ReactNode } from 'react';
import { useFileById, useFileSlice } from '../../state/store';
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

// The fields each part reads (module constants: useFileSlice compares them at every store change).
const none = [] as const;
const fileKeys = ['status', 'top'] as const;
const tabKey = ['tab'] as const;
const filterKey = ['filter'] as const;
const findingKeys = ['identity', 'knownBugs'] as const;
const headerKeys = ['summary', 'top', 'flame', 'identity', 'busy', 'viewError'] as const;
const headerViewKeys = ['tab', 'sampleIndex', 'granularity'] as const;
const labelKeys = ['summary'] as const;
const labelViewKeys = ['filter', 'groupBy', 'tab'] as const;
const flameKeys = ['flame', 'search', 'knownBugs', 'name', 'sandwich', 'viewError', 'identity'] as const;
const flameViewKeys = ['search', 'searchRegex', 'zoom', 'inverted', 'sandwich', 'focus'] as const;
const goroutineKeys = ['goroutines', 'knownBugs', 'name', 'summary', 'stack', 'identity'] as const;
const goroutineViewKeys = ['group', 'stackBy', 'filter', 'bucket'] as const;
const topKeys = ['knownBugs', 'top', 'topOrder', 'identity'] as const;
const topViewKeys = ['granularity', 'topFilter', 'topSort'] as const;
const graphKeys = ['busy', 'graph', 'name'] as const;
const graphViewKeys = ['granularity'] as const;

const Header = memo(function Header({ id }: { id: number }) {
  return <ProfileHeader file={useFileSlice(id, headerKeys, headerViewKeys)} />;
});
const Labels = memo(function Labels({ id }: { id: number }) {
  return <LabelBar file={useFileSlice(id, labelKeys, labelViewKeys)} />;
});
const Refine = memo(function Refine({ id }: { id: number }) {
  return <RefineBar file={useFileSlice(id, none, filterKey)} />;
});
const Chips = memo(function Chips({ id }: { id: number }) {
  return <FilterChips file={useFileSlice(id, none, filterKey)} />;
});
const Pinned = memo(function Pinned({ id }: { id: number }) {
  return <PinnedFindings file={useFileSlice(id, findingKeys)} />;
});
const Findings = memo(function Findings({ id }: { id: number }) {
  return <FindingsPanel file={useFileSlice(id, findingKeys)} />;
});
const Flame = memo(function Flame({ id }: { id: number }) {
  return <FlamePanel file={useFileSlice(id, flameKeys, flameViewKeys)} />;
});
const Goroutines = memo(function Goroutines({ id }: { id: number }) {
  return <GoroutinesPanel file={useFileSlice(id, goroutineKeys, goroutineViewKeys)} />;
});
const Top = memo(function Top({ id }: { id: number }) {
  return <TopTableView file={useFileSlice(id, topKeys, topViewKeys)} />;
});
const Graph = memo(function Graph({ id }: { id: number }) {
  return <GraphView file={useFileSlice(id, graphKeys, graphViewKeys)} />;
});

/** While it loads or after it failed, the file's progress or error (these read the whole file). */
function LoadingOrFailed({ id }: { id: number }) {
  const file = useFileById(id);
  if (!file) return null;
  return file.status === 'error' ? <ErrorBanner file={file} /> : <LoadProgress file={file} />;
}

/** The report of the file when it can be built (it reads every view), else the file's view. */
function ReportOr({ id, children }: { id: number; children: ReactNode }) {
  const file = useFileById(id);
  const pins = usePinsOf(file ?? { identity: null });
  const report = file ? buildPayload(file, pins) : null;
  if (report?.ok) return <ReportView payload={report.payload} onClose={closeReport} />;
  return <>{children}</>;
}

export function FileView({ id }: { id: number }) {
  const reportOpen = useReport((s) => s.open);
  const { status, top, view } = useFileSlice(id, fileKeys, tabKey);
  // While a linked view is computed, what shows is the previous view's: dimmed and marked busy.
  const applyingLinked = useLinkedView((s) => s.applying?.fileId === id);
  if (status !== 'ready') return <LoadingOrFailed id={id} />;
  const tab = view.tab;
  const body = (
    <div className={applyingLinked ? 'file-view stale-view' : 'file-view'} aria-busy={applyingLinked}>
      <LinkNotice fileId={id} />
      <LinkedViewQuestion fileId={id} />
      <Header id={id} />
      <div className="view-bars">
        <Labels id={id} />
        {tab !== 'goroutines' && <Refine id={id} />}
      </div>
      <Chips id={id} />
      <Pinned id={id} />
      <PinEditor />
      <Findings id={id} />
      {tab === 'goroutines' ? (
        <Goroutines id={id} />
      ) : tab === 'flame' ? (
        <Flame id={id} />
      ) : tab === 'graph' ? (
        <Graph id={id} />
      ) : top ? (
        <Top id={id} />
      ) : (
        <p className="muted">Computing the top table…</p>
      )}
    </div>
  );
  return reportOpen ? <ReportOr id={id}>{body}</ReportOr> : body;
}
