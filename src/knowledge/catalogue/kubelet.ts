// The kubelet: node-side leaks whose fix came with a Kubernetes release.

import type { KnownBug } from '../types';
import { kk } from './refs';

export const inotifyWatchLeak: KnownBug = {
  id: 'KUBELET-INOTIFY',
  title: 'inotify watches of deleted paths never forgotten (k8s.io/utils)',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space'],
      all: [{ pattern: { regex: '^k8s\\.io/utils/inotify\\.\\(\\*Watcher\\)\\.' }, minCumShare: 0.05, label: 'inotify watch bookkeeping (k8s.io/utils/inotify Watcher)' }],
    },
  ],
  versions: {
    affected: [['1.0.0', '1.23.999']],
    fixed: ['1.24.0'],
    affectedText: '1.23 and earlier',
    fixedText: '1.24.0 (k8s.io/utils update, #106473); later 1.22 and 1.23 patch releases carry it too (#107637, #107638)',
  },
  references: kk(106473, 100241, 107637, 107638),
  explanation:
    'The kubelet, through cAdvisor, watches cgroup directories with the inotify package of k8s.io/utils. When a directory was deleted the kernel dropped the watch first, removing it then failed, and the package kept the path in its maps for ever. Nodes that run many short-lived pods grow the kubelet heap under the inotify Watcher.',
  remedy: 'Upgrade the kubelet to 1.24 or a patch release with the fix; restart it to release the memory.',
  thresholdsNote:
    'The watcher keeps one small entry per watched directory, a tiny part of the kubelet heap. Flagged when inotify Watcher allocations hold 5% or more of the in-use heap.',
  confidence: 'inferred',
  severity: 'medium',
};

export const kubeletEntries: KnownBug[] = [inotifyWatchLeak];
