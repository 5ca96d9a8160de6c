// "Open files…" and "Open folder…": the file picker, several files at once, or every file of a
// folder (each named by its path in the folder).

import { useRef } from 'react';
import { openFiles } from '../../state/intake';

export function OpenButton({ primary = false }: { primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} onClick={() => input.current?.click()}>
        Open files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          if (e.target.files) openFiles(e.target.files);
          e.target.value = '';
        }}
      />
      <button type="button" onClick={() => folder.current?.click()}>
        Open folder…
      </button>
      <input
        ref={(el) => {
          folder.current = el;
          // React does not know the attribute; the browser's folder picker needs it.
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        multiple
        hidden
        data-testid="folder-input"
        onChange={(e) => {
          if (e.target.files) openFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}
