// One entry per open file; click to switch, × to close.

import { activate, closeFile } from '../../state/actions';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../state/store';
import { closeCompare, comparableGroups, openCompare, showCompare } from '../../state/compare';
import { openSet, setCandidates } from '../../state/sets';

export function FileTabs() {
  // Renders again when a tab's name, status or summary changes, not at every result the worker
  // sends for a file (those change other fields); the list is read with the store's current files.
  useStore(useShallow((s) => s.files.flatMap((f) => [f.id, f.name, f.group, f.status, f.summary])));
  const files = useStore.getState().files;
  const activeId = useStore((s) => s.activeId);
  const compare = useStore((s) => s.compare);
  const compareOpen = useStore((s) => s.compareOpen);
  const archives = useStore((s) => s.archives);
  const groups = comparableGroups();
  const sets = setCandidates(files);
  if (files.length === 0 && archives.length === 0) return null;
  return (
    <>
    <nav className="file-tabs" aria-label="Open files">
      {compare ? (
        <div className={`file-tab${compareOpen ? ' active' : ''}`}>
          <button type="button" className="file-tab-name" onClick={() => showCompare(true)} aria-current={compareOpen}>
            ⇄ Compare ({compare.names.length})
          </button>
          <button type="button" className="file-tab-close" aria-label="Close comparison" onClick={closeCompare}>
            ×
          </button>
        </div>
      ) : (
        groups.map((g) => (
          <button key={g.kind} type="button" className="compare-button" onClick={() => void openCompare(g.ids, g.kind)}>
            ⇄ Compare {g.ids.length} {g.kind === 'goroutines' ? 'dumps' : 'profiles'}
          </button>
        ))
      )}
      {sets.map((c) => (
        <button
          key={c.what}
          type="button"
          className="compare-button"
          title="Replicas of one service: one tab that merges profiles as pprof does, or groups dumps side by side with a column per file"
          onClick={() => void openSet(c.ids)}
        >
          ⊕ One set of {c.ids.length} {c.what}
        </button>
      ))}
      {files.map((f) => (
        <div key={f.id} className={`file-tab${f.id === activeId && !compareOpen ? ' active' : ''}${f.status === 'error' ? ' failed' : ''}`}>
          <button type="button" className="file-tab-name" onClick={() => activate(f.id)} aria-current={f.id === activeId} title={f.group ? `${f.group}: ${f.name}` : f.name}>
            {f.status === 'loading' ? '⏳ ' : f.status === 'error' ? '⚠ ' : ''}
            {f.group ? <span className="file-tab-group">{f.group} › </span> : null}
            {f.name}
          </button>
          <button type="button" className="file-tab-close" aria-label={`Close ${f.name}`} onClick={() => closeFile(f.id)}>
            ×
          </button>
        </div>
      ))}
    </nav>
    {archives.length > 0 ? (
      <ul className="archive-notes" aria-label="Archives">
        {archives.map((a, i) => (
          <li key={i}>
            {a.name}: {a.opened} file{a.opened === 1 ? '' : 's'} opened
            {a.skipped.length > 0 ? (
              <ul>
                {a.skipped.map((s) => (
                  <li key={s.name}>
                    skipped {s.name}: {s.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    ) : null}
    </>
  );
}
