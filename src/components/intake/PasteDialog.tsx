// Paste a goroutine dump (or any text profile) copied from a terminal or a log viewer.

import { useEffect, useRef, useState } from 'react';
import { openPastedText } from '../../state/intake';

export function PasteButton() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Paste text…
      </button>
      <dialog ref={dialog} className="paste-dialog" onClose={() => setOpen(false)} aria-label="Paste text">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim() !== '') openPastedText(text);
            setText('');
            setOpen(false);
          }}
        >
          <h2>Paste a goroutine dump</h2>
          <p className="muted">Text from /debug/pprof/goroutine?debug=1 or debug=2, a crash, or a SIGQUIT traceback.</p>
          <textarea
            aria-label="Dump text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={16}
            spellCheck={false}
            autoFocus
          />
          <div className="dialog-actions">
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={text.trim() === ''}>
              Open
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
