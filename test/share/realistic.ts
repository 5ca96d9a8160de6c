// Payloads as a person would share them after an incident, built from the committed samples
// (public/samples) with the real analysis and the real builders: 10 findings with notes of
// about 200 characters, and a snapshot. One for a goroutine dump, one for a heap profile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { buildCallTree, type CallTree } from '../../src/analysis/callTree';
import { groupGoroutines, type GoroutineGrouping } from '../../src/analysis/goroutineGroups';
import { mapNodes, type NodeMap } from '../../src/analysis/nodes';
import { computeTop, computeTotal, type TopTable } from '../../src/analysis/top';
import { sampleFrames, sampleLabels } from '../../src/analysis/sampleStack';
import { loadBytes } from '../../src/parse/load';
import {
  bucketFinding,
  frameFinding,
  groupAnchor,
  groupFinding,
  knownBugFinding,
  snapshotGroups,
  snapshotTop,
  topRowFinding,
} from '../../src/share/build';
import { sha256Hex } from '../../src/lib/hash';
import { SCHEMA_VERSION, type Finding, type SharedBug, type SharePayload } from '../../src/share/schema';
import { repoRoot } from '../support/fixtures';

export const samplePath = (f: string) => join(repoRoot, 'public', 'samples', f);

/** Notes of about 200 characters, as written during a postmortem. */
export const notes = [
  'Leaked request goroutines: each timed-out request leaves one blocked on the result channel. Count tracks the 504 rate since the etcd latency spike at 01:40 UTC; waits spread across 0-8 minutes here.',
  'DeleteCollection distributor stuck on toProcess <- i after every worker returned on an etcd timeout. The namespace controller retries with backoff, so this grows by one per failed namespace delete.',
  'Most of the live heap is decoded JSON held by the stuck DeleteCollection calls: the listed collection stays reachable from the blocked distributor goroutine until the apiserver restarts.',
  'fakeEtcd GetToList decodes every object of the namespace in one unpaginated LIST. In production this is the etcd3 store GetList path; check client limit/continue usage in the namespace deleter.',
  'Idle keep-alive connections from the load balancer health checks; normal for this cluster size and not related to the leak. Kept here so nobody chases them again in the next incident review.',
  'Representative stack of the leaked timeout goroutines, for the upstream bug report: blocked in the deferred recover closure sending on the result channel, created by (*timeoutHandler).ServeHTTP.',
  'Known bug KAS-TIMEOUT-LEAK: matches our version 1.15.3 (fixed in 1.15.5). Action: upgrade the control plane this week; until then alert on goroutine count above 20k and restart before OOM.',
  'Known bug KAS-DELCOL: fixed in 1.23.0 only, no backports. Mitigation until the upgrade: fix etcd leader churn (disk latency on etcd-2) so deletes stop failing, then restart to release the heap.',
  'reflect.mapassign_faststr under json decoding is the single biggest allocation site: unstructured map[string]interface{} decoding of the listed objects. Typed decoding would halve this.',
  'Connection reader goroutines: 16 in IO wait for up to 8 minutes, one per open client connection. Matches the number of kubelets talking to this apiserver replica; healthy, listed for completeness.',
];

function note(i: number): string {
  return notes[i % notes.length]!;
}

const fixedTime = (i: number) => new Date(Date.UTC(2026, 10, 23, 2, 14 + i * 3, (i * 37) % 60, (i * 211) % 1000)).toISOString();

/** Ids as newFindingId makes them (8 random base64url characters), but fixed for stable sizes. */
function fixedId(seed: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let x = (seed * 2654435761) >>> 0 || 1;
  let id = '';
  for (let i = 0; i < 8; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    id += alphabet[x & 63];
  }
  return id;
}

