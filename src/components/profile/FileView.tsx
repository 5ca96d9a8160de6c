// The active file: progress while it loads, its error if it failed, else header and view.

import type { OpenFile } from '../../state/store';
import { ErrorBanner } from '../common/ErrorBanner';
import { LoadProgress } from '../files/LoadProgress';
import { FlamePanel } from '../flame/FlamePanel';
import { GoroutinesPanel } from '../goroutines/GoroutinesPanel';
import { TopTableView } from '../top/TopTableView';
import { ProfileHeader } from './ProfileHeader';
import { FindingsPanel } from '../findings/FindingsPanel';

export function FileView({ file }: { file: OpenFile }) {
  if (file.status === 'loading') return <LoadProgress file={file} />;
  if (file.status === 'error') return <ErrorBanner file={file} />;
  return (
    <div className="file-view">
      <ProfileHeader file={file} />
      <FindingsPanel file={file} />
      {file.view.tab === 'goroutines' ? (
        <GoroutinesPanel file={file} />
      ) : file.view.tab === 'flame' ? (
        <FlamePanel file={file} />
      ) : file.top ? (
        <TopTableView file={file} />
      ) : (
        <p className="muted">Computing the top table…</p>
      )}
    </div>
  );
}
