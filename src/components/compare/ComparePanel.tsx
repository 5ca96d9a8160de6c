// Comparing open files: base and target (with a swap), what grew and by how much. Profiles get
// a differential flame graph and a diff top table; goroutine dumps also get growth per
// blocking site, ranked as leak suspects, and a timeline with three or more dumps.

import { useCallback } from 'react';
import { closeCompare, setComparePalette, setCompareTab, swapCompare, updateCompare, type ComparePalette } from '../../state/compare';
import { useStore } from '../../state/store';
import { granularities, type Granularity } from '../../state/types';
import { CaptureTimes } from './CaptureTimes';
import { FileSelect } from './FileSelect';
import { DiffFlameGraph } from './DiffFlameGraph';
import { DiffTopTable } from './DiffTopTable';
import { GrowthTable } from './GrowthTable';
import { GrowthTimeline } from './GrowthTimeline';
import { exportName } from '../report/download';
import { ReplicaTable } from './ReplicaTable';
import { palettes } from './diffColor';

export function ComparePanel() {
  const c = useStore((s) => s.compare);
  const onZoom = useCallback((node: number) => void updateCompare({ zoom: node }), []);
  if (!c) return null;
  if (c.status === 'loading') return <p className="muted load-progress">Reading {c.names.length} files for the comparison…</p>;
  if (c.status === 'error' || !c.info) {
    return (
      <div className="error-banner" role="alert">
        <strong>Could not compare these files.</strong>
        <p>{c.error}</p>
        <button type="button" onClick={closeCompare}>
          Close
        </button>
      </div>
    );
  }
  const sampleTypes = c.info.files[c.target]!.sampleTypes;
  return (
    <div className="compare" data-testid="compare">
      <header className="profile-header">
        <div className="controls">
          <strong>Compare</strong>
          <FileSelect label="Base" names={c.names} value={c.base} onChange={(base) => void updateCompare({ base })} />
          <button type="button" onClick={() => void swapCompare()} aria-label="Swap base and target">
            ⇄ Swap
          </button>
          <FileSelect label="Target" names={c.names} value={c.target} onChange={(target) => void updateCompare({ target })} />
          <label>
            Sample type{' '}
            <select aria-label="Sample type" value={c.sampleIndex} onChange={(e) => void updateCompare({ sampleIndex: Number(e.target.value) })}>
              {sampleTypes.map((t, i) => (
                <option key={i} value={i}>
                  {t.type} ({t.unit})
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={c.normalize} onChange={(e) => void updateCompare({ normalize: e.target.checked })} /> normalize the base to the
            target&apos;s total
          </label>
          <label>
            Colours{' '}
            <select aria-label="Colours" value={c.palette} onChange={(e) => setComparePalette(e.target.value as ComparePalette)}>
              {(Object.keys(palettes) as ComparePalette[]).map((p) => (
                <option key={p} value={p}>
                  {palettes[p].label}
                </option>
              ))}
            </select>
          </label>
          {c.busy && <span className="spinner" aria-label="Working" />}
          <button type="button" onClick={closeCompare}>
            Close comparison
          </button>
        </div>
        {c.error && <p className="error-text">{c.error}</p>}
      </header>

      {c.kind === 'goroutines' && (
        <section className="compare-growth" aria-label="Goroutine growth">
          {c.growth?.sameProcess === false ? (
            <>
              <h2>Side by side: goroutines per blocking site in each process</h2>
              <ReplicaTable growth={c.growth} names={c.names} />
            </>
          ) : (
            <>
              <h2>Leak suspects: growth per blocking site</h2>
              <CaptureTimes compare={c} />
              {c.growth && <GrowthTable growth={c.growth} names={c.names} />}
              {c.growth && c.growth.order.length >= 3 && <GrowthTimeline growth={c.growth} fileName={exportName(c.names[c.target] ?? 'dumps', 'growth')} />}
            </>
          )}
        </section>
      )}

      {c.base === c.target ? (
        <p className="muted">Base and target are the same file: choose two different ones to see what changed.</p>
      ) : (
        <section className="flame-panel">
          <div className="toolbar">
            <div className="segmented" role="tablist" aria-label="Comparison view">
              <button type="button" role="tab" aria-selected={c.tab === 'flame'} onClick={() => setCompareTab('flame')}>
                Differential flame graph
              </button>
              <button type="button" role="tab" aria-selected={c.tab === 'top'} onClick={() => setCompareTab('top')}>
                Top (base, target, delta)
              </button>
            </div>
            {c.tab === 'top' && (
              <label>
                Granularity{' '}
                <select aria-label="Granularity" value={c.granularity} onChange={(e) => void updateCompare({ granularity: e.target.value as Granularity })}>
                  {granularities.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {c.tab === 'flame' && (
              <button type="button" disabled={c.zoom === 0} onClick={() => void updateCompare({ zoom: 0 })}>
                Reset zoom
              </button>
            )}
            <span className="muted">
              {c.names[c.target]} minus {c.names[c.base]}
              {c.diffFlame && c.diffFlame.baseScale !== 1 ? `; base scaled by ${c.diffFlame.baseScale.toFixed(3)}` : ''}
            </span>
          </div>
          {c.tab === 'flame' && c.diffFlame && (
            <DiffFlameGraph flame={c.diffFlame} palette={c.palette} onZoom={onZoom} baseName={c.names[c.base] ?? ''} targetName={c.names[c.target] ?? ''} />
          )}
          {c.tab === 'top' && c.diffTop && <DiffTopTable table={c.diffTop} />}
        </section>
      )}
    </div>
  );
}
