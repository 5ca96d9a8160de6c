// Files kept for a reload (state/keep.ts): the "Forget files" button beside the file tabs, and
// what was or was not kept, said in words.

import { forgetKeptFiles, sizeText, useKeep } from '../../state/keep';


/** The button and a one-line status, in the top bar while files are open. */
export function ForgetFilesButton() {
  const count = useKeep((s) => s.count);
  const bytes = useKeep((s) => s.bytes);
  const unavailable = useKeep((s) => s.unavailable);
  const title = unavailable
    ? unavailable
    : count > 0
      ? `${count} open file${count === 1 ? ' is' : 's are'} kept in this browser (${sizeText(bytes)}, never sent anywhere) so that a reload of this tab brings ${count === 1 ? 'it' : 'them'} back. Forget removes them.`
      : 'No file is kept for reload.';
  return (
    <button type="button" onClick={() => void forgetKeptFiles()} disabled={count === 0} title={title} data-testid="forget-files">
      Forget files{count > 0 ? ` (${count})` : ''}
    </button>
  );
}

/** What was kept, not kept, forgotten or brought back; nothing when there is nothing to say. */
export function KeptFilesNotes() {
  const { unavailable, notKept, forgotten, restored } = useKeep();
  if (!unavailable && notKept.length === 0 && !forgotten && !restored) return null;
  return (
    <ul className="archive-notes" aria-label="Files kept for reload" data-testid="kept-notes">
      {restored && <li>{restored}</li>}
      {unavailable && <li role="status">{unavailable}</li>}
      {notKept.map((m, i) => (
        <li key={i} role="status">
          {m}
        </li>
      ))}
      {forgotten && <li role="status">{forgotten}</li>}
    </ul>
  );
}
