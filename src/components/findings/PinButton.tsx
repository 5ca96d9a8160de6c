// The small "Pin" button on a row, group, stack or known bug. Disabled until the file's hash
// is known (a moment after the first paint): pins are kept per file content.

import type { OpenFile } from '../../state/store';
import { canPin } from '../../state/findings';

export function PinButton({ file, onPin, what, className = '' }: { file: Pick<OpenFile, 'identity'>; onPin: () => void; what: string; className?: string }) {
  const ready = canPin(file);
  return (
    <button
      type="button"
      className={`pin-button no-print ${className}`}
      aria-label={`Pin ${what}`}
      title={ready ? `Pin ${what} as a finding` : 'Pinning is available once the file’s SHA-256 is computed'}
      disabled={!ready}
      data-testid="pin"
      onClick={(e) => {
        e.stopPropagation();
        onPin();
      }}
    >
      Pin
    </button>
  );
}
