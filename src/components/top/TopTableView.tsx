// The top table: pprof's columns and numbers, sortable, filterable by regex, and virtualized so
// that 100,000 rows scroll smoothly (only the rows in view exist in the DOM).

import { useEffect, useMemo, useRef, useState, memo } from 'react';
import { focusFunction, openSandwich, setTopFilter, setTopSort } from '../../state/actions';
import type { FileSlice, TopSort } from '../../state/store';
import { percentage, scaledLabel } from '../../lib/units';
import { FindingBadges } from '../findings/FindingBadge';
import { indexFindings } from '../findings/findingIndex';
import { PinButton } from '../findings/PinButton';
import { pinTopRow } from '../../state/findings';
import { formatCount } from '../../lib/goformat';
import { sameTable, tableKey } from '../../state/types';
import { distinctNames } from '../../lib/distinctNames';
import { useFitHeight } from '../common/useFitHeight';
import { useRovingRows } from '../common/useRovingRows';
import { useViewKeys } from '../common/shortcuts';

const ROW_HEIGHT = 24;
/** The rows' viewport: the window's room under it (see useFitHeight), at least 10 rows. */
const TOP_FIT = { min: 240, gap: 26, prop: 'height' } as const;
const OVERSCAN = 12;
const inlineMark = ['', ' (inline)', ' (partial-inline)'];

type Column = { key: TopSort['key'] | null; label: string; className: string };
const columns: Column[] = [
  { key: 'flat', label: 'flat', className: 'num' },
  { key: 'flat', label: 'flat%', className: 'num' },
  { key: null, label: 'sum%', className: 'num' },
  { key: 'cum', label: 'cum', className: 'num' },
  { key: 'cum', label: 'cum%', className: 'num' },
  { key: 'name', label: 'name', className: 'name' },
];

