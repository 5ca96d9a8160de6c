// The findings pinned to this file, in the order a report shows them: reorder, edit, delete,
// and go back to where each one was pinned. Notes are plain text.

import { useState, memo } from 'react';
import { dismissNotice, movePin, removePin, startEdit, usePins, usePinsOf } from '../../state/findings';
import { findingSummary, kindLabel } from '../../state/report';
import { showFinding } from '../../state/share';
import type { FileSlice } from '../../state/store';
import { revealFinding } from './findingIndex';

const PIN_HINT = 'Pin a flame-graph frame (zoom to it, or shift-click it), a top-table row, a goroutine group or stack, or a known bug, to collect findings for a report or a link.';

export const PinnedFindings = memo(function PinnedFindings({ file }: { file: FileSlice<'identity' | 'knownBugs'> }) {
  const pins = usePinsOf(file);
  const sha = file.identity?.sha256 ?? null;
  const notice = usePins((s) => (sha ? s.notices[sha] : undefined));
  const identityError = usePins((s) => s.identityErrors[file.id]);
  const [message, setMessage] = useState<string | null>(null);
  // A full list can be folded to its heading line, out of the view's way; an empty one is one line.
  const [folded, setFolded] = useState(false);
  const show = async (i: number) => {
    const f = pins[i]!;
    if (f.kind === 'known-bug') {
      revealFinding(f.bug.id);
      return setMessage(null);
    }
    setMessage(await showFinding(file.id, f));
  };
  return (
    <section className={pins.length === 0 ? 'pinned pinned-empty' : 'pinned'} aria-label="Pinned findings" data-testid="pinned-findings">
      <div className="fold-head">
        <h2>
          Pinned findings <span className="muted">({pins.length})</span>
        </h2>
        {pins.length > 0 && (
          <button type="button" className="fold-button" aria-expanded={!folded} aria-controls={`pin-list-${file.id}`} onClick={() => setFolded(!folded)}>
            {folded ? 'Show' : 'Hide'}
          </button>
        )}
      </div>
      {identityError && (
        <p className="error-text" role="alert">
          Nothing can be pinned to this file: its SHA-256 could not be computed ({identityError}).
        </p>
      )}
      {notice && sha && (
        <p className="warn-banner" role="alert" data-testid="pins-notice">
          {notice}{' '}
          <button type="button" className="link" onClick={() => dismissNotice(sha)}>
            Dismiss
          </button>
        </p>
      )}
      {message && (
        <p className="notes" role="status">
          {message}
        </p>
      )}
      {pins.length === 0 ? (
        <p className="muted small pin-hint" title={PIN_HINT}>
          {PIN_HINT}
        </p>
      ) : folded ? null : (
        <ol className="pin-list" id={`pin-list-${file.id}`}>
          {pins.map((f, i) => (
            <li key={f.id} className="pin" data-testid="pinned-finding" data-kind={f.kind}>
              <div className="pin-head">
                <span className="pin-kind">{kindLabel[f.kind]}</span>
                <strong className="pin-title">{f.title}</strong>
                <span className="pin-actions">
                  {f.kind !== 'known-bug' || file.knownBugs?.matches.some((b) => b.id === f.bug.id) ? (
                    <button type="button" onClick={() => void show(i)}>
                      Show
                    </button>
                  ) : null}
                  <button type="button" aria-label="Move up" disabled={i === 0} onClick={() => sha && movePin(sha, f.id, -1)}>
                    ↑
                  </button>
                  <button type="button" aria-label="Move down" disabled={i === pins.length - 1} onClick={() => sha && movePin(sha, f.id, 1)}>
                    ↓
                  </button>
                  <button type="button" onClick={() => sha && startEdit(sha, f)}>
                    Edit
                  </button>
                  <button type="button" onClick={() => sha && removePin(sha, f.id)}>
                    Delete
                  </button>
                </span>
              </div>
              <div className="pin-figures mono small" data-testid="pin-figures">
                {findingSummary(f)}
              </div>
              {f.note && (
                <p className="pin-note" data-testid="pin-note">
                  {f.note}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});
