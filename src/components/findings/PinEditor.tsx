// Title and note of a finding being pinned or edited. The note is plain text: it is shown as
// text everywhere (panel, report, link), never as markup. Text over the limit is never cut: a
// counter shows how far over it is and Pin stays disabled until it fits.

import { useEffect, useRef, useState } from 'react';
import { closeDraft, pinTextLimits, savePin, usePins } from '../../state/findings';
import { formatCount } from '../../lib/goformat';
import { findingSummary, kindLabel } from '../../state/report';

const TITLE_CHARS = pinTextLimits.titleChars;
const NOTE_CHARS = pinTextLimits.noteChars;

/** "4,012 / 4,000", marked (and announced) when over the limit. */
function Counter({ n, max, testId }: { n: number; max: number; testId: string }) {
  const over = n > max;
  return (
    <span className={over ? 'char-counter over' : 'char-counter muted'} data-testid={testId} aria-live="polite">
      {formatCount(n)} / {formatCount(max)}
      {over && ` (${formatCount(n - max)} too many)`}
    </span>
  );
}

export function PinEditor() {
  const draft = usePins((s) => s.draft);
  if (!draft) return null;
  return <Editor key={`${draft.sha256}:${draft.finding.id}`} />;
}

function Editor() {
  const draft = usePins((s) => s.draft)!;
  const { finding } = draft;
  const [title, setTitle] = useState(finding.title);
  const [note, setNote] = useState(finding.note);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.select(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeDraft();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const titleOver = title.trim().length > TITLE_CHARS;
  const noteOver = note.length > NOTE_CHARS;
  const save = () => {
    if (titleOver || noteOver) return;
    const r = savePin(draft.sha256, { ...finding, title: title.trim(), note });
    if (r.ok) closeDraft();
    else setError(r.error);
  };
  return (
    <div className="modal-backdrop" onClick={closeDraft}>
      <form
        className="modal pin-editor"
        role="dialog"
        aria-modal="true"
        aria-labelledby="pin-editor-title"
        data-testid="pin-editor"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <header className="modal-head">
          <h2 id="pin-editor-title">{draft.editing ? 'Edit finding' : `Pin ${kindLabel[finding.kind].toLowerCase()}`}</h2>
          <button type="button" aria-label="Close" onClick={closeDraft}>
            ×
          </button>
        </header>
        <p className="muted small mono">{findingSummary(finding)}</p>
        <label className="field">
          Title
          <input ref={titleRef} type="text" value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Title" aria-invalid={titleOver} required />
          {(titleOver || title.trim().length > TITLE_CHARS * 0.9) && <Counter n={title.trim().length} max={TITLE_CHARS} testId="pin-title-counter" />}
        </label>
        <label className="field">
          Note <span className="muted">(plain text: what this means, what to do)</span>
          <textarea value={note} rows={6} onChange={(e) => setNote(e.target.value)} aria-label="Note" aria-invalid={noteOver} />
          <Counter n={note.length} max={NOTE_CHARS} testId="pin-note-counter" />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={title.trim() === '' || titleOver || noteOver}>
            {draft.editing ? 'Save' : 'Pin'}
          </button>
          <button type="button" onClick={closeDraft}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
