// Title and note of a finding being pinned or edited. The note is plain text: it is shown as
// text everywhere (panel, report, link), never as markup.

import { useEffect, useRef, useState } from 'react';
import { closeDraft, savePin, usePins } from '../../state/findings';
import { findingSummary, kindLabel } from '../../state/report';

const TITLE_CHARS = 200;
const NOTE_CHARS = 4000;

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
  const save = () => {
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
          <input ref={titleRef} type="text" value={title} maxLength={TITLE_CHARS} onChange={(e) => setTitle(e.target.value)} aria-label="Title" required />
        </label>
        <label className="field">
          Note <span className="muted">(plain text: what this means, what to do)</span>
          <textarea value={note} maxLength={NOTE_CHARS} rows={6} onChange={(e) => setNote(e.target.value)} aria-label="Note" />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={title.trim() === ''}>
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