export const timeoutBug: SharedBug = {
  id: 'KAS-TIMEOUT-LEAK',
  title: 'Post-timeout handler goroutine blocks on unbuffered result channel',
  status: 'affected',
  severity: 'high',
  summary: '1035 goroutines in chan send at k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1, waiting 0-8 minutes (52% of all goroutines).',
  evidence: [
    { label: 'why', value: '517 goroutines at this site in chan send have waited 1 minutes or more (threshold 100).' },
    { label: 'version', value: '1.15.3 is affected (fixed in 1.14.8, 1.15.5, 1.16.2, 1.17.0)' },
  ],
  refs: [68001, 83333, 83371].map((n) => ({ label: `kubernetes#${n}`, url: `https://github.com/kubernetes/kubernetes/issues/${n}` })),
};

export const delcolBug: SharedBug = {
  id: 'KAS-DELCOL',
  title: 'DeleteCollection distributor stuck after workers exit',
  status: 'affected',
  severity: 'high',
  summary: '876 goroutines in chan send at k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1, waiting 0-7 minutes (44% of all goroutines).',
  evidence: [
    { label: 'why', value: '765 goroutines at this site in chan send have waited 1 minutes or more (threshold 50).' },
    { label: 'version', value: '1.15.3 is affected (fixed in 1.23.0)' },
  ],
  refs: [105606, 90743, 117971].map((n) => ({ label: `kubernetes#${n}`, url: `https://github.com/kubernetes/kubernetes/issues/${n}` })),
};

function pathOf(tree: CallTree, nm: NodeMap, node: number): string[] {
  const path: string[] = [];
  for (let n = node; n > 0; n = tree.parent[n]!) path.unshift(nm.nodes.name[tree.frame[n]!]!);
  return path;
}

/** The tree node with the largest self value whose function is `func` (or the largest overall). */
function nodeOf(tree: CallTree, nm: NodeMap, func?: string): number {
  let best = -1;
  for (let i = 1; i < tree.length; i++) {
    if (func !== undefined && nm.nodes.name[tree.frame[i]!] !== func) continue;
    if (best < 0 || tree.self[i]! > tree.self[best]!) best = i;
  }
  if (best < 0) throw new Error(`no frame ${func}`);
  return best;
}

function rowOf(t: TopTable, name: string): number {
  const r = t.rows.name.indexOf(name);
  if (r < 0) throw new Error(`no top row ${name}`);
  return r;
}

interface Loaded {
  bytes: Uint8Array;
  file: string;
  formatLabel: string;
  profile: ReturnType<typeof loadBytes>['profile'];
  grouping: GoroutineGrouping | null;
}

function load(file: string): Loaded {
  const bytes = new Uint8Array(readFileSync(samplePath(file)));
  const l = loadBytes(bytes);
  const grouping = l.goroutines ? groupGoroutines(l.goroutines, compileSkipList(defaultSkipList)) : null;
  return { bytes, file, formatLabel: l.formatLabel, profile: l.profile, grouping };
}

async function profileOf(l: Loaded): Promise<SharePayload['profile']> {
  const t = l.profile.timeNanos;
  return {
    name: l.file,
    size: l.bytes.length,
    format: l.formatLabel,
    sampleTypes: l.profile.sampleTypes.map((s) => ({ type: s.type, unit: s.unit })),
    time: t !== 0n ? new Date(Number(t / 1_000_000n)).toISOString() : null,
    sha256: await sha256Hex(l.bytes),
  };
}

