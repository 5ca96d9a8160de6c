// What the file is (pprof's header lines: File, Type, Time, Duration, total) and the controls
// that choose what to show: sample type, granularity, view.

import { setGranularity, setSampleIndex, setTab } from '../../state/actions';
import type { FileSlice, ViewTab } from '../../state/store';
import { granularities, type Granularity } from '../../state/types';
import { label } from '../../lib/units';
import { VersionInput } from '../findings/VersionInput';
import { useCallback, useState, memo } from 'react';
import { openReport } from '../../state/report';
import { ShareDialog } from '../share/ShareDialog';

const allTabs: Array<{ tab: ViewTab; label: string }> = [
  { tab: 'goroutines', label: 'Goroutines' },
  { tab: 'flame', label: 'Flame graph' },
  { tab: 'top', label: 'Top' },
  { tab: 'graph', label: 'Graph' },
];

export const ProfileHeader = memo(function ProfileHeader({ file }: { file: FileSlice<'summary' | 'top' | 'flame' | 'identity' | 'busy' | 'viewError', 'tab' | 'sampleIndex' | 'granularity'> }) {
  const { summary, top, view, flame } = file;
  const [sharing, setSharing] = useState(false);
  const stopSharing = useCallback(() => setSharing(false), []);
  if (!summary) return null;
  const tabs = allTabs.filter((t) => t.tab !== 'goroutines' || summary.kind === 'goroutines');
  // Until pprof's exact header is computed, say what is known already.
  const lines = top
    ? top.header
    : [`Type: ${summary.sampleTypes[view.sampleIndex]?.type ?? ''}`, flame ? `Total: ${label(flame.total, flame.sampleType.unit)}` : ''];
  return (
    <>
      <header className="profile-header">
        <div className="header-lines" data-testid={top ? 'profile-header' : 'profile-header-pending'}>
          {lines.map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
        {summary.comments && summary.comments.length > 0 && (
          <details className="profile-comments" data-testid="profile-comments">
            <summary>Profile comments ({summary.comments.length} lines)</summary>
            <pre className="mono small">{summary.comments.join('\n')}</pre>
          </details>
        )}
        {summary.notes.length > 0 && (
          <ul className="notes" data-testid="file-notes">
            {summary.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
      </header>
      {/* The view toolbar: its own element so that it stays in sight (sticky) while the view scrolls. */}
      <div className="controls view-toolbar" data-testid="view-toolbar">
        <div className="segmented" role="tablist" aria-label="View">
          {tabs.map((t) => (
            <button
              key={t.tab}
              type="button"
              role="tab"
              aria-selected={view.tab === t.tab}
              onClick={() => setTab(file.id, t.tab)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <label>
          Sample type{' '}
          <select
            aria-label="Sample type"
            value={view.sampleIndex}
            onChange={(e) => void setSampleIndex(file.id, Number(e.target.value))}
          >
            {summary.sampleTypes.map((t, i) => (
              <option key={i} value={i}>
                {t.type} ({t.unit})
              </option>
            ))}
          </select>
        </label>
        <label>
          Granularity{' '}
          <select
            aria-label="Granularity"
            value={view.granularity}
            onChange={(e) => void setGranularity(file.id, e.target.value as Granularity)}
          >
            {granularities.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <VersionInput />
        <span className="share-actions">
          <button type="button" onClick={() => setSharing(true)} disabled={!file.identity} title={file.identity ? 'A link to the pinned findings' : 'Computing the file’s SHA-256…'}>
            Share…
          </button>
          <button type="button" onClick={openReport} disabled={!file.identity} data-testid="open-report">
            Report
          </button>
        </span>
        {file.busy && <span className="spinner" aria-label="Working" />}
        {file.viewError && <span className="error-text">{file.viewError}</span>}
      </div>
      {sharing && <ShareDialog fileId={file.id} onClose={stopSharing} />}
    </>
  );
});
