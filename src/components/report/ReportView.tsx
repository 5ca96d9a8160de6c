// The findings laid out for a meeting: large type, one finding per printed page, each with its
// numbers and a small picture (the frame's path, the group's wait histogram, the row's share).
// Everything from a profile, a note or a link is rendered as text; the only links are a known
// bug's references, which the codec has checked are http(s).

import { useState, type ReactNode } from 'react';
import {
  count,
  groupHeadline,
  kindLabel,
  reportMarkdown,
  reportViewMeta,
  shareText,
  statusLabel,
  waitText,
  type Finding,
  type SharedBug,
  type SharePayload,
  type Snapshot,
} from '../../state/report';
import { downloadBlob, exportName } from './download';
import { HistogramExcerpt, PathExcerpt, ShareBar } from './Excerpts';
import { firstOf, MAX_SHOWN_LABELS } from '../../lib/clip';

function Figures({ f }: { f: Extract<Finding, { kind: 'frame' | 'top-row' }> }) {
  const v = f.values;
  return (
    <table className="report-figures" data-testid="report-figures">
      <thead>
        <tr>
          <th>{v.sampleType}</th>
          <th className="num">value</th>
          <th className="num">of total</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>flat</td>
          <td className="num">{v.flatText}</td>
          <td className="num">{v.flatPct}</td>
        </tr>
        <tr>
          <td>cum</td>
          <td className="num">{v.cumText}</td>
          <td className="num">{v.cumPct}</td>
        </tr>
        <tr>
          <td>total</td>
          <td className="num">{v.totalText}</td>
          <td className="num">100%</td>
        </tr>
      </tbody>
    </table>
  );
}

export function BugBody({ bug }: { bug: SharedBug }) {
  return (
    <div className="report-bug">
      <p>
        <span className={`sev sev-${bug.severity}`}>{bug.severity}</span> <span className="mono">{bug.id}</span> <strong>{bug.title}</strong>{' '}
        <span className={`status status-${bug.status}`}>{statusLabel[bug.status]}</span>
      </p>
      {bug.summary && <p>{bug.summary}</p>}
      {bug.evidence.length > 0 && (
        <ul>
          {bug.evidence.map((e, i) => (
            <li key={i}>
              <span className="muted">{e.label}:</span> {e.value}
            </li>
          ))}
        </ul>
      )}
      {bug.refs.length > 0 && (
        <p className="refs">
          {bug.refs.map((r, i) => (
            <a key={i} href={r.url} target="_blank" rel="noopener noreferrer">
              {r.label}
            </a>
          ))}
        </p>
      )}
    </div>
  );
}

function FindingBody({ f }: { f: Finding }) {
  switch (f.kind) {
    case 'frame':
      return (
        <>
          <p className="mono report-name">{f.func}</p>
          <Figures f={f} />
          <ShareBar values={f.values} />
          <p className="muted">
            Path from the root ({f.path.length} frame{f.path.length === 1 ? '' : 's'}), the pinned frame last:
          </p>
          <PathExcerpt path={f.path} />
        </>
      );
    case 'top-row':
      return (
        <>
          <p className="mono report-name">{f.name}</p>
          <p className="muted">Top table at {f.granularity} granularity</p>
          <Figures f={f} />
          <ShareBar values={f.values} />
        </>
      );
    case 'group':
      return (
        <>
          <p className="report-headline">{groupHeadline(f.group, f.total)}</p>
          <p className="mono muted">
            {f.group.siteFile}
            {f.group.siteLine > 0 ? `:${f.group.siteLine}` : ''}
          </p>
          <p>{waitText(f.group.wait)}</p>
          {f.bucketLabels.length > 0 && (
            <>
              <HistogramExcerpt labels={f.bucketLabels} counts={f.group.histogram} />
              <p className="muted small">goroutines by wait</p>
            </>
          )}
        </>
      );
    case 'bucket':
      return (
        <>
          <p className="report-headline">
            {count(f.count)} goroutine{f.count === 1 ? '' : 's'} with this stack, {waitText(f.wait)}
          </p>
          <p className="muted">
            Group {f.group.state ? `in ${f.group.state} ` : ''}at <span className="mono">{f.group.site}</span>
          </p>
          <ol className="frames report-frames">
            {f.frames.map((fr, i) => (
              <li key={i}>
                <div className="mono">{fr.func}</div>
                <div className="mono muted small">
                  {fr.file}
                  {fr.line > 0 ? `:${fr.line}` : ''}
                </div>
              </li>
            ))}
            {f.depth > f.frames.length && <li className="muted">… {f.depth - f.frames.length} more frames</li>}
          </ol>
          {f.labels.length > 0 && (
            <p className="mono small">
              {firstOf(f.labels).shown.map((l, i) => (
                <span key={i} className="label-chip">
                  {l.key}={l.value}
                </span>
              ))}
              {f.labels.length > MAX_SHOWN_LABELS && <span className="muted">+{(f.labels.length - MAX_SHOWN_LABELS).toLocaleString('en-US')} more labels</span>}
            </p>
          )}
        </>
      );
    case 'known-bug':
      return <BugBody bug={f.bug} />;
  }
}

