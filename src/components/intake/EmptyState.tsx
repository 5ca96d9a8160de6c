// The first screen: what to drop, and samples to try.

import { OpenButton } from './OpenButton';
import { PasteButton } from './PasteDialog';
import { SampleList } from './SampleList';

export function EmptyState() {
  return (
    <div className="empty-state">
      <h1>Drop a Go profile or goroutine dump anywhere on this page</h1>
      <p>
        pprof files (<code>/debug/pprof/heap</code>, <code>profile</code>, <code>allocs</code>, <code>goroutine</code>, block,
        mutex; gzipped or not) and goroutine dumps (<code>?debug=1</code>, <code>?debug=2</code>, crash and SIGQUIT tracebacks).
      </p>
      <div className="actions">
        <OpenButton primary />
        <PasteButton />
      </div>
      <p className="privacy">Everything is parsed in your browser. Nothing is uploaded.</p>
      <h2>No file at hand? Try a sample</h2>
      <SampleList />
    </div>
  );
}
