// A large, deterministic Go heap profile (gzipped profile.proto), shaped like what a
// kube-apiserver's /debug/pprof/heap returns: four sample types, period 524288, one mapping,
// thousands of functions with Go names, call sites as locations (some with inlined lines),
// call trees that share prefixes, runtime allocators near the leaves, a numeric "bytes" label
// on every sample as the Go runtime writes it, and a few string labels.
//
// Fields are written in the order runtime/pprof writes them: period type, period, sample
// types, then each sample preceded by the locations and functions it is first to use, then
// time, mapping and the string table last (so a decoder must resolve after reading).
//
//   npx tsx bench/gen/heap-profile.ts OUT.pb.gz [stacks]

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzip } from 'pako';
import { prng } from './prng';

export interface HeapProfileOptions {
  stacks: number;
  minDepth: number;
  maxDepth: number;
  seed: number;
}

/** Minimal protobuf writer: varints into a growing buffer, messages encoded inside out. */
class ProtoWriter {
  buf = new Uint8Array(1 << 16);
  len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  varint(v: number | bigint): this {
    this.ensure(10);
    if (typeof v === 'number' && v >= 0 && v < 2 ** 31) {
      while (v >= 0x80) {
        this.buf[this.len++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      this.buf[this.len++] = v;
      return this;
    }
    let b = BigInt.asUintN(64, BigInt(v));
    while (b >= 0x80n) {
      this.buf[this.len++] = Number(b & 0x7fn) | 0x80;
      b >>= 7n;
    }
    this.buf[this.len++] = Number(b);
    return this;
  }

  /** A varint field, omitted when zero (proto3 default). */
  field(num: number, v: number | bigint): this {
    if (v === 0 || v === 0n) return this;
    return this.varint(num * 8).varint(v);
  }

  bytes(num: number, data: Uint8Array): this {
    this.varint(num * 8 + 2).varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  packed(num: number, values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]!);
    return this.bytes(num, inner.finish());
  }

  message(num: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(num, inner.finish());
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

const VENDOR = '/go/src/k8s.io/kubernetes/_output/local/go/src/k8s.io/kubernetes/vendor/';
const GOROOT = '/usr/local/go/src/';

// Packages from the bottom of a kube-apiserver call tree (servers, filters) to the top
// (serializers, reflection); stacks pick deeper layers as they get deeper.
const LAYERS: string[][] = [
  ['net/http', 'golang.org/x/net/http2', 'google.golang.org/grpc', 'google.golang.org/grpc/internal/transport'],
  ['k8s.io/apiserver/pkg/server/filters', 'k8s.io/apiserver/pkg/endpoints/filters', 'k8s.io/apiserver/pkg/server/httplog', 'k8s.io/apiserver/pkg/util/flowcontrol'],
  ['k8s.io/apiserver/pkg/endpoints/handlers', 'k8s.io/apiserver/pkg/endpoints/handlers/responsewriters', 'k8s.io/apiserver/pkg/admission', 'k8s.io/apiserver/pkg/authentication/request/x509', 'k8s.io/apiserver/pkg/authorization/union'],
  ['k8s.io/apiserver/pkg/registry/generic/registry', 'k8s.io/apiserver/pkg/storage/cacher', 'k8s.io/apiserver/pkg/storage/etcd3', 'k8s.io/apiserver/pkg/storage/value/encrypt/aes', 'go.etcd.io/etcd/client/v3'],
  ['k8s.io/apimachinery/pkg/runtime', 'k8s.io/apimachinery/pkg/runtime/serializer/json', 'k8s.io/apimachinery/pkg/runtime/serializer/protobuf', 'k8s.io/apimachinery/pkg/apis/meta/v1/unstructured', 'k8s.io/apimachinery/pkg/conversion', 'k8s.io/apimachinery/pkg/watch'],
  ['encoding/json', 'github.com/json-iterator/go', 'sigs.k8s.io/structured-merge-diff/v4/value', 'github.com/gogo/protobuf/proto', 'reflect', 'bytes', 'strings'],
];
const TYPES = ['Cacher', 'watchCache', 'cacheWatcher', 'store', 'Store', 'Decoder', 'Serializer', 'Framer', 'serverHandlerTransport', 'http2Server', 'Unstructured', 'ObjectMeta', 'conn', 'Server', 'Handler', 'watcher', 'lister', 'timeoutHandler', 'responseWriter', 'Encoder', 'Iterator', 'Stream', 'Buffer', 'Builder', 'Scheme', 'Converter', 'APIGroupVersion', 'RequestScope'];
const METHODS = ['ServeHTTP', 'Watch', 'List', 'Get', 'Create', 'Update', 'processEvent', 'dispatchEvent', 'Decode', 'Encode', 'Unmarshal', 'Marshal', 'DeepCopy', 'DeepCopyInto', 'Convert', 'add', 'Add', 'Write', 'Read', 'run', 'Run', 'handle', 'serve', 'process', 'transform', 'GetList', 'GuaranteedUpdate', 'Next', 'WriteObject', 'ReadField', 'grow', 'String', 'Copy'];
const ALLOCATORS: string[][] = [
  ['runtime.mallocgc', 'runtime.newobject'],
  ['runtime.mallocgc', 'runtime.makeslice'],
  ['runtime.mallocgc', 'runtime.growslice'],
  ['runtime.mallocgc', 'runtime.makemap'],
  ['runtime.mallocgc', 'runtime.newobject', 'runtime.mapassign_faststr'],
  ['runtime.mallocgc', 'runtime.rawstring', 'runtime.rawstringtmp', 'runtime.slicebytetostring'],
  ['runtime.mallocgc', 'runtime.rawstring', 'runtime.concatstrings'],
  ['runtime.mallocgc', 'runtime.convTstring'],
];
const ROOTS = ['runtime.goexit'];
const SIZE_CLASSES = [8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768];
const HANDLERS = ['/api/v1/pods', '/api/v1/namespaces/kube-system/configmaps', '/apis/apps/v1/deployments', '/api/v1/nodes', '/apis/coordination.k8s.io/v1/leases', '/api/v1/events'];

interface Fn {
  name: string;
  file: string;
  startLine: number;
}

interface Loc {
  /** Function indices of the lines, innermost first (more than one: inlined calls). */
  fns: number[];
  lines: number[];
  address: number;
}

export function generateHeapProfile(opts: HeapProfileOptions): Uint8Array {
  const rand = prng(opts.seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;

  // Functions: a few hundred per layer, with methods, plain functions and closures.
  const fns: Fn[] = [];
  const fnByName = new Map<string, number>();
  const addFn = (name: string, pkgPath: string): number => {
    let i = fnByName.get(name);
    if (i === undefined) {
      i = fns.length;
      const base = pkgPath.includes('.') ? VENDOR : GOROOT;
      fns.push({ name, file: `${base}${pkgPath}/${pick(['types', 'store', 'handler', 'util', 'decode', 'encode', 'watch', 'server'])}.go`, startLine: 20 + int(1500) });
      fnByName.set(name, i);
    }
    return i;
  };
  const layerFns: number[][] = LAYERS.map((pkgs) => {
    const out: number[] = [];
    for (let k = 0; k < 750; k++) {
      const pkg = pick(pkgs);
      const type = pick(TYPES);
      let name = rand() < 0.6 ? `${pkg}.(*${type}).${pick(METHODS)}` : `${pkg}.${pick(METHODS)}${type[0]!.toUpperCase()}${type.slice(1)}`;
      if (rand() < 0.2) name += `.func${1 + int(4)}`;
      out.push(addFn(name, pkg));
    }
    return [...new Set(out)];
  });
  const allocatorFns = ALLOCATORS.map((chain) => chain.map((n) => addFn(n, 'runtime')));
  const rootFns = ROOTS.map((n) => addFn(n, 'runtime'));

  // Locations: call sites. Each function gets a few; some inline a helper (2-3 lines).
  const locs: Loc[] = [];
  let address = 0x401000;
  const newLoc = (fn: number, inline: boolean, layer: number): number => {
    const l: Loc = { fns: [fn], lines: [fns[fn]!.startLine + 1 + int(200)], address };
    if (inline) {
      const depth = 1 + int(2);
      for (let d = 0; d < depth; d++) {
        const helper = pick(layerFns[Math.min(LAYERS.length - 1, layer + 1)]!);
        l.fns.unshift(helper);
        l.lines.unshift(fns[helper]!.startLine + 1 + int(40));
      }
    }
    address += 16 + int(4000);
    locs.push(l);
    return locs.length - 1;
  };
  const sitesOf = new Map<number, number[]>();
  const callSite = (fn: number, layer: number): number => {
    let sites = sitesOf.get(fn);
    if (!sites) {
      sites = [];
      sitesOf.set(fn, sites);
    }
    if (sites.length === 0 || (sites.length < 12 && rand() < 0.35)) sites.push(newLoc(fn, rand() < 0.15, layer));
    return pick(sites);
  };
  const allocatorLocs = allocatorFns.map((chain) => chain.map((fn) => newLoc(fn, false, LAYERS.length - 1)));
  const rootLoc = newLoc(rootFns[0]!, false, 0);

  // Stacks, root first while building: extend a prefix of an earlier stack with new calls.
  const stacks: number[][] = [];
  const seen = new Set<string>();
  const { minDepth, maxDepth } = opts;
  while (stacks.length < opts.stacks) {
    const depth = minDepth + int(maxDepth - minDepth + 1);
    const alloc = rand() < 0.7 ? pick(allocatorLocs) : [];
    const callDepth = Math.max(1, depth - alloc.length);
    let stack: number[];
    if (stacks.length > 0 && rand() < 0.97) {
      const from = stacks[stacks.length - 1 - int(Math.min(stacks.length, 2000))]!;
      const keep = Math.min(callDepth - 1, Math.max(1, Math.floor(from.length * (0.5 + rand() * 0.45))));
      stack = from.slice(0, keep).filter((l) => !allocatorLocs.some((chain) => chain.includes(l)));
    } else {
      stack = [rootLoc];
    }
    while (stack.length < callDepth) {
      const layer = Math.min(LAYERS.length - 1, Math.floor((stack.length / maxDepth) * LAYERS.length));
      stack.push(callSite(pick(layerFns[layer]!), layer));
    }
    // Allocator chains are listed leaf first; the stack is root first.
    for (let k = alloc.length - 1; k >= 0; k--) stack.push(alloc[k]!);
    const key = stack.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    stacks.push(stack);
  }

  // Strings, interned in first-use order as the runtime does.
  const strings: string[] = [''];
  const stringIndex = new Map<string, number>([['', 0]]);
  const str = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };

  const w = new ProtoWriter();
  const valueType = (field: number, type: string, unit: string) =>
    w.message(field, (m) => m.field(1, str(type)).field(2, str(unit)));
  valueType(11, 'space', 'bytes');
  w.field(12, 524288);
  valueType(1, 'alloc_objects', 'count');
  valueType(1, 'alloc_space', 'bytes');
  valueType(1, 'inuse_objects', 'count');
  valueType(1, 'inuse_space', 'bytes');

  const fnEmitted = new Uint8Array(fns.length);
  const locEmitted = new Uint8Array(locs.length);
  const emitLocation = (i: number) => {
    const l = locs[i]!;
    locEmitted[i] = 1;
    w.message(4, (m) => {
      m.field(1, i + 1).field(2, 1).field(3, l.address);
      for (let k = 0; k < l.fns.length; k++) m.message(4, (line) => line.field(1, l.fns[k]! + 1).field(2, l.lines[k]!));
    });
    for (const f of l.fns) {
      if (fnEmitted[f]) continue;
      fnEmitted[f] = 1;
      const fn = fns[f]!;
      w.message(5, (m) => m.field(1, f + 1).field(2, str(fn.name)).field(3, str(fn.name)).field(4, str(fn.file)).field(5, fn.startLine));
    }
  };

  const ids: number[] = [];
  const values = [0, 0, 0, 0];
  for (const stack of stacks) {
    ids.length = 0;
    for (let k = stack.length - 1; k >= 0; k--) {
      const loc = stack[k]!;
      if (!locEmitted[loc]) emitLocation(loc);
      ids.push(loc + 1);
    }
    // Heavy-tailed counts: most stacks small, a few holding gigabytes (the incident).
    const large = rand() < 0.005;
    // Small size classes dominate, as in a real heap.
    const size = large ? (1 + int(16)) << 20 : SIZE_CLASSES[Math.floor(rand() ** 3 * SIZE_CLASSES.length)]!;
    const r = rand();
    const objects = large ? 1 + int(4) : Math.floor(1 / (r * r + 1e-4));
    const live = rand() < 0.4 ? 0 : Math.floor(objects * rand());
    values[0] = objects;
    values[1] = objects * size;
    values[2] = live;
    values[3] = live * size;
    w.message(2, (m) => {
      m.packed(2, values);
      m.packed(1, ids);
      m.message(3, (label) => label.field(1, str('bytes')).field(3, size));
      if (rand() < 0.01) m.message(3, (label) => label.field(1, str('handler')).field(2, str(pick(HANDLERS))));
    });
  }

  w.field(9, 1700000000123456789n);
  w.message(3, (m) =>
    m.field(1, 1).field(2, 0x400000).field(3, address + 0x1000).field(4, 0)
      .field(5, str('/usr/local/bin/kube-apiserver')).field(6, str('4f1c2b7d9e0a3b5c6d7e8f9a0b1c2d3e4f5a6b7c'))
      .field(7, 1).field(8, 1).field(9, 1).field(10, 1),
  );
  const enc = new TextEncoder();
  for (const s of strings) w.bytes(6, enc.encode(s));
  return gzip(w.finish());
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: npx tsx bench/gen/heap-profile.ts OUT.pb.gz [stacks]');
    process.exit(2);
  }
  const stacks = Number(process.argv[3] ?? 120000);
  const t0 = performance.now();
  const bytes = generateHeapProfile({ stacks, minDepth: 10, maxDepth: 60, seed: 1 });
  writeFileSync(out, bytes);
  console.log(`${out}: ${stacks} stacks, ${bytes.length} bytes gzipped, ${Math.round(performance.now() - t0)} ms`);
}
