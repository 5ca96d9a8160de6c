// What a shared link did to this file: opened it at the sender's view (and which parts this
// file does not have), or, for another file, a warning that its numbers will differ (its view
// is then only applied when the person says so: LinkedViewQuestion).

import { closeLink, readLink, useLink } from '../../state/share';
import { memo } from 'react';

export const LinkNotice = memo(function LinkNotice({ fileId }: { fileId: number }) {
  const link = useLink((s) => s.link);
  if (!link || !link.result.ok) return null;
  const p = link.result.payload;
  // Files opened after the link are checked against it as soon as their hash is known.
  if (link.appliedTo === null && fileId <= link.openedAfter) {
    return (
      <div className="info-banner" role="status" data-testid="link-pending">
        A findings link for <span className="mono">{p.profile.name}</span> is open: drop that file to open it at the shared view.{' '}
        <button type="button" className="link" onClick={() => readLink(true)}>
          Read its findings
        </button>{' '}
        <button type="button" className="link" onClick={closeLink}>
          Close the link
        </button>
      </div>
    );
  }
  if (link.appliedTo !== fileId) return null;
  return (
    <div className={link.otherFile ? 'warn-banner' : 'info-banner'} role={link.otherFile ? 'alert' : 'status'} data-testid="link-notice">
      {link.otherFile ? (
        <>
          This is not the file the link was made from: the link is for <span className="mono">{p.profile.name}</span> (SHA-256{' '}
          <span className="mono">{p.profile.sha256.slice(0, 12)}…</span>), this file’s SHA-256 is <span className="mono">{link.otherFile.slice(0, 12)}…</span>. Its
          numbers will differ from the link’s, its view is applied only if you choose to, and the link’s findings were not added to this file.
        </>
      ) : (
        <>
          Opened at the view of the shared link
          {link.added > 0 ? `; its ${link.added} finding${link.added === 1 ? '' : 's'} added to the pinned findings` : ''}.
        </>
      )}
      {link.missed.length > 0 && <> This file has no {link.missed.join(', no ')}.</>}{' '}
      <button type="button" className="link" onClick={closeLink}>
        Dismiss
      </button>
    </div>
  );
});
