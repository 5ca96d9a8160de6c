// Heap signatures of kube-apiserver: what fills the memory.

import { kep, kk } from './refs';
import type { KnownBug } from '../types';

export const listHeap: KnownBug = {
  id: 'KAS-LIST-HEAP',
  title: 'A huge unpaginated LIST dominates the heap',
  profiles: ['heap', 'allocs'],
  signatures: [
    {
      kind: 'profile-functions',
      profiles: ['heap', 'allocs'],
      sampleTypes: ['inuse_space', 'alloc_space'],
      all: [
        { pattern: { regex: '^bytes\\.(makeSlice|growSlice)$' }, minCumShare: 0.3, label: 'response buffers (bytes.makeSlice / growSlice)' },
        {
          pattern: { regex: '^k8s\\.io/api/[^.]+(\\.[^.]+)*\\.\\(\\*[A-Za-z0-9]+\\)\\.Unmarshal$|^k8s\\.io/apimachinery/pkg/apis/meta/v1/unstructured\\.' },
          minCumShare: 0.05,
          label: 'decoded API objects (k8s.io/api ... Unmarshal)',
        },
      ],
    },
  ],
  versions: {
    affected: [['1.0.0', '999.999.999']],
    fixed: [],
    affectedText: 'all versions',
    fixedText: 'not fixed; mitigations in 1.27-1.35 (WatchList, streaming list encoding)',
  },
  references: [...kk(97142, 114276, 98423, 129334, 129407), kep(3157, 'KEP-3157 WatchList'), kep(5116, 'KEP-5116 streaming encoding')],
  explanation:
    'A client lists a large collection without pagination (for example 170,000 ConfigMaps in one namespace), so the apiserver reads everything from etcd, decodes every object and builds the whole response in memory at once. The heap fills with response buffers (bytes.makeSlice) and decoded objects (Unmarshal of the listed type), and several such lists at once can exhaust the node.',
  remedy:
    'Find the client and make it paginate (limit/continue) or list with resourceVersion=0 so the watch cache serves it; delete runaway objects (with etcdctl if the apiserver cannot serve); on 1.27+ use WatchList and the streaming list encoders.',
  thresholdsNote:
    'Buffers are normal in any server; decoded API objects are normal in an apiserver. Flagged only when response buffers hold at least 30% of the sampled memory and decoded API objects at least 5% at the same time.',
  confidence: 'verified',
  severity: 'high',
};
