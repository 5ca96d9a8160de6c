// Redaction removes what it says and nothing else; the preview lists exactly the strings a
// link carries.
import { describe, expect, it } from 'vitest';
import { compileSkipList, defaultSkipList } from '../../src/analysis/blockingSite';
import { groupGoroutines } from '../../src/analysis/goroutineGroups';
import { sampleFrames, sampleLabels } from '../../src/analysis/sampleStack';
import { computeTop } from '../../src/analysis/top';
import { loadBytes } from '../../src/parse/load';
import { bucketFinding, topRowFinding } from '../../src/share/build';
import { decodePermalink, encodePermalink, validatePayload } from '../../src/share/codec';
import { describePayload, redact, redactArgs, redactPaths } from '../../src/share/redact';
import type { Finding, SharePayload } from '../../src/share/schema';
import { readFixture, sharedDir, sharedSkipReason } from '../support/fixtures';
import { examplePayload } from './examples';
import { goroutinePayload, heapPayload, samplePath } from './realistic';
import { readFileSync } from 'node:fs';

const all = { paths: true, args: true, labels: true };
const none = { paths: false, args: false, labels: false };

/** Values of enum fields: fixed words, not data the user typed or the file held. */
const enumKeys = new Set(['kind', 'tab', 'granularity', 'status']);

