// Known bugs this file looks like, most severe first: what was seen (with the numbers), why it
// matched, what the version means, what to do, and where to read more. Text only. A finding
// that is not established says so with a badge and what would confirm it (early: waits not yet
// long; age unknown: the format has no wait times).

import { useState, memo } from 'react';
import type { FileSlice, OpenFile } from '../../state/store';
import type { KnownBugMatch } from '../../state/types';
import { pinKnownBug } from '../../state/findings';
import { PinButton } from './PinButton';
import { formatCount } from '../../lib/goformat';

const statusLabel: Record<KnownBugMatch['status'], string> = {
  affected: 'affected',
  fixed: 'fixed in this version',
  'not-affected': 'not in this version',
  'unknown-version': 'version unknown',
};

const stageLabel: Record<KnownBugMatch['stage'], string> = {
  established: '',
  early: 'early',
  'age-unknown': 'age unknown',
};

const stageTitle: Record<KnownBugMatch['stage'], string> = {
  established: '',
  early: 'The pile-up is there at full count, but its goroutines have not waited long yet',
  'age-unknown': 'This format carries no wait times: new and long-standing pile-ups look the same',
};

function FindingCard({ f, file }: { f: KnownBugMatch; file: FileSlice<'identity'> }) {
  const [open, setOpen] = useState(false);
  return (
    <article className={`finding sev-${f.severity}`} id={`finding-${f.id}`} data-testid="finding" data-finding={f.id}>
      <header>
        <span className={`sev sev-${f.severity}`}>{f.severity}</span>
        <span className="finding-id mono">{f.id}</span>
        <strong className="finding-title">{f.title}</strong>
        {f.stage !== 'established' && (
          <span className={`stage stage-${f.stage}`} data-testid="finding-stage" title={stageTitle[f.stage]}>
            {stageLabel[f.stage]}
          </span>
        )}
        <span className={`status status-${f.status}`} data-testid="finding-status">
          {statusLabel[f.status]}
        </span>
        <PinButton file={file} what={`known bug ${f.id}`} onPin={() => pinKnownBug(file.id, f)} />
      </header>
      <p className="evidence" data-testid="finding-evidence">
        {f.replicas ? `Strongest in ${f.replicas.find((r) => r.strongest)?.name ?? 'one replica'}: ` : ''}
        {f.evidence.summary}
      </p>
      {f.replicas && <ReplicaList replicas={f.replicas} />}
      {f.evidence.blockRate && (
        <p className="block-rate" data-testid="finding-block-rate" title="From this dump's wait minutes alone: ±1 minute, and up to one GC interval late">
          From this dump alone: {f.evidence.blockRate}.
        </p>
      )}
      {f.stageText && (
        <p className={`stage-text stage-${f.stage}`} data-testid="finding-stage-text">
          {f.stageText}
        </p>
      )}
      <p className="status-text">{f.statusText}</p>
      <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? 'Less' : 'Why, and what to do'}
      </button>
      {open && (
        <div className="finding-more">
          <h4>Why it matched</h4>
          <ul>
            {f.evidence.why.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          {f.evidence.groups && f.evidence.groups.length > 0 && (
            <ul className="mono small">
              {f.evidence.groups.map((g) => (
                <li key={`${g.state}|${g.site}`}>
                  {formatCount(g.count)} {g.state ? `in ${g.state} ` : ''}at {g.site}
                  {g.wait ? `, waiting ${g.wait.min}-${g.wait.max} min (median ${g.wait.median})` : ''}
                </li>
              ))}
            </ul>
          )}
          <h4>What it is</h4>
          <p>{f.explanation}</p>
          <h4>What to do</h4>
          <p>{f.remedy}</p>
          <h4>When this is not the bug</h4>
          <p>{f.thresholdsNote}</p>
          <p className="muted">
            Affected: {f.affectedText}. Fixed: {f.fixedText}. Confidence: {f.confidence}.
          </p>
          <p className="refs">
            {f.references.map((r) => (
              <a key={r.url} href={r.url} target="_blank" rel="noopener noreferrer">
                {r.label}
              </a>
            ))}
          </p>
        </div>
      )}
    </article>
  );
}

/** Bugs this format cannot decide (their test is a wait time, the format carries none). */
function Undecided({ result }: { result: NonNullable<OpenFile['knownBugs']> }) {
  const undecided = result.undecided ?? [];
  if (undecided.length === 0) return null;
  return (
    <ul className="undecided muted" aria-label="Not decidable from this format">
      {undecided.map((u) => (
        <li key={u.id} data-testid="undecided" data-finding={u.id}>
          <span className="finding-id mono">{u.id}</span> {u.title}: not decidable from this format. {u.text}
        </li>
      ))}
    </ul>
  );
}

export const FindingsPanel = memo(function FindingsPanel({ file }: { file: FileSlice<'identity' | 'knownBugs'> }) {
  const result = file.knownBugs;
  // The cards can be folded to their heading line (which still names each bug), out of the view's way.
  const [folded, setFolded] = useState(false);
  if (!result) return null;
  if (result.matches.length === 0) {
    return (
      <>
        <p className="no-findings muted" data-testid="no-findings">
          No known kube-apiserver or client-go bug matches this {result.kind} profile ({result.checked} checked).
        </p>
        <Undecided result={result} />
      </>
    );
  }
  return (
    <section className={folded ? 'findings findings-folded' : 'findings'} aria-label="Known bugs" data-testid="findings">
      <div className="fold-head">
        <h2>
          Looks like {result.matches.length === 1 ? 'a known bug' : `${result.matches.length} known bugs`}
          {folded && <span className="findings-folded-ids">: {result.matches.map((f) => f.id).join(', ')}</span>}
        </h2>
        <button type="button" className="fold-button" aria-expanded={!folded} aria-controls={`findings-${file.id}`} onClick={() => setFolded(!folded)}>
          {folded ? 'Show' : 'Hide'}
        </button>
      </div>
      {!folded && (
        <div id={`findings-${file.id}`}>
          {result.matches.map((f) => (
            <FindingCard key={f.id} f={f} file={file} />
          ))}
          <Undecided result={result} />
        </div>
      )}
    </section>
  );
});

/** Which replicas of a set show the finding, and how far it goes in each. */
function ReplicaList({ replicas }: { replicas: NonNullable<KnownBugMatch['replicas']> }) {
  const seen = replicas.filter((r) => r.stage !== null).length;
  return (
    <div className="finding-replicas" data-testid="finding-replicas">
      <p className="muted">
        Seen in {seen} of {replicas.length} replicas:
      </p>
      <ul>
        {replicas.map((r) => (
          <li key={r.name} className={r.stage === null ? 'muted' : undefined} data-stage={r.stage ?? 'none'}>
            <span className="mono">{r.name}</span>: {r.stage === null ? 'not seen' : `${r.stage === 'established' ? '' : `${stageLabel[r.stage]}: `}${r.summary}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
