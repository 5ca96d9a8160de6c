// The shell: top bar with intake and open files, then the active file's view.

import { useEffect, useRef, useState } from 'react';
import { FileTabs } from '../components/files/FileTabs';
import { EmptyState } from '../components/intake/EmptyState';
import { OpenButton } from '../components/intake/OpenButton';
import { PasteButton } from '../components/intake/PasteDialog';
import { FileView } from '../components/profile/FileView';
import { ComparePanel } from '../components/compare/ComparePanel';
import { useStore } from '../state/store';
import { startSession } from '../state/reopen';
import { ForgetFilesButton, KeptFilesNotes } from '../components/files/KeptFiles';
import { restoreSkipList, setPendingUrlView, setVersion } from '../state/actions';
import { onFragmentChange, readAddress } from '../state/url';
import { openLinkFromLocation, useLink } from '../state/share';
import { LinkError, LinkReport } from '../components/share/LinkReport';
import { useUrlSync } from './useUrlSync';
import { useStickyTop } from './useStickyTop';
import { DropZone } from './DropZone';
import { ErrorBoundary } from './ErrorBoundary';
import { ThemeToggle } from '../components/theme/ThemeToggle';
import { ShortcutsDialog, useShortcuts } from '../components/common/shortcuts';

// The URL is read once per page load (StrictMode runs effects twice in development).
let urlOpened = false;

export function App() {
  // Only which file is active: each part of its view reads the fields it shows (FileView).
  const activeId = useStore((s) => (s.files.some((f) => f.id === s.activeId) ? s.activeId : null));
  const hasFiles = useStore((s) => s.files.length > 0);
  const compareOpen = useStore((s) => s.compareOpen);
  const sharedFindings = useLink((s) => s.link?.result.ok === true);
  const readingLink = useLink((s) => s.link?.reading === true);
  useUrlSync();
  const topbarRef = useRef<HTMLElement>(null);
  useStickyTop(topbarRef);
  // The keyboard layer: `/`, Esc and `?` (components/common/shortcuts.tsx).
  const { helpOpen, closeHelp } = useShortcuts();
  const [startupError, setStartupError] = useState<string | null>(null);
  useEffect(() => {
    if (urlOpened) return;
    urlOpened = true;
    const reset = restoreSkipList();
    if (reset) setStartupError(reset);
    const address = readAddress();
    // Without ?sample= the address does not say which file its view was made for: the page asks first.
    setPendingUrlView(address.view, address.sample === null);
    if (address.view.version) void setVersion(address.view.version);
    // A findings link (#s1.…) shows its report until its file is dropped.
    openLinkFromLocation();
    // A reload brings back this tab's files (state/keep.ts); else ?sample= opens a sample.
    startSession(address).catch((e: Error) => setStartupError(e.message));
  }, []);
  // A link pasted into the address bar of an open page.
  useEffect(() => onFragmentChange(openLinkFromLocation), []);
  return (
    <DropZone>
      <div className="app">
        <header className="topbar" ref={topbarRef}>
          <span className="brand">stackscope</span>
          <FileTabs />
          {hasFiles && (
            <div className="topbar-actions">
              <OpenButton />
              <PasteButton />
              <ForgetFilesButton />
            </div>
          )}
          <ThemeToggle />
        </header>
        <main className="main">
          {startupError && (
            <div className="error-banner" role="alert">
              {startupError}
            </div>
          )}
          <KeptFilesNotes />
          <LinkError />
          <ErrorBoundary>
            {readingLink ? (
              <LinkReport />
            ) : compareOpen ? (
              <ComparePanel />
            ) : activeId !== null ? (
              <FileView key={activeId} id={activeId} />
            ) : sharedFindings ? (
              <LinkReport />
            ) : (
              <EmptyState />
            )}
          </ErrorBoundary>
        </main>
        <ShortcutsDialog open={helpOpen} onClose={closeHelp} />
      </div>
    </DropZone>
  );
}
