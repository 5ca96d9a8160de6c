// A file's view by names, as an address's query and a link's view carry it: one table of named
// keys, a codec version, and upgraders from older forms (the way the Firefox profiler keeps
// its URLs readable for years). Names, never this load's indexes: the sample type by name, the
// zoomed frame as function names from the root, a group by (state, site). Decoding is lenient
// and bounded: a value it cannot read is left out and named, never guessed or thrown.

import type { Granularity } from '../analysis/nodes';
import { limits, type SharedView, type ViewTab } from './schema';

/** The version encodeView writes. v0 is the query before versions (tab, type, gran, state, wait, frame, by). */
export const VIEW_CODEC_VERSION = 1;

export type StackBy = 'site' | 'state';

/** Everything a view carries by name: a link's view, plus how the histogram is stacked. */
export interface PortableView extends SharedView {
  stackBy: StackBy;
}

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
};

/** The encoded form: named keys, each a text or a list of texts, and "v". */
export type ViewParams = Record<string, string | string[]>;

const tabs: readonly ViewTab[] = ['goroutines', 'flame', 'top'];
const granularities: readonly Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];
const stackBys: readonly StackBy[] = ['site', 'state'];

type Value = string | number | string[] | null;

/** One key of the form: where it lives in the view, how it reads and writes. */
interface Field {
  key: string;
  get(v: PortableView): Value;
  /** Writes a decoded value into the partial view; returns false when the text is not valid. */
  set(out: Partial<PortableView>, raw: string | string[]): boolean;
}

const one = (raw: string | string[]) => (Array.isArray(raw) ? raw[0] ?? '' : raw);
const many = (raw: string | string[]) => (Array.isArray(raw) ? raw : [raw]);
const text = (max: number) => (raw: string | string[]) => {
  const s = one(raw);
  return s.length <= max ? s : null;
};

function enumField<K extends 'tab' | 'granularity' | 'stackBy'>(key: string, prop: K, values: readonly PortableView[K][]): Field {
  return {
    key,
    get: (v) => v[prop],
    set: (out, raw) => {
      const s = one(raw) as PortableView[K];
      if (!values.includes(s)) return false;
      out[prop] = s;
      return true;
    },
  };
}

function textField<K extends 'sampleType' | 'search' | 'topFilter'>(key: string, prop: K, max: number): Field {
  return {
    key,
    get: (v) => v[prop],
    set: (out, raw) => {
      const s = text(max)(raw);
      if (s === null) return false;
      out[prop] = s;
      return true;
    },
  };
}

/** Filter parts merge into one filter object. */
const filterOf = (out: Partial<PortableView>) => (out.filter ??= { ...defaultPortableView.filter, states: [] });
/** Group parts merge into one anchor; a group needs both. */
const groupOf = (out: Partial<PortableView>) => (out.group ??= { state: '', site: '' });

/**
 * The keys, in the order they are written. Adding a key here (and its use) is all a new view
 * field takes; never reuse a key for another meaning: give it a new name and an upgrader.
 */
const fields: readonly Field[] = [
  enumField('tab', 'tab', tabs),
  textField('type', 'sampleType', 200),
  enumField('gran', 'granularity', granularities),
  {
    key: 'state',
    get: (v) => v.filter.states,
    set: (out, raw) => {
      const states = many(raw);
      if (states.length > limits.states || states.some((s) => s.length > 200)) return false;
      filterOf(out).states = [...states];
      return true;
    },
  },
  {
    key: 'wait',
    get: (v) => v.filter.minWait,
    set: (out, raw) => {
      const s = one(raw);
      const n = Number(s);
      if (!/^[0-9]{1,9}$/.test(s) || !Number.isSafeInteger(n)) return false;
      filterOf(out).minWait = n;
      return true;
    },
  },
  {
    key: 'frame',
    get: (v) => v.filter.frame,
    set: (out, raw) => {
      const s = text(limits.textChars)(raw);
      if (s === null) return false;
      filterOf(out).frame = s;
      return true;
    },
  },
  enumField('by', 'stackBy', stackBys),
  {
    key: 'focus',
    get: (v) => v.focus,
    set: (out, raw) => {
      const s = text(limits.textChars)(raw);
      if (s === null || s === '') return false;
      out.focus = s;
      return true;
    },
  },
  {
    key: 'zoom',
    get: (v) => v.zoomPath,
    set: (out, raw) => {
      const path = many(raw);
      if (path.length > limits.pathFrames || path.some((s) => s.length > limits.textChars)) return false;
      out.zoomPath = [...path];
      return true;
    },
  },
  {
    key: 'gstate',
    get: (v) => v.group?.state ?? null,
    set: (out, raw) => {
      const s = text(200)(raw);
      if (s === null) return false;
      groupOf(out).state = s;
      return true;
    },
  },
  {
    key: 'gsite',
    get: (v) => v.group?.site ?? null,
    set: (out, raw) => {
      const s = text(limits.textChars)(raw);
      if (s === null || s === '') return false;
      groupOf(out).site = s;
      return true;
    },
  },
  textField('search', 'search', limits.textChars),
  textField('rows', 'topFilter', limits.textChars),
];