export const TopTableView = memo(function TopTableView({ file }: { file: FileSlice<'knownBugs' | 'top' | 'topOrder' | 'identity', 'granularity' | 'topFilter' | 'topSort'> }) {
  const top = file.top!;
  const { topFilter, topSort } = file.view;
  const [filterText, setFilterText] = useState(topFilter);
  useEffect(() => setFilterText(topFilter), [topFilter]);
  useEffect(() => {
    if (filterText === topFilter) return;
    const t = setTimeout(() => void setTopFilter(file.id, filterText), 150);
    return () => clearTimeout(t);
  }, [filterText, topFilter, file.id]);

  // The worker filters and sorts (topOrder); until its answer for this table arrives, pprof's order.
  const order = useMemo(() => {
    const o = file.topOrder;
    if (o && sameTable(o.of, tableKey(top))) return o;
    const rows = Uint32Array.from({ length: top.rows.length }, (_, i) => i);
    const runningFlat = new Float64Array(rows.length);
    let sum = 0;
    for (let i = 0; i < rows.length; i++) runningFlat[i] = sum += top.rows.flat[i]!;
    return { rows, runningFlat, error: null, rowFilter: '', sort: null };
  }, [file.topOrder, top]);
  // Until the worker answers the view's filter and sort, the rows shown are an older order: dimmed, and marked busy.
  const pending = filterText !== topFilter || order.rowFilter !== topFilter || JSON.stringify(order.sort) !== JSON.stringify(topSort);
  const index = useMemo(() => indexFindings(file.knownBugs?.matches), [file.knownBugs]);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useFitHeight(scrollRef, TOP_FIT);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A set of replicas: after pprof's columns, each member's flat for the row (its own tab's figure).
  const members = top.members;
  const short = useMemo(() => (members ? distinctNames(members.names) : []), [members]);
  const grid = members ? { gridTemplateColumns: `100px 70px 70px 100px 70px ${members.names.map(() => '96px').join(' ')} minmax(0, 1fr)` } : undefined;

  // Keyboard: `/` focuses the filter, Esc clears it; ↑ ↓ move through the rows, Enter opens one.
  const filterRef = useRef<HTMLInputElement>(null);
  useViewKeys({
    search: filterRef,
    escape: () => {
      if (filterText === '') return false;
      setFilterText('');
      return true;
    },
  });
  const focusNameOf = (r: number) => (file.view.granularity === 'functions' ? top.rows.name[r]! : top.rows.funcName[r]!);
  const roving = useRovingRows(
    order.rows.length,
    (i) => {
      const name = focusNameOf(order.rows[i]!);
      if (name) void focusFunction(file.id, name);
    },
    (i) => {
      // Scroll the row into the rendered range (the table is virtualized) before it is focused.
      const el = scrollRef.current;
      if (!el) return;
      const y = i * ROW_HEIGHT;
      let next = el.scrollTop;
      if (y < next) next = y;
      else if (y + ROW_HEIGHT > next + el.clientHeight) next = y + ROW_HEIGHT - el.clientHeight;
      if (next === el.scrollTop) return;
      el.scrollTop = next;
      setScrollTop(next);
    },
  );

  const unit = top.sampleType.unit;
  const fmt = (v: number) => scaledLabel(v, unit, top.outputUnit);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(order.rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const clickSort = (key: TopSort['key'] | null) => {
    if (!key) return;
    if (!topSort || topSort.key !== key) void setTopSort(file.id, { key, desc: key !== 'name' });
    else if (topSort.desc === (key !== 'name')) void setTopSort(file.id, { key, desc: !topSort.desc });
    else void setTopSort(file.id, null); // third click: back to pprof's order
  };

  const head = (c: Column) => (
    <span
      key={c.label}
      role="columnheader"
      className={`${c.className}${c.key ? ' sortable' : ''}`}
      aria-sort={topSort && c.key === topSort.key ? (topSort.desc ? 'descending' : 'ascending') : undefined}
      onClick={() => clickSort(c.key)}
      tabIndex={c.key ? 0 : undefined}
      onKeyDown={(e) => {
        if (c.key && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          clickSort(c.key);
        }
      }}
      title={c.key ? `Sort by ${c.key}` : undefined}
    >
      {c.label}
      {topSort && c.key === topSort.key && !c.label.endsWith('%') ? (topSort.desc ? ' ▼' : ' ▲') : ''}
    </span>
  );

  const rows = [];
  for (let i = first; i < last; i++) {
    const r = order.rows[i]!;
    const name = top.rows.name[r]!;
    const focusName = focusNameOf(r);
    rows.push(
      <div
        key={r}
        {...roving.rowProps(i)}
        aria-rowindex={i + 2}
        role="row"
        className={`top-row${focusName ? ' clickable' : ''}`}
        style={{ transform: `translateY(${i * ROW_HEIGHT}px)`, ...grid }}
        title={focusName ? `Show ${focusName} in the flame graph` : undefined}
        onClick={() => focusName && void focusFunction(file.id, focusName)}
        data-row={i}
      >
        <span role="cell" className="num">{fmt(top.rows.flat[r]!)}</span>
        <span role="cell" className="num">{percentage(top.rows.flat[r]!, top.total).trim()}</span>
        <span role="cell" className="num">{percentage(order.runningFlat[i]!, top.total).trim()}</span>
        <span role="cell" className="num">{fmt(top.rows.cum[r]!)}</span>
        <span role="cell" className="num">{percentage(top.rows.cum[r]!, top.total).trim()}</span>
        {members?.flat.map((flat, m) => (
          <span
            key={m}
            role="cell"
            className={`num member-flat${flat[r] === 0 ? ' muted' : ''}`}
            title={`${members.names[m]}: flat ${fmt(flat[r]!)} (${percentage(flat[r]!, members.totals[m]!).trim()} of its own total), cum ${fmt(members.cum[m]![r]!)}`}
          >
            {fmt(flat[r]!)}
          </span>
        ))}
        <span role="cell" className="name">
          {name}
          {inlineMark[top.rows.inline[r]!] ? <span className="inline-mark">{inlineMark[top.rows.inline[r]!]}</span> : null}
          <FindingBadges findings={index.byName.get(top.rows.funcName[r] || name)} />
        </span>
        {/* The row's buttons, in a cell of their own (a row holds cells only); placed over the row's right end. */}
        <span role="cell" className="row-actions">
          {focusName ? (
            <button
              type="button"
              className="row-sandwich"
              aria-label={`Callers and callees of ${focusName}`}
              title={`Callers and callees of ${focusName} (sandwich)`}
              onClick={(e) => {
                e.stopPropagation();
                void openSandwich(file.id, focusName);
              }}
            >
              ⇅
            </button>
          ) : null}
          <PinButton file={file} what={`row ${name}`} onPin={() => pinTopRow(file.id, r)} className="row-pin top-pin" />
        </span>
      </div>,
    );
  }

  return (
    <section className="top-panel" aria-label="Top table">
      <div className="toolbar">
        <input
          type="search"
          className="search-input"
          placeholder="Filter rows (regular expression)"
          aria-label="Filter rows"
          ref={filterRef}
          value={filterText}
          onChange={(e) => setFilterText(e.target.value)}
        />
        <span className="muted" data-testid="top-count">
          {formatCount(order.rows.length)} of {formatCount(top.rows.length)} rows
        </span>
        {order.error && <span className="error-text">{order.error}</span>}
      </div>
      <div className={pending ? 'top-table pending' : 'top-table'} role="table" aria-rowcount={order.rows.length + 1} aria-busy={pending} data-testid="top-table">
        <div className="top-row top-head" role="row" aria-rowindex={1} style={grid}>
          {columns.slice(0, 5).map(head)}
          {members?.names.map((n, m) => (
            <span key={n} role="columnheader" className="num member-head" title={`flat in ${n} (total ${fmt(members.totals[m]!)})`}>
              {short[m]}
            </span>
          ))}
          {columns.slice(5).map(head)}
        </div>
        <div
          className="top-scroll"
          ref={(el) => {
            scrollRef.current = el;
            roving.containerRef.current = el;
          }}
          onKeyDown={roving.onKeyDown}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div className="top-rows" style={{ height: order.rows.length * ROW_HEIGHT }}>
            {rows}
          </div>
        </div>
      </div>
    </section>
  );
});
