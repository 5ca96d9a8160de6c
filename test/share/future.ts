// A later stackscope, simulated: the link descriptions of today plus optional fields at every
// level (the document, the view, each finding kind, snapshot rows), one of them with a
// default, as a future specs.ts would declare them. Built from a specs module passed in, so a
// test can swap it in for the real one (vi.mock) without importing itself.
import type * as Specs from '../../src/share/specs';
import { list, nullable, num, oneOf, optional, str, type Spec } from '../../src/share/shape';

type Raw = Spec<unknown>['raw'];

/** The description with fields replaced or appended (in every case of a union). */
function withFields<T>(spec: Spec<T>, fields: Record<string, { raw: Raw }>): Spec<T> {
  const extend = (r: Raw): Raw => {
    if (r.t !== 'obj') throw new Error(`not an object: ${r.t}`);
    const keys = [...r.keys];
    const specs = [...r.specs];
    for (const [k, s] of Object.entries(fields)) {
      const i = keys.indexOf(k);
      if (i >= 0) specs[i] = s.raw;
      else {
        keys.push(k);
        specs.push(s.raw);
      }
    }
    return { t: 'obj', keys, specs };
  };
  const raw = spec.raw;
  if (raw.t === 'union') return { raw: { ...raw, cases: raw.cases.map((c) => extend(c) as typeof c) } };
  return { raw: extend(raw) };
}

/** What the added fields hold in a payload a future writer makes. */
export const futureValues = {
  comments: ['checked by the on-call', 'see the postmortem doc'],
  view: { theme: 'dark' as const },
  finding: { color: 'red', pinnedAt: 3 },
  row: { inlined: 2 },
};

export function futureSpecs(s: typeof Specs) {
  const finding = withFields(s.findingSpec, { color: optional(str(20)), pinnedAt: optional(num({ int: true, min: 0 })) });
  const topRow = withFields(s.topRowSpec, { inlined: optional(num({ int: true, min: 0 })) });
  const snapshotTop = withFields(s.snapshotTopSpec, { rows: list(topRow, 100) });
  const snapshot = withFields(s.snapshotSpec, { top: nullable(snapshotTop) });
  // theme has a default: a future reader sees "light" in links made before it existed.
  const view = withFields(s.viewSpec, { theme: optional(oneOf(['light', 'dark']), 'light') });
  const body = withFields(s.bodySpec, {
    view,
    findings: list(finding, 100),
    snapshot: nullable(snapshot),
    comments: optional(list(str(200), 8)),
  });
  return { body, finding, view };
}
