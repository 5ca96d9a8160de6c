// A file's view by names, as an address's query and a link's view carry it: one codec with
// named keys, a version, and upgraders from older forms (the way the Firefox profiler keeps its
// URLs readable for years). Its keys are the fields of the link's view description (specs.ts
// viewSpec), walked generically: a field added there (optional, as links require) is at once a
// query key and a link key under its own name, so a new view field is its declaration and its
// use. The fields the address carried before versions keep their short names.
// Names, never this load's indexes: the sample type by name, the zoomed frame as function names
// from the root, a group by (state, site). Decoding is bounded and says what it cannot read.

import { limits, type SharedView } from './schema';
import { ShapeError, check, type Spec } from './shape';
import { viewSpec } from './specs';

/** The version encodeView writes. v0 is the query before versions (tab, type, gran, state, wait, frame, by). */
export const VIEW_CODEC_VERSION = 1;

/** A file's whole view by names, every optional field set (what the page holds). */
export type PortableView = Required<SharedView>;

export const defaultPortableView: PortableView = {
  tab: 'flame',
  sampleType: '',
  granularity: 'functions',
  filter: { states: [], minWait: 0, frame: '' },
  focus: null,
  zoomPath: [],
  group: null,
  search: '',
  topFilter: '',
  stackBy: 'site',
  groupBy: '',
  sandwich: '',
};

/** The encoded form: named keys, each a text or a list of texts, and "v". */
export type ViewParams = Record<string, string | string[]>;

type Raw = Spec<unknown>['raw'];
/** A view description: viewSpec, or a later version of it (tests simulate one). */
type ViewDescription = { readonly raw: Raw };

/** Short names the address used before the codec had a version; other fields go by their path. */
const shortKeys: Record<string, string> = {
  sampleType: 'type',
  granularity: 'gran',
  'filter.states': 'state',
  'filter.minWait': 'wait',
  'filter.frame': 'frame',
  stackBy: 'by',
  zoomPath: 'zoom',
  'group.state': 'gstate',
  'group.site': 'gsite',
  topFilter: 'rows',
  'filter.tagfocus': 'tagfocus',
  'filter.tagignore': 'tagignore',
  'group.label': 'glabel',
  // pprof's refinements by pprof's flag names, but -focus: "focus" has always been the flame
  // graph's root function in addresses and links, and keeps that meaning.
  'filter.focus': 'pfocus',
  'filter.ignore': 'ignore',
  'filter.hide': 'hide',
  'filter.show': 'show',
  'filter.show_from': 'show_from',
  'filter.prune_from': 'prune_from',
  'filter.nodefraction': 'nodefraction',
  'filter.edgefraction': 'edgefraction',
  'filter.nodecount': 'nodecount',
};

/** One key of the form: a leaf field of the view description. */
interface Leaf {
  key: string;
  path: readonly string[];
  /** The leaf's own description (a text, an enum, a number, or a list of texts). */
  raw: Raw;
  /** null is a value of it (absent means null). */
  nullable: boolean;
  /** A field links made before it lack. */
  optional: boolean;
  /** Path of the nullable object it belongs to (a group), or null. */
  parent: string | null;
}

function leavesOf(raw: Raw, path: string[], parent: string | null, optional: boolean, out: Leaf[]): void {
  switch (raw.t) {
    case 'opt':
      return leavesOf(raw.of, path, parent, true, out);
    case 'null':
      if (raw.of.t === 'obj') return leavesOf(raw.of, path, path.join('.'), optional, out);
      out.push({ key: keyOf(path), path, raw: raw.of, nullable: true, optional, parent });
      return;
    case 'obj':
      raw.keys.forEach((k, i) => leavesOf(raw.specs[i]!, [...path, k], parent, optional, out));
      return;
    case 'arr':
    case 'str':
    case 'enum':
    case 'num':
      out.push({ key: keyOf(path), path, raw, nullable: false, optional, parent });
      return;
    case 'union':
      throw new Error(`a view field cannot be a union (${path.join('.')})`);
  }
}

const keyOf = (path: readonly string[]) => shortKeys[path.join('.')] ?? path.join('.');

const leafCache = new WeakMap<object, { leaves: Leaf[]; byKey: Map<string, Leaf> }>();

/** The keys of a view description (the link's viewSpec, or a later version of it). */
function formOf(spec: ViewDescription) {
  let f = leafCache.get(spec.raw);
  if (!f) {
    const leaves: Leaf[] = [];
    leavesOf(spec.raw, [], null, false, leaves);
    f = { leaves, byKey: new Map(leaves.map((l) => [l.key, l])) };
    leafCache.set(spec.raw, f);
  }
  return f;
}

function getPath(o: unknown, path: readonly string[]): unknown {
  let v = o;
  for (const k of path) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k];
  return v;
}

function setPath(o: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = o;
  for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
}

const isDefault = (leaf: Leaf, value: unknown) => {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return leaf.parent === null && value === getPath(defaultPortableView, leaf.path);
};