const fieldByKey = new Map(fields.map((f) => [f.key, f]));

function isDefault(f: Field, value: Value): boolean {
  const d = f.get(defaultPortableView);
  if (Array.isArray(value)) return value.length === 0;
  return value === d || value === null;
}

/** A view to its named keys; values equal to the defaults are left out. */
export function encodeView(view: PortableView): ViewParams {
  const out: ViewParams = { v: String(VIEW_CODEC_VERSION) };
  for (const f of fields) {
    const value = f.get(view);
    if (isDefault(f, value)) continue;
    out[f.key] = Array.isArray(value) ? [...value] : String(value);
  }
  return out;
}

export interface DecodedView {
  /** Only what the form said; the rest stays as the receiver has it. */
  view: Partial<PortableView>;
  /** Keys whose value could not be read (left out), and keys this version does not know. */
  invalid: string[];
  unknown: string[];
}

/** Upgraders: each takes the form of its version to the next. v0 -> v1 only adds keys. */
const upgraders: Array<(p: ViewParams) => ViewParams> = [(p) => p];

/** Named keys of any known version to a partial view. Never throws. */
export function decodeView(params: ViewParams): DecodedView {
  const invalid: string[] = [];
  const unknown: string[] = [];
  let p = params;
  const version = one(p.v ?? '0');
  let v = /^[0-9]{1,4}$/.test(version) ? Number(version) : -1;
  if (v < 0 || v > VIEW_CODEC_VERSION) {
    // A newer page's view: read the keys this version knows, as if they meant the same.
    if (v < 0) invalid.push('v');
    v = VIEW_CODEC_VERSION;
  }
  while (v < VIEW_CODEC_VERSION) p = upgraders[v++]!(p);
  const view: Partial<PortableView> = {};
  for (const [key, raw] of Object.entries(p)) {
    if (key === 'v') continue;
    const f = fieldByKey.get(key);
    if (!f) unknown.push(key);
    else if (!f.set(view, raw)) invalid.push(key);
  }
  if (view.group && (view.group.site === '' || !('gstate' in p))) {
    delete view.group;
    if (!invalid.includes('gsite')) invalid.push('gsite');
  }
  return { view, invalid, unknown };
}

/** Keys the form knows: the rest of a query (sample=, version=) belongs to the page. */
export function isViewKey(key: string): boolean {
  return key === 'v' || fieldByKey.has(key);
}

/** The form as query parameters (lists as repeated keys), after whatever `keep` holds. */
export function viewToQuery(params: ViewParams, keep: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const q = new URLSearchParams(keep);
  for (const [key, value] of Object.entries(params)) for (const x of Array.isArray(value) ? value : [value]) q.append(key, x);
  return q;
}

/** The form's keys of a query; keys that repeat, or that hold lists, become lists. */
export function queryToParams(q: URLSearchParams): ViewParams {
  const out: ViewParams = {};
  for (const key of new Set(q.keys())) {
    if (!isViewKey(key)) continue;
    const all = q.getAll(key);
    out[key] = key === 'state' || key === 'zoom' || all.length > 1 ? all : all[0]!;
  }
  return out;
}
