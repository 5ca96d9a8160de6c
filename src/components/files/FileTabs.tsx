// One entry per open file; click to switch, × to close.

import { activate, closeFile } from '../../state/actions';
import { useStore } from '../../state/store';

export function FileTabs() {
  const files = useStore((s) => s.files);
  const activeId = useStore((s) => s.activeId);
  if (files.length === 0) return null;
  return (
    <nav className="file-tabs" aria-label="Open files">
      {files.map((f) => (
        <div key={f.id} className={`file-tab${f.id === activeId ? ' active' : ''}${f.status === 'error' ? ' failed' : ''}`}>
          <button type="button" className="file-tab-name" onClick={() => activate(f.id)} aria-current={f.id === activeId} title={f.name}>
            {f.status === 'loading' ? '⏳ ' : f.status === 'error' ? '⚠ ' : ''}
            {f.name}
          </button>
          <button type="button" className="file-tab-close" aria-label={`Close ${f.name}`} onClick={() => closeFile(f.id)}>
            ×
          </button>
        </div>
      ))}
    </nav>
  );
}