/** A view to its named keys; values equal to the defaults are left out (a group's keys go together). */
export function encodeView(view: SharedView, spec: ViewDescription = viewSpec): ViewParams {
  const out: ViewParams = { v: String(VIEW_CODEC_VERSION) };
  for (const leaf of formOf(spec).leaves) {
    const value = getPath(view, leaf.path);
    const inGroup = leaf.parent !== null && getPath(view, leaf.parent.split('.')) !== null && value !== undefined;
    if (!inGroup && isDefault(leaf, value)) continue;
    out[leaf.key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

export interface DecodedView {
  /** Only what the form said; the rest stays as the receiver has it. */
  view: Partial<SharedView>;
  /** Keys whose value could not be read (left out), with what is wrong, and keys this version does not know. */
  invalid: string[];
  problems: Record<string, string>;
  unknown: string[];
}

/** Upgraders: each takes the form of its version to the next. v0 -> v1 only adds keys. */
const upgraders: Array<(p: ViewParams) => ViewParams> = [(p) => p];

const quoted = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** A leaf's text to its value, checked by the leaf's own description; throws ShapeError. */
function readLeaf(leaf: Leaf, raw: string | string[], at: string): unknown {
  const texts = Array.isArray(raw) ? raw : [raw];
  if (leaf.raw.t === 'arr') return check({ raw: leaf.raw }, texts, at);
  const s = texts[0] ?? '';
  if (leaf.raw.t === 'num') {
    if (!/^-?[0-9]{1,16}(\.[0-9]{1,16})?$/.test(s)) throw new ShapeError(at, `expected a number, got ${quoted(s)}`);
    return check({ raw: leaf.raw }, Number(s), at);
  }
  return check({ raw: leaf.raw }, s, at);
}

/** Named keys of any known version to a partial view. Never throws. */
export function decodeView(params: ViewParams, spec: ViewDescription = viewSpec, path = ''): DecodedView {
  const invalid: string[] = [];
  const problems: Record<string, string> = {};
  const unknown: string[] = [];
  let p = params;
  const version = typeof p.v === 'string' ? p.v : '0';
  let v = /^[0-9]{1,4}$/.test(version) ? Number(version) : -1;
  if (v < 0) {
    invalid.push('v');
    problems.v = `expected a version number, got ${quoted(version)}`;
  }
  // A newer page's view: read the keys this version knows, as if they meant the same.
  if (v < 0 || v > VIEW_CODEC_VERSION) v = VIEW_CODEC_VERSION;
  while (v < VIEW_CODEC_VERSION) p = upgraders[v++]!(p);
  const { byKey } = formOf(spec);
  const view: Record<string, unknown> = {};
  const groups = new Set<string>();
  for (const [key, raw] of Object.entries(p)) {
    if (key === 'v') continue;
    const leaf = byKey.get(key);
    if (!leaf) {
      unknown.push(key);
      continue;
    }
    try {
      setPath(view, leaf.path, readLeaf(leaf, raw, path ? `${path}.${key}` : key));
      if (leaf.parent) groups.add(leaf.parent);
    } catch (e) {
      invalid.push(key);
      problems[key] = e instanceof ShapeError ? e.problem : String(e);
    }
  }
  // A group named by some of its keys: the others are empty (a debug=1 group has no state).
  for (const g of groups) {
    for (const leaf of formOf(spec).leaves) {
      if (leaf.parent === g && !leaf.optional && getPath(view, leaf.path) === undefined) setPath(view, leaf.path, leaf.raw.t === 'num' ? 0 : leaf.raw.t === 'arr' ? [] : '');
    }
  }
  // Parts of the filter not named keep the defaults (the filter is one value of the view).
  if (view.filter) view.filter = { ...defaultPortableView.filter, ...(view.filter as object) };
  return { view: view as Partial<SharedView>, invalid, problems, unknown };
}

/** Keys the form knows: the rest of a query (sample=, version=) belongs to the page. */
export function isViewKey(key: string, spec: ViewDescription = viewSpec): boolean {
  return key === 'v' || formOf(spec).byKey.has(key);
}

/** The form as query parameters (lists as repeated keys), after whatever `keep` holds. */
export function viewToQuery(params: ViewParams, keep: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const q = new URLSearchParams(keep);
  for (const [key, value] of Object.entries(params)) for (const x of Array.isArray(value) ? value : [value]) q.append(key, x);
  return q;
}

/** The form's keys of a query; keys of list fields (and keys that repeat) become lists. */
export function queryToParams(q: URLSearchParams, spec: ViewDescription = viewSpec): ViewParams {
  const out: ViewParams = {};
  const { byKey } = formOf(spec);
  for (const key of new Set(q.keys())) {
    if (!isViewKey(key, spec)) continue;
    const all = q.getAll(key);
    out[key] = byKey.get(key)?.raw.t === 'arr' || all.length > 1 ? all : all[0]!;
  }
  return out;
}

/** Most keys a view's form may have in a link. */
const MAX_VIEW_KEYS = 64;

/**
 * A link's view as the wire carries it (this codec's keys), checked for shape and caps, decoded
 * and validated against `spec`; absent keys take the defaults (optional fields stay absent or
 * take their declared default). Throws ShapeError naming the key it cannot read; keys of a
 * newer version are skipped.
 */
export function readViewParams(json: unknown, path: string, spec: ViewDescription = viewSpec): SharedView {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ShapeError(path, "expected the view's keys (an object)");
  const keys = Object.keys(json);
  if (keys.length > MAX_VIEW_KEYS) throw new ShapeError(path, `${keys.length} keys, more than the ${MAX_VIEW_KEYS} allowed`);
  const params: ViewParams = {};
  for (const key of keys) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new ShapeError(path, `forbidden key "${key}"`);
    if (!isViewKey(key, spec)) continue;
    const v: unknown = (json as Record<string, unknown>)[key];
    if (typeof v === 'string') params[key] = v;
    else if (Array.isArray(v) && v.length <= limits.pathFrames && v.every((x) => typeof x === 'string')) params[key] = v as string[];
    else throw new ShapeError(`${path}.${key}`, 'expected text or a list of texts');
  }
  const { view, invalid, problems } = decodeView(params, spec, path);
  if (invalid.length > 0) throw new ShapeError(`${path}.${invalid[0]!}`, problems[invalid[0]!]!);
  const { stackBy: _optional, groupBy: _optional2, sandwich: _optional3, ...required } = defaultPortableView;
  return check(spec as Spec<SharedView>, { ...required, ...view }, path, { unknownKeys: 'ignore' });
}
