// The page's one keyboard layer: `/` focuses the current view's search box, Esc clears that
// search and then the view's zoom, `?` lists the shortcuts. A view says what its search box is
// and what Esc undoes (useViewKeys); the last view mounted is the current one. Keys typed into
// an input, a text area or a select stay theirs (but Esc in the view's own search box clears it).

import { useEffect, useRef, useState, type RefObject } from 'react';

export interface ViewKeys {
  /** The view's search or filter box, focused by `/`. */
  search?: RefObject<HTMLInputElement | null>;
  /** Esc: undoes one step (the search first, then the zoom); false when there was nothing to undo. */
  escape?: () => boolean;
}

const views: Array<RefObject<ViewKeys>> = [];

/** Registers the mounted view's search box and Esc step with the keyboard layer. */
export function useViewKeys(keys: ViewKeys): void {
  const ref = useRef<ViewKeys>(keys);
  ref.current = keys;
  useEffect(() => {
    views.push(ref);
    return () => {
      const i = views.lastIndexOf(ref);
      if (i >= 0) views.splice(i, 1);
    };
  }, []);
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
}

/** A modal dialog is open: its own keys (Esc closes it) come first. */
function dialogOpen(): boolean {
  return document.querySelector('dialog[open], [role="dialog"][aria-modal="true"]') !== null;
}

/** The keys the shortcuts dialog lists, in its order (also read by the tests through the page). */
export const SHORTCUTS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: '/', what: "Focus the current view's search or filter box" },
  { keys: 'Esc', what: 'Clear the search; pressed again, reset the zoom (flame graph), the focus, or fit the call graph' },
  { keys: '?', what: 'Show this list' },
  { keys: 'Tab, Shift+Tab', what: 'Move between controls; a table, the flame graph and the call graph are one stop each' },
  { keys: '↑ ↓, Home, End', what: 'Tables (top, goroutine groups, diff, growth): move the active row' },
  { keys: 'Enter', what: 'Tables: open the row as a click does (top row: its flame graph; group: its detail)' },
  { keys: '↑ ↓ in the flame graph', what: 'Move to the frame drawn above or below: in a flame graph (root at the bottom) ↑ is a callee and ↓ the caller; in an icicle (root at the top) ↑ is the caller and ↓ a callee' },
  { keys: '← → in the flame graph', what: 'Move to the frame on the left or right at the same depth' },
  { keys: 'Enter in the flame graph', what: 'Zoom to the focused frame (Shift+Enter pins it)' },
  { keys: 'Arrows in the call graph', what: 'Move between nodes in reading order (→ ↓ next, ← ↑ previous)' },
  { keys: 'Enter in the call graph', what: "Show the node's function in the flame graph (Shift+Enter: its callers and callees)" },
];

/** Installs the keyboard layer on the document; returns the shortcuts dialog's state. */
export function useShortcuts(): { helpOpen: boolean; closeHelp: () => void } {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const current = views[views.length - 1]?.current;
      const typing = typingIn(e.target);
      if (e.key === 'Escape') {
        if (dialogOpen() || !current?.escape) return;
        // In an input, Esc belongs to it unless it is the view's own search box.
        if (typing && e.target !== current.search?.current) return;
        if (current.escape()) e.preventDefault();
        return;
      }
      if (typing || dialogOpen()) return;
      if (e.key === '/') {
        const input = current?.search?.current;
        if (!input) return;
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === '?') {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return { helpOpen, closeHelp: () => setHelpOpen(false) };
}

/** The list of shortcuts, a modal dialog: Esc or its button closes it and focus returns where it was. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const close = () => {
    onClose();
    const back = returnTo.current;
    returnTo.current = null;
    if (back && back.isConnected) back.focus();
  };
  return (
    <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={close} data-testid="shortcuts-dialog">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
