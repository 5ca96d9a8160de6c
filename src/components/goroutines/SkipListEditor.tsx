// The rules that decide the blocking site: functions (regular expressions, one per line) that
// are never a site because they are the runtime or low-level plumbing. Visible and editable.

import { useState } from 'react';
import { setSkipList } from '../../state/actions';
import { useStore } from '../../state/store';
import { defaultSkipList } from '../../state/types';

export function SkipListEditor({ errors }: { errors: string[] }) {
  const skipList = useStore((s) => s.skipList);
  const [text, setText] = useState(skipList.join('\n'));
  const apply = (list: string[]) => {
    setText(list.join('\n'));
    void setSkipList(list);
  };
  return (
    <details className="skip-list">
      <summary>Blocking-site rules ({skipList.length})</summary>
      <p className="muted">
        A goroutine&apos;s blocking site is its innermost frame whose function matches none of these regular expressions.
      </p>
      <textarea aria-label="Blocking-site rules" rows={Math.min(14, skipList.length + 2)} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      {errors.length > 0 && (
        <ul className="error-text">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => apply([...defaultSkipList])}>
          Reset to defaults
        </button>
        <button type="button" className="primary" onClick={() => apply(text.split('\n').map((l) => l.trim()).filter((l) => l !== ''))}>
          Apply
        </button>
      </div>
    </details>
  );
}
