// "Share findings": what the link will carry (the exact preview), what to strip first (paths,
// arguments, labels), how long it is, and the link itself, ready to copy. The link holds the
// findings in its fragment, which browsers never send to a server; the profile stays here.

import { useEffect, useMemo, useRef, useState } from 'react';
import { usePinsOf } from '../../state/findings';
import { WARN_LINK_BYTES, buildPayload, makeLink, type RedactOptions } from '../../state/share';
import { useFileById, type OpenFile } from '../../state/store';
import { formatCount } from '../../lib/goformat';

const bytes = (n: number) => `${formatCount(n)} characters`;

/** Reads the whole file while it is open (the link carries a snapshot of every view). */
export function ShareDialog({ fileId, onClose }: { fileId: number; onClose: () => void }) {
  const file = useFileById(fileId);
  return file ? <ShareDialogOf file={file} onClose={onClose} /> : null;
}

function ShareDialogOf({ file, onClose }: { file: OpenFile; onClose: () => void }) {
  const pins = usePinsOf(file);
  const [redact, setRedact] = useState<RedactOptions>({ paths: false, args: false, labels: false });
  const [shorten, setShorten] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const linkRef = useRef<HTMLTextAreaElement>(null);
  const built = useMemo(() => buildPayload(file, pins), [file, pins]);
  const link = useMemo(() => (built.ok ? makeLink(built.payload, { redact, shorten }) : built), [built, redact, shorten]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  useEffect(() => setCopied(null), [link]);

  const copy = async () => {
    if (!link.ok) return;
    linkRef.current?.select();
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('Link copied.');
    } catch {
      setCopied('The browser did not allow copying: the link is selected, press Ctrl+C (⌘C).');
    }
  };

  const toggle = (k: keyof RedactOptions) => setRedact((r) => ({ ...r, [k]: !r[k] }));
  const long = link.ok && link.url.length > WARN_LINK_BYTES;
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share-dialog" onClick={(e) => e.stopPropagation()}>
        <header className="modal-head">
          <h2 id="share-title">Share findings</h2>
          <button type="button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <p className="muted">
          The link carries the {pins.length} pinned finding{pins.length === 1 ? '' : 's'} with their numbers, the view and a summary of the profile, never the
          profile itself. It lives after the “#”, which browsers do not send to any server. Whoever opens it reads the findings; dropping the same file
          (same SHA-256) opens it at this view.
        </p>
        {built.ok && built.notes.map((n) => <p key={n} className="notes">{n}</p>)}
        <fieldset className="redact">
          <legend>Before copying, remove</legend>
          <label className="check">
            <input type="checkbox" checked={redact.paths} onChange={() => toggle('paths')} /> file paths (keep base names)
          </label>
          <label className="check">
            <input type="checkbox" checked={redact.args} onChange={() => toggle('args')} /> function arguments
          </label>
          <label className="check">
            <input type="checkbox" checked={redact.labels} onChange={() => toggle('labels')} /> pprof labels
          </label>
        </fieldset>
        {!link.ok ? (
          <p className="error-text" role="alert" data-testid="share-error">
            {link.error}
          </p>
        ) : (
          <>
            <div className="share-size" data-testid="share-size">
              Link length: <strong>{bytes(link.url.length)}</strong>
              {long ? (
                <span className="warn" role="alert" data-testid="share-warning">
                  {' '}
                  Longer than {bytes(WARN_LINK_BYTES)}: chat tools and some mail readers cut links this long.{' '}
                  {!shorten && (
                    <button type="button" onClick={() => setShorten(true)}>
                      Drop the snapshot’s less important parts
                    </button>
                  )}
                </span>
              ) : null}
              {shorten && (
                <span>
                  {' '}
                  <button type="button" className="link" onClick={() => setShorten(false)}>
                    Keep the whole snapshot
                  </button>
                </span>
              )}
            </div>
            {link.dropped.length > 0 && (
              <ul className="notes" data-testid="share-dropped">
                {link.dropped.map((d) => (
                  <li key={d}>Left out: {d}</li>
                ))}
              </ul>
            )}
            <label className="share-link">
              Link
              <textarea ref={linkRef} readOnly value={link.url} rows={3} aria-label="Link" data-testid="share-link" onFocus={(e) => e.currentTarget.select()} />
            </label>
            <div className="modal-actions">
              <button type="button" className="primary" onClick={() => void copy()} data-testid="copy-link">
                Copy link
              </button>
              {copied && (
                <span className="muted" role="status">
                  {copied}
                </span>
              )}
            </div>
            <details className="share-preview" open>
              <summary>Exactly what the link contains ({link.preview.length} lines)</summary>
              {/* Focusable: a long preview scrolls, and the keyboard must reach it. */}
              <pre data-testid="share-preview" tabIndex={0} aria-label="What the link contains">{link.preview.join('\n')}</pre>
            </details>
          </>
        )}
      </div>
    </div>
  );
}
