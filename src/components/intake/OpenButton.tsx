// "Open files…": the file picker, several files at once.

import { useRef } from 'react';
import { openFiles } from '../../state/intake';

export function OpenButton({ primary = false }: { primary?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
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
    </>
  );
}
