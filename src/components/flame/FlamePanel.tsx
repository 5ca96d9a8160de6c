// The flame graph with its toolbar: search (text or regex), reset zoom, flame/icicle, focus.

import { useCallback, useEffect, useRef, useState, memo } from 'react';
import { focusFunction, openSandwich, setInverted, setSearch, zoomTo } from '../../state/actions';
import { SandwichPanel } from './SandwichPanel';
import type { FileSlice } from '../../state/store';
import { compileSearch } from '../../lib/search';
import { percentage, label } from '../../lib/units';
import { FlameGraph, type FlameExport } from './FlameGraph';
import type { FlameDatum, FlameResult } from '../../state/types';
import { pinFrame } from '../../state/findings';
import { zoomPathOf } from '../../state/share';
import { PinButton } from '../findings/PinButton';
import { ExportButtons } from '../report/ExportButtons';
import { exportName } from '../report/download';
import { fileChartMeta } from '../../state/exportMeta';
import { formatCount } from '../../lib/goformat';
import { useViewKeys } from '../common/shortcuts';

/** The frame the graph is zoomed to (the drawn view ends its ancestor chain there), or null. */
function zoomedFrame(flame: FlameResult): FlameDatum | null {
  let d = flame.view.root;
  while (d.id !== flame.view.zoom && d.children?.[0]) d = d.children[0];
  return flame.view.zoom !== 0 && d.id === flame.view.zoom ? d : null;
}

/** Pins the frame the graph is zoomed to. */
function pinZoomed(fileId: number, flame: FlameResult): void {
  const path = zoomPathOf(flame);
  const d = zoomedFrame(flame);
  if (path.length > 0 && d) pinFrame(fileId, path, d);
}

/** Delay from the last key to the search entering the view (the graph itself recolours at once). */
const SEARCH_COMMIT_MS = 50;

export const FlamePanel = memo(function FlamePanel({ file }: { file: FileSlice<'flame' | 'search' | 'knownBugs' | 'name' | 'sandwich' | 'viewError' | 'identity', 'search' | 'searchRegex' | 'zoom' | 'inverted' | 'sandwich' | 'focus'> }) {
  const { view, flame, search } = file;
  const [text, setText] = useState(view.search);
  const [regex, setRegex] = useState(view.searchRegex);
  useEffect(() => setText(view.search), [view.search]);
  useEffect(() => setRegex(view.searchRegex), [view.searchRegex]);

  // The graph recolours at each key (from `text`); the view (address, the worker's matched
  // total) follows within SEARCH_COMMIT_MS of the last key, so fast typing asks the worker once.
  useEffect(() => {
    if (text === view.search && regex === view.searchRegex) return;
    const t = setTimeout(() => void setSearch(file.id, text, regex), SEARCH_COMMIT_MS);
    return () => clearTimeout(t);
  }, [text, regex, file.id, view.search, view.searchRegex]);

  const onZoom = useCallback((node: number) => void zoomTo(file.id, node), [file.id]);
  const onPin = useCallback((path: string[], d: FlameDatum) => pinFrame(file.id, path, d), [file.id]);
  const onSandwich = useCallback((name: string) => void openSandwich(file.id, name), [file.id]);
  const exportRef = useRef<FlameExport | null>(null);
  // Keyboard: `/` focuses the search; Esc clears it, then resets the zoom, then the focus.
  const searchRef = useRef<HTMLInputElement>(null);
  useViewKeys({
    search: searchRef,
    escape: () => {
      if (text !== '') {
        setText('');
        return true;
      }
      if (view.zoom !== 0) {
        void zoomTo(file.id, 0);
        return true;
      }
      if (view.focus !== null) {
        void focusFunction(file.id, null);
        return true;
      }
      return false;
    },
  });
  const invalid = compileSearch(text, regex);
  if (!flame) return null;
  const unit = flame.sampleType.unit;
  const zoomed = zoomedFrame(flame);
  const sandwichName = view.sandwich;

  return (
    <section className="flame-panel" aria-label="Flame graph">
      <div className="toolbar">
        <input
          type="search"
          className="search-input"
          placeholder={regex ? 'Search (regular expression)' : 'Search functions'}
          aria-label="Search frames"
          ref={searchRef}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} /> regex
        </label>
        <button type="button" onClick={() => void zoomTo(file.id, 0)} disabled={view.zoom === 0}>
          Reset zoom
        </button>
        <div className="segmented" role="group" aria-label="Orientation">
          <button type="button" aria-pressed={!view.inverted} onClick={() => setInverted(file.id, false)}>
            Flame
          </button>
          <button type="button" aria-pressed={view.inverted} onClick={() => setInverted(file.id, true)}>
            Icicle
          </button>
        </div>
        {flame.view.zoom !== 0 && <PinButton file={file} what="the zoomed frame" onPin={() => pinZoomed(file.id, flame)} />}
        <ExportButtons
          find={() => exportRef.current?.() ?? null}
          fileName={exportName(file.name, 'flame')}
          what="flame graph"
          meta={() => fileChartMeta(file.id, 'Flame graph', true)}
        />
        {zoomed && zoomed.frame >= 0 && sandwichName === '' && (
          <button type="button" onClick={() => onSandwich(zoomed.name)} title="Callers and callees of the zoomed frame's function">
            Sandwich
          </button>
        )}
        {sandwichName !== '' && (
          <span className="chip" data-testid="sandwich-chip">
            Sandwich: {sandwichName}
            <button type="button" aria-label="Close sandwich" onClick={() => void openSandwich(file.id, null)}>
              ×
            </button>
          </span>
        )}
        {view.focus !== null && (
          <span className="chip" data-testid="flame-focus">
            Focus: {view.focus}
            <button type="button" aria-label="Clear focus" onClick={() => void focusFunction(file.id, null)}>
              ×
            </button>
          </span>
        )}
      </div>
      <div className="details" aria-live="polite" data-testid="flame-details">
        {sandwichName !== '' ? (
          <span className="muted">Sandwich of one function; right-click a frame in it to centre the sandwich on that frame&apos;s function.</span>
        ) : !invalid.ok ? (
          <span className="error-text">{invalid.error}</span>
        ) : search && view.search !== '' ? (
          search.error ? (
            <span className="error-text">{search.error}</span>
          ) : (
            <span>
              Matched {search.functions} function{search.functions === 1 ? '' : 's'}: {label(search.matched, unit)} of{' '}
              {label(search.total, unit)} ({percentage(search.matched, search.total).trim()})
            </span>
          )
        ) : (
          <span className="muted">
            {formatCount(flame.view.nodeCount)} frames drawn; click a frame to zoom, hover for details.
          </span>
        )}
      </div>
      {sandwichName !== '' ? (
        file.sandwich && file.sandwich.name === sandwichName ? (
          <SandwichPanel file={file} sandwich={file.sandwich} />
        ) : (
          <div className="muted">{file.viewError ?? `Finding the callers and callees of ${sandwichName}…`}</div>
        )
      ) : (
        <div>
          <FlameGraph
            flame={flame}
            findings={file.knownBugs?.matches}
            inverted={view.inverted}
            search={invalid.ok ? text : ''}
            searchRegex={regex}
            onZoom={onZoom}
            onPin={onPin}
            onSandwich={onSandwich}
            exportRef={exportRef}
          />
        </div>
      )}
    </section>
  );
});
