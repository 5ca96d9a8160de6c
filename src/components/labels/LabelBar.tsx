// The label filter of a file with pprof labels: -tagfocus and -tagignore as pprof reads them
// ("verb=LIST", "resource=pods,secrets", "bytes=32kb:64kb", a bare regular expression over
// "key:value"), applied to every view of the file; in the goroutine view, grouping by a label
// key too. Shown only when the file has labels. A bad expression is a message, not applied.

import { useEffect, useState, memo } from 'react';
import { setFilter, setGroupBy } from '../../state/actions';
import type { FileSlice } from '../../state/store';
import { tagExpressionError } from '../../lib/tagSyntax';
import { firstOf } from '../../lib/clip';

/** Suggestions in the tag inputs and keys in "Group by": a file may hold thousands of keys. */
const MAX_SUGGESTIONS = 500;
const MAX_GROUP_KEYS = 200;

export const LabelBar = memo(function LabelBar({ file }: { file: FileSlice<'summary', 'filter' | 'groupBy' | 'tab'> }) {
  const labels = file.summary?.labels ?? [];
  const { filter, groupBy, tab } = file.view;
  const [focus, setFocus] = useState(filter.tagfocus ?? '');
  const [ignore, setIgnore] = useState(filter.tagignore ?? '');
  useEffect(() => setFocus(filter.tagfocus ?? ''), [filter.tagfocus]);
  useEffect(() => setIgnore(filter.tagignore ?? ''), [filter.tagignore]);
  const focusError = tagExpressionError('tagfocus', focus);
  const ignoreError = tagExpressionError('tagignore', ignore);
  useEffect(() => {
    if (focusError || ignoreError) return;
    if (focus === (filter.tagfocus ?? '') && ignore === (filter.tagignore ?? '')) return;
    const t = setTimeout(() => {
      const next = { ...filter };
      delete next.tagfocus;
      delete next.tagignore;
      if (focus !== '') next.tagfocus = focus;
      if (ignore !== '') next.tagignore = ignore;
      void setFilter(file.id, next);
    }, 300);
    return () => clearTimeout(t);
  }, [focus, ignore, focusError, ignoreError, filter, file.id]);
  if (labels.length === 0) return null;
  const listId = `label-keys-${file.id}`;
  const groupKeys = firstOf(labels, MAX_GROUP_KEYS);
  return (
    <div className="toolbar label-bar" data-testid="label-bar">
      <span className="muted">Labels</span>
      <datalist id={listId}>
        {firstOf(
          labels.flatMap((k) => [<option key={k.key} value={`${k.key}=`} />, ...k.values.map((v) => <option key={`${k.key}=${v.value}`} value={`${k.key}=${v.value}`} />)]),
          MAX_SUGGESTIONS,
        ).shown}
      </datalist>
      <input
        type="search"
        className="search-input"
        list={listId}
        placeholder="tagfocus, e.g. verb=LIST"
        aria-label="Label focus (tagfocus)"
        aria-invalid={focusError !== null}
        value={focus}
        onChange={(e) => setFocus(e.target.value)}
      />
      <input
        type="search"
        className="search-input"
        list={listId}
        placeholder="tagignore, e.g. resource=pods"
        aria-label="Label ignore (tagignore)"
        aria-invalid={ignoreError !== null}
        value={ignore}
        onChange={(e) => setIgnore(e.target.value)}
      />
      {tab === 'goroutines' && (
        <label>
          Group by{' '}
          <select aria-label="Group by label" value={groupBy} onChange={(e) => void setGroupBy(file.id, e.target.value)}>
            <option value="">site only</option>
            {groupKeys.shown.map((k) => (
              <option key={k.key} value={k.key}>
                site × {k.key}
              </option>
            ))}
            {groupBy !== '' && !groupKeys.shown.some((k) => k.key === groupBy) && <option value={groupBy}>site × {groupBy}</option>}
            {groupKeys.more > 0 && (
              <option disabled value="-more">
                {groupKeys.more.toLocaleString('en-US')} more keys not listed
              </option>
            )}
          </select>
        </label>
      )}
      {(focusError ?? ignoreError) && (
        <span className="error-text" role="alert">
          {focusError ?? ignoreError}
        </span>
      )}
    </div>
  );
});