function ReportFinding({ f, n }: { f: Finding; n: number }) {
  return (
    <section className="report-finding" data-testid="report-finding" data-kind={f.kind}>
      <h2>
        <span className="report-n">{n}.</span> {f.title || kindLabel[f.kind]}
      </h2>
      <p className="report-kind">
        {kindLabel[f.kind]} · pinned {f.createdAt.replace('T', ' ').slice(0, 16)} UTC
      </p>
      {f.note && (
        <p className="report-note" data-testid="report-note">
          {f.note}
        </p>
      )}
      <FindingBody f={f} />
    </section>
  );
}

function SnapshotSection({ s }: { s: Snapshot }) {
  return (
    <section className="report-snapshot" data-testid="report-snapshot">
      <h2>Context</h2>
      {s.top && (
        <>
          <h3>
            Top {s.top.rows.length} of {count(s.top.rowCount)} rows: {s.top.sampleType}, {s.top.granularity}, total {s.top.totalText}
          </h3>
          <table className="report-table mono">
            <thead>
              <tr>
                <th className="num">flat</th>
                <th className="num">flat%</th>
                <th className="num">cum</th>
                <th className="num">cum%</th>
                <th>name</th>
              </tr>
            </thead>
            <tbody>
              {s.top.rows.map((r, i) => (
                <tr key={i}>
                  <td className="num">{r.flatText}</td>
                  <td className="num">{r.flatPct}</td>
                  <td className="num">{r.cumText}</td>
                  <td className="num">{r.cumPct}</td>
                  <td className="name">{r.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {s.goroutines && (
        <>
          <h3>
            Largest {s.goroutines.groups.length} of {count(s.goroutines.groupCount)} goroutine groups ({count(s.goroutines.total)} goroutines)
          </h3>
          <table className="report-table">
            <thead>
              <tr>
                <th className="num">goroutines</th>
                <th className="num">share</th>
                <th>state</th>
                <th>blocking site</th>
                <th>waiting</th>
              </tr>
            </thead>
            <tbody>
              {s.goroutines.groups.map((g, i) => (
                <tr key={i}>
                  <td className="num">{count(g.count)}</td>
                  <td className="num">{shareText(g.count, s.goroutines!.total)}</td>
                  <td>{g.state}</td>
                  <td className="mono name">{g.site}</td>
                  <td>{waitText(g.wait)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {s.knownBugs.length > 0 && (
        <>
          <h3>Known bugs matched</h3>
          {s.knownBugs.map((b, i) => (
            <BugBody key={i} bug={b} />
          ))}
        </>
      )}
    </section>
  );
}

/** The view the findings were pinned in, in the words of an exported chart's header. */
function ViewMeta({ payload }: { payload: SharePayload }) {
  const meta = reportViewMeta(payload);
  return (
    <p className="report-meta small" data-testid="report-view">
      View: {meta.title}
      {meta.lines.slice(1).map((l) => (
        <span key={l.label}>
          <br />
          {l.label}: {l.value}
        </span>
      ))}
    </p>
  );
}

export interface ReportViewProps {
  payload: SharePayload;
  /** Shown above the findings (where the report came from), e.g. a link's banner. */
  banner?: ReactNode;
  onClose?: () => void;
  closeLabel?: string;
}

export function ReportView({ payload, banner, onClose, closeLabel = 'Close report' }: ReportViewProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const { profile, findings, snapshot } = payload;
  const markdown = () => reportMarkdown(payload);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown());
      setCopied('Markdown copied');
    } catch (e) {
      setCopied(`Could not copy (${e instanceof Error ? e.message : String(e)}); use Download instead.`);
    }
  };
  return (
    <article className="report" data-testid="report">
      <div className="report-actions no-print">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" onClick={() => downloadBlob(new Blob([markdown()], { type: 'text/markdown' }), exportName(profile.name, 'findings.md'))}>
          Download Markdown
        </button>
        <button type="button" onClick={() => void copy()}>
          Copy Markdown
        </button>
        {copied && (
          <span className="muted" role="status">
            {copied}
          </span>
        )}
        {onClose && (
          <button type="button" className="report-close" onClick={onClose}>
            {closeLabel}
          </button>
        )}
      </div>
      {banner}
      <header className="report-head">
        <h1>Findings: {profile.name}</h1>
        <p className="report-meta">
          {profile.format}, {count(profile.size)} bytes{profile.time ? `, taken ${profile.time.replace('T', ' ').slice(0, 19)} UTC` : ''}
        </p>
        <p className="report-meta mono small">SHA-256 {profile.sha256}</p>
        <ViewMeta payload={payload} />
      </header>
      {findings.length === 0 ? (
        <p className="muted">No findings pinned yet.</p>
      ) : (
        findings.map((f, i) => <ReportFinding key={`${i}:${f.id}`} f={f} n={i + 1} />)
      )}
      {snapshot && <SnapshotSection s={snapshot} />}
    </article>
  );
}
