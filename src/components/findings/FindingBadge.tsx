// A small mark on a row, segment or frame that a known bug points at; a click shows the finding.

import type { KnownBugMatch } from '../../state/types';
import { revealFinding } from './findingIndex';

export function FindingBadges({ findings }: { findings: KnownBugMatch[] | undefined }) {
  if (!findings || findings.length === 0) return null;
  return (
    <>
      {findings.map((f) => (
        <button
          key={f.id}
          type="button"
          className={`finding-badge sev-${f.severity}`}
          title={`${f.id}: ${f.title}`}
          data-testid="finding-badge"
          onClick={(e) => {
            e.stopPropagation();
            revealFinding(f.id);
          }}
        >
          {f.id}
        </button>
      ))}
    </>
  );
}
