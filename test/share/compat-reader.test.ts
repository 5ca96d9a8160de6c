// Forward compatibility, reader side: a later stackscope that declares new optional fields
// (simulated by swapping its descriptions in for specs.ts) still opens every link of the corpus,
// v1, v2 and v3 alike, to the same report: the new fields absent, or at their default.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { decodePermalink, encodePermalink } from '../../src/share/codec';
import { describePayload } from '../../src/share/preview';
import type { SharePayload } from '../../src/share/schema';
import { futureValues } from './future';

vi.mock('../../src/share/specs', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/share/specs')>();
  const { futureSpecs } = await import('./future');
  return { ...real, bodySpec: futureSpecs(real).body };
});

const corpus = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const links = readdirSync(corpus)
  .filter((d) => d.startsWith('made-by-v'))
  .flatMap((d) =>
    readdirSync(join(corpus, d))
      .filter((f) => f.endsWith('.link'))
      .map((f) => join(d, f.slice(0, -'.link'.length))),
  );

type Future = Record<string, unknown> & { view: Record<string, unknown>; findings: Array<Record<string, unknown>> };

describe('a later reader with new optional fields', () => {
  it('has every corpus link to read', () => {
    expect(links.length).toBeGreaterThanOrEqual(33);
  });

  for (const name of links) {
    it(`opens ${name}: the old report, the new fields absent or at their default`, () => {
      const r = decodePermalink(readFileSync(join(corpus, `${name}.link`), 'utf8').trim());
      if (!r.ok) throw new Error(r.error);
      const got = r.payload as unknown as Future;
      expect(got.view.theme).toBe('light');
      expect('comments' in got).toBe(false);
      for (const f of got.findings) expect('color' in f || 'pinnedAt' in f).toBe(false);
      const { v: _v, ...body } = got;
      const { theme: _theme, ...view } = body.view;
      const expected = JSON.parse(readFileSync(join(corpus, `${name}.json`), 'utf8')) as unknown;
      expect({ ...body, view }).toEqual(expected);
    });
  }

  it('writes and reads its new fields', () => {
    const r = decodePermalink(readFileSync(join(corpus, 'made-by-v3', 'every-kind.link'), 'utf8').trim());
    if (!r.ok) throw new Error(r.error);
    const p = r.payload as unknown as Future;
    const newer = { ...p, comments: futureValues.comments, view: { ...p.view, ...futureValues.view }, findings: p.findings.map((f) => ({ ...f, ...futureValues.finding })) };
    expect(decodePermalink(encodePermalink(newer as unknown as SharePayload))).toEqual({ ok: true, payload: newer });
    // The share preview lists them before this version's preview.ts knows them.
    const preview = describePayload(newer as unknown as SharePayload);
    expect(preview).toContain('Also view.theme: "dark"');
    expect(preview).toContain('Also comments: ["checked by the on-call", "see the postmortem doc"]');
    expect(preview).toContain('Also findings[4].color: "red"');
    expect(preview).toContain('Also findings[4].pinnedAt: 3');
  });
});