/** Every string in a payload (as JSON sees it), with its key. */
function strings(value: unknown, key = ''): Array<{ key: string; s: string }> {
  if (typeof value === 'string') return [{ key, s: value }];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

const pathShaped = [
  /(?:^|[\s(])(?:\/|~\/|\.\.?\/|[A-Za-z]:\\)\S/, // rooted
  /[\w.-]+[\\/][\w./\\-]*\.go\b/, // relative source file
];
const argsShaped = /[\w\]]\([^()]*\d[^()]*\)/;

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const pastedStack = [
  'Pasted from the dump:',
  'goroutine 14830 [chan send, 7 minutes]:',
  'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1(0xc000123, {0x7a8da0, 0xc009ec0b70}, 0x4b5054?)',
  '\t/tmp/stackscope-samplegen/go/src/k8s.io/kubernetes/staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go:97 +0x5a',
  'created by k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection in goroutine 12',
  '\tstaging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go:92 +0x179',
  'Windows build: C:\\Users\\alice\\go\\src\\app\\main.go:12; home dir ~/work/kas/heap.pb.gz',
].join('\n');

/** A payload with every kind of path, argument list and label the redaction must find. */
async function payloadWithEverything(): Promise<SharePayload> {
  const p = await goroutinePayload();
  const l = loadBytes(new Uint8Array(readFileSync(samplePath('apiserver-leaks.t2.heap.pb.gz'))));
  const lines = computeTop(l.profile, { sampleIndex: 3, granularity: 'lines' });
  const extra: Finding[] = [
    topRowFinding(lines, 0, { title: 'Row at line granularity', note: pastedStack, id: 'lines001', createdAt: '2026-11-23T03:00:00.000Z' }),
    { ...p.findings[5]!, id: 'labeled1', labels: [{ key: 'handler', value: '/api/v1/namespaces/kube-system/pods' }] } as Finding,
  ];
  return { ...p, profile: { ...p.profile, name: '/home/alice/incidents/2026-11-23/kas-eu1.goroutines.txt' }, findings: [...p.findings, ...extra] };
}

describe('redact', () => {
  it('drops paths, argument lists and labels everywhere, and leaves a valid payload', async () => {
    const p = deepFreeze(await payloadWithEverything());
    const before = JSON.stringify(p);
    // The unredacted payload has all three.
    const raw = strings(p);
    expect(raw.some(({ s }) => pathShaped.some((re) => re.test(s)))).toBe(true);
    expect(raw.some(({ s }) => argsShaped.test(s))).toBe(true);
    expect(p.findings.some((f) => f.kind === 'bucket' && f.labels.length > 0)).toBe(true);

    const r = redact(p, all);
    expect(JSON.stringify(p)).toBe(before);
    expect(validatePayload(r)).toEqual({ ok: true });
    for (const { key, s } of strings(r)) {
      if (key === 'url') continue;
      for (const re of pathShaped) expect(re.test(s), `${key}: ${s}`).toBe(false);
      expect(argsShaped.test(s), `${key}: ${s}`).toBe(false);
    }
    for (const f of r.findings) if (f.kind === 'bucket') expect(f.labels).toEqual([]);
    expect(r.profile.name).toBe('kas-eu1.goroutines.txt');
    expect(decodePermalink(encodePermalink(r))).toEqual({ ok: true, payload: r });
  });

  it('keeps what is not a path or an argument list', async () => {
    const p = await payloadWithEverything();
    const r = redact(p, all);
    // Function names keep their package paths and receivers; files keep base name and line.
    expect(r.findings.map((f) => f.kind === 'group' && f.group.site).filter(Boolean)).toEqual(
      p.findings.map((f) => f.kind === 'group' && f.group.site).filter(Boolean),
    );
    const bucket = r.findings.find((f) => f.kind === 'bucket')!;
    expect(bucket.kind === 'bucket' && bucket.frames[0]).toEqual({
      func: 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1',
      file: 'timeout.go',
      line: 47,
    });
    // Machine tokens and links are untouched.
    expect(r.profile.sha256).toBe(p.profile.sha256);
    expect(r.findings.map((f) => [f.id, f.createdAt])).toEqual(p.findings.map((f) => [f.id, f.createdAt]));
    const bug = r.findings.find((f) => f.kind === 'known-bug')!;
    expect(bug.kind === 'known-bug' && bug.bug.refs[0]!.url).toBe('https://github.com/kubernetes/kubernetes/issues/68001');
    // The pasted stack in the note.
    expect(r.findings.find((f) => f.id === 'lines001')!.note).toBe(
      [
        'Pasted from the dump:',
        'goroutine 14830 [chan send, 7 minutes]:',
        'k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection.func1(...)',
        '\tstore.go:97 +0x5a',
        'created by k8s.io/apiserver/pkg/registry/generic/registry.(*Store).DeleteCollection in goroutine 12',
        '\tstore.go:92 +0x179',
        'Windows build: main.go:12; home dir heap.pb.gz',
      ].join('\n'),
    );
  });

  it('each option alone does only its part; none changes nothing', async () => {
    const p = await payloadWithEverything();
    expect(redact(p, none)).toEqual(p);
    const onlyLabels = redact(p, { ...none, labels: true });
    expect(onlyLabels.findings.filter((f) => f.kind !== 'bucket')).toEqual(p.findings.filter((f) => f.kind !== 'bucket'));
    expect(onlyLabels.profile).toEqual(p.profile);
    const onlyArgs = redact(p, { ...none, args: true });
    expect(onlyArgs.profile.name).toBe(p.profile.name);
    expect(onlyArgs.findings.find((f) => f.id === 'lines001')!.note).toContain('/tmp/stackscope-samplegen/');
    expect(onlyArgs.findings.find((f) => f.id === 'lines001')!.note).toContain('DeleteCollection.func1(...)');
    const onlyPaths = redact(p, { ...none, paths: true });
    expect(onlyPaths.findings.find((f) => f.id === 'lines001')!.note).toContain('(0xc000123, {0x7a8da0, 0xc009ec0b70}, 0x4b5054?)');
    // Labels stay, though a rooted path in one is a path like any other.
    expect(onlyPaths.findings.find((f) => f.id === 'labeled1')).toMatchObject({ labels: [{ key: 'handler', value: 'pods' }] });
  });

  it('argument lists: Go stack forms go, prose and receivers stay', () => {
    const cases: Array<[string, string]> = [
      ['main.main()', 'main.main()'],
      ['pkg.F(0xc000123, 0x1)', 'pkg.F(...)'],
      ['pkg.F({0x7a8da0?, 0xc009ec0b70?}, 0x4b5054?)', 'pkg.F(...)'],
      ['pkg.(*T).M(...)', 'pkg.(*T).M(...)'],
      ['pkg.Map[...](0x1)', 'pkg.Map[...](...)'],
      ['filters.(*timeoutHandler).ServeHTTP', 'filters.(*timeoutHandler).ServeHTTP'],
      ['goroutine(s) and request(s)', 'goroutine(s) and request(s)'],
      ['blocked (since 01:40)', 'blocked (since 01:40)'],
      ['f(g(0x1)) then h(0x2', 'f(...) then h(0x2'],
      ['a(1\n2)', 'a(1\n2)'],
    ];
    for (const [input, output] of cases) expect(redactArgs(input), input).toBe(output);
  });

  it('paths: rooted and source-file paths go, package paths and links stay', () => {
    const cases: Array<[string, string]> = [
      ['/usr/lib/go-1.19/src/net/http/server.go:786 +0x1ac', 'server.go:786 +0x1ac'],
      ['see GOROOT/src/runtime/sema.go:597', 'see sema.go:597'],
      ['k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP', 'k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP'],
      ['https://github.com/kubernetes/kubernetes/issues/83333', 'https://github.com/kubernetes/kubernetes/issues/83333'],
      ['curl /debug/pprof/goroutine?debug=2', 'curl goroutine?debug=2'],
      ['and/or 3/4 TCP/IP', 'and/or 3/4 TCP/IP'],
      ['(D:\\build\\kas\\main.go:12)', '(main.go:12)'],
    ];
    for (const [input, output] of cases) expect(redactPaths(input), input).toBe(output);
  });

  it.skipIf(!sharedDir)(`labels from a real debug=1 dump are found and dropped${sharedDir ? '' : ` (skipped: ${sharedSkipReason})`}`, () => {
    const l = loadBytes(readFixture('goroutine-text', 'stackgazer-stacks_with_labels.txt'));
    const grouping = groupGoroutines(l.goroutines!, compileSkipList(defaultSkipList));
    let found: Finding | null = null;
    for (const g of grouping.groups) {
      const b = g.buckets.findIndex((x) => sampleLabels(l.profile, x.sample).length > 0);
      if (b >= 0) {
        const s = g.buckets[b]!.sample;
        found = bucketFinding(g, b, sampleFrames(l.profile, s), sampleLabels(l.profile, s), { title: 'labelled', note: '', id: 'crdblabl', createdAt: '2026-01-01T00:00:00.000Z' });
        break;
      }
    }
    expect(found).not.toBeNull();
    const p = examplePayload([found!], null);
    const labels = found!.kind === 'bucket' ? found!.labels : [];
    expect(labels.length).toBeGreaterThan(0);
    const preview = describePayload(p).join('\n');
    for (const l2 of labels) expect(preview).toContain(JSON.stringify(l2.value));
    const r = redact(p, { ...none, labels: true });
    const after = describePayload(r).join('\n');
    for (const l2 of labels) expect(after).not.toContain(`label: key ${JSON.stringify(l2.key)}`);
    expect(r.findings[0]!.kind === 'bucket' && r.findings[0]!.labels).toEqual([]);
  });
});

describe('describePayload', () => {
  /** The quoted strings of the preview, parsed back. */
  function quotedIn(lines: string[]): string[] {
    return lines.flatMap((line) => [...line.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => JSON.parse(m[0]) as string));
  }

  it('lists exactly the strings of the payload, each as often as it occurs', async () => {
    for (const p of [examplePayload(), examplePayload([], null), await goroutinePayload(), await heapPayload(), redact(await payloadWithEverything(), all)]) {
      const lines = describePayload(p);
      const expected = strings(p)
        .filter(({ key, s }) => !enumKeys.has(key) && s !== '')
        .map(({ s }) => s)
        .sort();
      expect(quotedIn(lines).sort()).toEqual(expected);
      // The groups a person scans for.
      expect(lines[0]).toMatch(/^File: /);
      expect(lines.some((l) => l.startsWith('View: '))).toBe(true);
      expect(lines.filter((l) => /^Finding \d+: /.test(l))).toHaveLength(p.findings.length);
    }
  });

  it('shows numbers and fixed words bare, and one finding like this', () => {
    const lines = describePayload(examplePayload());
    const group = lines.indexOf(lines.find((l) => l.startsWith('Finding 3: '))!);
    expect(lines.slice(group, group + 5)).toEqual([
      'Finding 3: goroutine group, id "group001", created "2026-11-23T02:13:00.000Z"',
      '  title "Finding 3"',
      '  note "Note 3\\nsecond line"',
      '  state "chan send", site "k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1", file "/src/k8s.io/apiserver/pkg/server/filters/timeout.go", line 47, 1035 goroutines, wait 0/4.5/8 minutes (min/median/max), histogram 124 517 394 0 0 0',
      '  of 1972 goroutines, wait buckets "<1" "1-4" "5-14" "15-59" "60-239" "240+"',
    ]);
  });

  it('drops the label filter, the label grouping and group label values of the view and findings with the labels', async () => {
    const p = await payloadWithEverything();
    const labelled = {
      ...p,
      view: { ...p.view, filter: { ...p.view.filter, tagfocus: 'zzverb=zzLIST', tagignore: 'zzresource=zzpods' }, groupBy: 'zzverb', group: { state: 'chan send', site: 'x.F', label: 'zzLIST' } },
      findings: p.findings.map((f) => (f.kind === 'bucket' ? { ...f, group: { ...f.group, label: 'zzDELETE' } } : f)),
    };
    expect(validatePayload(labelled)).toEqual({ ok: true });
    const r = redact(labelled, all);
    expect(validatePayload(r)).toEqual({ ok: true });
    expect(JSON.stringify(r)).not.toMatch(/zz|groupBy|tagfocus|tagignore/);
    expect(r.view.group).toEqual({ state: 'chan send', site: 'x.F' });
    const kept = redact(labelled, { ...all, labels: false });
    expect(kept.view.filter.tagfocus).toBe('zzverb=zzLIST');
    expect(kept.view.groupBy).toBe('zzverb');
  });
});
