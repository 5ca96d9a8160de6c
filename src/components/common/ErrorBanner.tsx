// A failed file: what is wrong, in which file, and where; the rest of the app stays usable.

import { describeProblem } from '../../state/types';
import { closeFile } from '../../state/actions';
import type { OpenFile } from '../../state/store';

export function ErrorBanner({ file }: { file: OpenFile }) {
  if (!file.problem) return null;
  return (
    <div className="error-banner" role="alert" data-testid="load-error">
      <strong>Could not open this file.</strong>
      <p>{describeProblem(file.name, file.problem)}</p>
      <button type="button" onClick={() => closeFile(file.id)}>
        Dismiss
      </button>
    </div>
  );
}
