// What crashed, first: the panic chain or fatal error as the runtime printed it, the signal and
// its address, how the process ended, and the goroutine that crashed, one click from its stack.
// Every figure names the line it was read from.

import { selectGroup } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import type { CrashGoroutine, CrashReport, GoroutinesResult } from '../../state/types';

/** The marker the crashed goroutine's group carries in the group table. */
export function crashMarker(crash: CrashReport): string {
  return crash.kind === 'panic' ? 'panicked here' : crash.kind === 'fatal' ? 'fatal error here' : 'signal arrived here';
}

function title(crash: CrashReport): string {
  switch (crash.kind) {
    case 'panic':
      return crash.panics.length > 1 ? `Panic (${crash.panics.length} panics in the chain)` : 'Panic';
    case 'fatal':
      return 'Fatal error';
    case 'signal':
      return `Signal ${crash.signal?.name ?? ''}`.trim();
    case 'other':
      return 'Crash output';
  }
}

function why(g: CrashGoroutine, crash: CrashReport): string {
  switch (g.reason) {
    case 'first-running':
      return `the runtime prints the goroutine that ${crash.kind === 'panic' ? 'panicked' : 'threw'} first after the ${crash.kind === 'panic' ? 'panic' : 'error'}, and this one is [running]`;
    case 'holds-throw':
      return 'its stack passes through runtime.throw, runtime.fatal or a panic';
    case 'signal':
      return 'the runtime prints the goroutine the signal arrived on first';
  }
}

function lineRef(line: number): string {
  return `line ${line}`;
}

export function CrashSummary({ file, crash, result }: { file: FileSlice<never>; crash: CrashReport; result: GoroutinesResult | null }) {
  const place = result?.crashPlace;
  const group = place ? result?.grouping.groups[place.group] : undefined;
  const g = crash.goroutine;
  const signal = crash.signal;
  return (
    <section className="crash-summary" role="region" aria-label="What crashed" data-testid="crash-summary">
      <h2 className="crash-title">{title(crash)}</h2>
      {crash.panics.length > 0 && (
        <ol className="panic-chain" aria-label="Panic chain, oldest first">
          {crash.panics.map((p, i) => (
            <li key={p.line} className={i === crash.panics.length - 1 ? 'panic-link last' : 'panic-link'}>
              <span className="mono crash-message">panic: {p.message}</span>{' '}
              {p.repanicked ? (
                <span className="crash-tag">recovered, repanicked</span>
              ) : p.recovered ? (
                <span className="crash-tag">recovered</span>
              ) : null}{' '}
              <span className="muted small">
                {lineRef(p.line)}
                {i > 0 ? ', raised while the panic above ran its deferred calls' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
      {crash.fatal.map((f) => (
        <p key={f.line} className="crash-fatal">
          <span className="mono crash-message">fatal error: {f.message}</span> <span className="muted small">{lineRef(f.line)}</span>
        </p>
      ))}
      {crash.runtime.length > 0 && (
        <ul className="crash-runtime" aria-label="Runtime diagnostics">
          {crash.runtime.map((r) => (
            <li key={r.line}>
              <span className="mono">runtime: {r.message}</span> <span className="muted small">{lineRef(r.line)}</span>
            </li>
          ))}
        </ul>
      )}
      <dl className="crash-facts">
        {signal && (
          <>
            <dt>Signal</dt>
            <dd data-testid="crash-signal">
              <span className="mono">
                {signal.name}
                {signal.description ? `: ${signal.description}` : ''}
              </span>
              {signal.addr !== undefined && (
                <>
                  {' '}
                  at address <span className="mono">{signal.addr}</span>
                </>
              )}
              {signal.code !== undefined && (
                <>
                  , code <span className="mono">{signal.code}</span>
                </>
              )}
              {signal.pc !== undefined && (
                <>
                  , pc <span className="mono">{signal.pc}</span>
                </>
              )}
              {signal.m !== undefined && (
                <>
                  , thread m=<span className="mono">{signal.m}</span>
                </>
              )}{' '}
              <span className="muted small">{lineRef(signal.line)}</span>
            </dd>
          </>
        )}
        {crash.raised && (
          <>
            <dt>Then</dt>
            <dd data-testid="crash-raised">
              the runtime raised <span className="mono">{crash.raised.name}{crash.raised.description ? `: ${crash.raised.description}` : ''}</span> on
              itself to crash (GOTRACEBACK=crash) <span className="muted small">{lineRef(crash.raised.line)}</span>
            </dd>
          </>
        )}
        {(crash.exitStatus || crash.exitSignal) && (
          <>
            <dt>Process</dt>
            <dd data-testid="crash-exit">
              {crash.exitStatus && (
                <>
                  <span className="mono">exit status {crash.exitStatus.code}</span> <span className="muted small">{lineRef(crash.exitStatus.line)}</span>
                </>
              )}
              {crash.exitSignal && (
                <>
                  {crash.exitStatus ? '; ' : ''}
                  ended by <span className="mono">signal: {crash.exitSignal.text}</span>{' '}
                  <span className="muted small">{lineRef(crash.exitSignal.line)}</span>
                </>
              )}
            </dd>
          </>
        )}
        {crash.runtimeStacks.length > 0 && (
          <>
            <dt>Runtime stack</dt>
            <dd>
              {crash.runtimeStacks.map((r) => `${r.frames} system-stack frame${r.frames === 1 ? '' : 's'} (lines ${r.line}–${r.endLine})`).join('; ')}
            </dd>
          </>
        )}
        {crash.registers.length > 0 && (
          <>
            <dt>Registers</dt>
            <dd>{crash.registers.map((r) => `${r.count} registers (lines ${r.line}–${r.endLine})`).join('; ')}</dd>
          </>
        )}
      </dl>
      {g ? (
        <div className="crash-goroutine" data-testid="crash-goroutine">
          <span className="crash-tag">{crashMarker(crash)}</span>{' '}
          <strong>goroutine {g.id}</strong>
          {group && (
            <>
              {' '}
              [{group.state}] at <span className="mono">{group.site}</span>
            </>
          )}{' '}
          <span className="muted small">
            {lineRef(g.line)}; {why(g, crash)}
          </span>{' '}
          {place ? (
            <button type="button" onClick={() => void selectGroup(file.id, place.group, place.bucket)}>
              Open its stack
            </button>
          ) : result ? (
            <span className="muted">(left out by the current filters)</span>
          ) : null}
        </div>
      ) : (
        crash.kind !== 'other' && (
          <p className="muted" data-testid="crash-goroutine">
            No goroutine can be named as the one that crashed: the first goroutine printed after the{' '}
            {crash.kind === 'signal' ? 'signal' : 'message'} is not running and none holds a throw (the runtime may have thrown from its
            scheduler, as for a deadlock).
          </p>
        )
      )}
      <details className="crash-lines">
        <summary>
          Crash output as printed ({crash.lineCount} line{crash.lineCount === 1 ? '' : 's'}
          {crash.lines.length < crash.lineCount ? `, the first ${crash.lines.length} shown` : ''})
        </summary>
        <pre className="mono small">{crash.lines.map((l) => `${String(l.line).padStart(6)}  ${l.text}`).join('\n')}</pre>
      </details>
    </section>
  );
}
