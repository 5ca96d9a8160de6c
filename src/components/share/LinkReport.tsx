// A findings link opened without its file: the sender's findings and numbers, read-only, and
// what to drop to open the full view. A link that cannot be read says why, as text.

import { closeLink, readLink, useLink } from '../../state/share';
import { OpenButton } from '../intake/OpenButton';
import { ReportView } from '../report/ReportView';

/** Why a link in the address could not be opened (shown above whatever the page shows). */
export function LinkError() {
  const link = useLink((s) => s.link);
  if (!link || link.result.ok) return null;
  return (
    <div className="error-banner" role="alert" data-testid="link-error">
      <strong>This findings link cannot be opened.</strong>
      <p>{link.result.error}</p>
      <button type="button" onClick={closeLink}>
        Dismiss
      </button>
    </div>
  );
}

/** The findings of a link opened without its file, or null when there is none to show. */
export function LinkReport() {
  const link = useLink((s) => s.link);
  if (!link || !link.result.ok) return null;
  const { profile } = link.result.payload;
  const overFiles = link.reading;
  return (
    <ReportView
      payload={link.result.payload}
      onClose={overFiles ? () => readLink(false) : closeLink}
      closeLabel={overFiles ? 'Back to the files' : 'Close link'}
      banner={
        <div className="info-banner no-print" data-testid="link-banner">
          Findings shared by link: the numbers are the sender’s, the profile is not in the link. Drop <span className="mono">{profile.name}</span> (SHA-256{' '}
          <span className="mono">{profile.sha256.slice(0, 12)}…</span>) here, or <OpenButton />, to open it at the shared view.
        </div>
      }
    />
  );
}