/** A debug=2 goroutine dump of the leak program: every finding kind, snapshot with groups. */
export async function goroutinePayload(): Promise<SharePayload> {
  const l = load('apiserver-leaks.t2.goroutine.debug2.txt');
  const grouping = l.grouping!;
  const p = l.profile;
  const nm = mapNodes(p, 'functions');
  const tree = buildCallTree(p, nm, { sampleIndex: 0 });
  const total = computeTotal(p, 0);
  const top = computeTop(p, { sampleIndex: 0, granularity: 'functions' }, nm);
  const [timeout, delcol, connRead] = [0, 1, 2].map((i) => grouping.groups[i]!);
  let i = 0;
  const text = (title: string) => ({ title, note: note(i), id: fixedId(i + 1), createdAt: fixedTime(i++) });
  const frame = (func: string, title: string) => {
    const node = nodeOf(tree, nm, func);
    return frameFinding({ path: pathOf(tree, nm, node), self: tree.self[node]!, value: tree.total[node]!, total, sampleType: p.sampleTypes[0]! }, text(title));
  };
  const bucket = (g: typeof timeout, title: string) => {
    const s = g!.buckets[0]!.sample;
    return bucketFinding(g!, 0, sampleFrames(p, s), sampleLabels(p, s), text(title));
  };
  const findings: Finding[] = [
    groupFinding(grouping, timeout!, text('Leaked timeout-handler goroutines')),
    groupFinding(grouping, delcol!, text('Stuck DeleteCollection distributors')),
    frame(delcol!.site, 'DeleteCollection distributor frame'),
    topRowFinding(top, rowOf(top, 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1'), text('Timeout handler, cumulative')),
    groupFinding(grouping, grouping.groups[4]!, text('Transport write loops')),
    bucket(timeout, 'Leaked goroutine stack'),
    knownBugFinding(timeoutBug, text('KAS-TIMEOUT-LEAK')),
    knownBugFinding(delcolBug, text('KAS-DELCOL')),
    frame('net/http.(*conn).serve', 'Connection serve loops'),
    bucket(connRead, 'Connection reader stack'),
  ];
  return {
    v: SCHEMA_VERSION,
    profile: await profileOf(l),
    view: {
      tab: 'goroutines',
      sampleType: 'goroutine',
      granularity: 'functions',
      filter: { states: ['chan send'], minWait: 1, frame: '' },
      focus: null,
      zoomPath: [],
      group: groupAnchor(timeout!),
      search: '',
      topFilter: '',
    },
    findings,
    snapshot: { top: snapshotTop(top), goroutines: snapshotGroups(grouping), knownBugs: [timeoutBug, delcolBug] },
  };
}

/** The heap profile of the same moment: frames and top rows with deep paths, 20-row snapshot. */
export async function heapPayload(): Promise<SharePayload> {
  const l = load('apiserver-leaks.t2.heap.pb.gz');
  const p = l.profile;
  const sampleIndex = p.sampleTypes.findIndex((s) => s.type === 'inuse_space');
  const nm = mapNodes(p, 'functions');
  const tree = buildCallTree(p, nm, { sampleIndex });
  const total = computeTotal(p, sampleIndex);
  const top = computeTop(p, { sampleIndex, granularity: 'functions' }, nm);
  let i = 0;
  const text = (title: string) => ({ title, note: note(i + 2), id: fixedId(i + 101), createdAt: fixedTime(i++) });
  const frame = (func: string | undefined, title: string) => {
    const node = nodeOf(tree, nm, func);
    return frameFinding({ path: pathOf(tree, nm, node), self: tree.self[node]!, value: tree.total[node]!, total, sampleType: p.sampleTypes[sampleIndex]! }, text(title));
  };
  const row = (r: number, title: string) => topRowFinding(top, r, text(title));
  const findings: Finding[] = [
    frame(undefined, 'Largest allocation site'),
    frame('encoding/json.(*decodeState).literalStore', 'JSON literal decoding'),
    frame('k8s.io/apiserver/pkg/registry/generic/registry.(*Store).List', 'Store list'),
    row(0, 'Top flat row'),
    row(1, 'Second flat row'),
    row(rowOf(top, 'main.(*fakeEtcd).GetToList'), 'Unpaginated list'),
    row(rowOf(top, 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection'), 'Held by DeleteCollection'),
    frame('k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1', 'Held by request handlers'),
    knownBugFinding(delcolBug, text('KAS-DELCOL')),
    row(2, 'JSON map encoding'),
  ];
  return {
    v: SCHEMA_VERSION,
    profile: await profileOf(l),
    view: {
      tab: 'flame',
      sampleType: 'inuse_space',
      granularity: 'functions',
      filter: { states: [], minWait: 0, frame: '' },
      focus: 'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection',
      zoomPath: findings[0]!.kind === 'frame' ? findings[0]!.path.slice(0, 6) : [],
      group: null,
      search: 'json',
      topFilter: '',
    },
    findings,
    snapshot: { top: snapshotTop(top), goroutines: null, knownBugs: [delcolBug] },
  };
}
