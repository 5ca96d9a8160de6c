// Small hand-written payloads: one finding of each kind, for tests that need exact control.
import { SCHEMA_VERSION, type Finding, type SharedBug, type SharePayload, type Snapshot } from '../../src/share/schema';

export const bug: SharedBug = {
  id: 'KAS-TIMEOUT-LEAK',
  title: 'Post-timeout handler goroutine blocks on unbuffered result channel',
  status: 'affected',
  severity: 'high',
  summary: '1035 goroutines in chan send at k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1',
  evidence: [{ label: 'version', value: '1.15.3 is affected (fixed in 1.15.5)' }],
  refs: [{ label: 'kubernetes#83333', url: 'https://github.com/kubernetes/kubernetes/issues/83333' }],
};

const base = (id: string, i: number) => ({ id, title: `Finding ${i}`, note: `Note ${i}\nsecond line`, createdAt: `2026-11-23T02:1${i}:00.000Z` });

export const findingsOfEveryKind: Finding[] = [
  {
    kind: 'frame',
    ...base('frame001', 1),
    func: 'reflect.mapassign_faststr',
    path: ['net/http.(*conn).serve', 'encoding/json.Unmarshal', 'reflect.mapassign_faststr'],
    values: {
      sampleType: 'inuse_space',
      unit: 'bytes',
      flat: 3604398080,
      cum: 3604398080,
      total: 18050538496,
      flatText: '3.36GB',
      cumText: '3.36GB',
      totalText: '16.81GB',
      flatPct: '19.97%',
      cumPct: '19.97%',
    },
  },
  {
    kind: 'top-row',
    ...base('toprow01', 2),
    name: 'main.(*fakeEtcd).GetToList',
    func: 'main.(*fakeEtcd).GetToList',
    granularity: 'functions',
    values: {
      sampleType: 'alloc_space',
      unit: 'bytes',
      flat: 692912128,
      cum: -10589741056.5,
      total: 18050538496,
      flatText: '660.81MB',
      cumText: '-10099.31MB',
      totalText: '17214.31MB',
      flatPct: '3.84%',
      cumPct: '58.67%',
    },
  },
  {
    kind: 'group',
    ...base('group001', 3),
    group: {
      state: 'chan send',
      site: 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1',
      siteFile: '/src/k8s.io/apiserver/pkg/server/filters/timeout.go',
      siteLine: 47,
      count: 1035,
      wait: { min: 0, median: 4.5, max: 8 },
      histogram: [124, 517, 394, 0, 0, 0],
    },
    total: 1972,
    bucketLabels: ['<1', '1-4', '5-14', '15-59', '60-239', '240+'],
  },
  {
    kind: 'bucket',
    ...base('bucket01', 4),
    group: { state: 'IO wait', site: 'net/http.(*connReader).Read' },
    count: 16,
    wait: null,
    frames: [
      { func: 'internal/poll.runtime_pollWait', file: '/usr/lib/go-1.19/src/runtime/netpoll.go', line: 305 },
      { func: 'net/http.(*connReader).Read', file: '/usr/lib/go-1.19/src/net/http/server.go', line: 786 },
    ],
    depth: 14,
    labels: [{ key: 'handler', value: '/api/v1/namespaces' }],
  },
  { kind: 'known-bug', ...base('knownbug', 5), bug },
];

export const snapshot: Snapshot = {
  top: {
    sampleType: 'inuse_space',
    unit: 'bytes',
    granularity: 'functions',
    total: 18050538496,
    totalText: '16.81GB',
    rows: [{ name: 'reflect.mapassign_faststr', flat: 3604398080, cum: 3604398080, flatText: '3.36GB', cumText: '3.36GB', flatPct: '19.97%', cumPct: '19.97%' }],
    rowCount: 212,
  },
  goroutines: {
    total: 1972,
    bucketLabels: ['<1', '1-4', '5-14', '15-59', '60-239', '240+'],
    groups: [(findingsOfEveryKind[2] as Extract<Finding, { kind: 'group' }>).group],
    groupCount: 8,
  },
  knownBugs: [bug],
};

export function examplePayload(findings: Finding[] = findingsOfEveryKind, snap: Snapshot | null = snapshot): SharePayload {
  return {
    v: SCHEMA_VERSION,
    profile: {
      name: 'kas-prod-eu1.heap.pb.gz',
      size: 1_234_567,
      format: 'pprof profile',
      sampleTypes: [
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ],
      time: '2026-11-23T02:01:00.000Z',
      sha256: '3986452d7aff99eaa84a10a25d15414006a25c55b382a1420e1b1faaa1472b5d',
    },
    view: {
      tab: 'flame',
      sampleType: 'inuse_space',
      granularity: 'functions',
      filter: { states: ['chan send'], minWait: 5, frame: 'timeout|DeleteCollection' },
      focus: 'encoding/json.Unmarshal',
      zoomPath: ['net/http.(*conn).serve', 'encoding/json.Unmarshal'],
      group: { state: 'chan send', site: 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1' },
      search: 'json',
      topFilter: 'reflect',
    },
    findings,
    snapshot: snap,
  };
}
