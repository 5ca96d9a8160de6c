// A file being loaded: which phase, how many bytes, and a way to stop.

import { cancelLoad } from '../../state/actions';
import type { OpenFile } from '../../state/store';
import { formatBytes } from '../../lib/bytes';

const phaseLabel = { reading: 'Reading', inflating: 'Inflating', decoding: 'Decoding', analysing: 'Analysing' } as const;

export function LoadProgress({ file }: { file: OpenFile }) {
  const load = file.load;
  if (!load) return null;
  const fraction = load.total > 0 ? Math.min(1, load.done / load.total) : 0;
  return (
    <div className="load-progress" role="status" data-testid="load-progress">
      <div className="load-title">
        {phaseLabel[load.phase]} {file.name}
        {load.phase !== 'analysing' && load.total > 0 && (
          <span className="muted">
            {' '}
            {formatBytes(load.done)} of {formatBytes(load.total)}
          </span>
        )}
      </div>
      <progress max={1} value={load.phase === 'analysing' ? undefined : fraction} aria-label={`${phaseLabel[load.phase]} progress`} />
      <button type="button" onClick={() => cancelLoad(file.id)}>
        Cancel
      </button>
    </div>
  );
}
