// Forward compatibility, writer side: a link from a later stackscope that added optional fields
// (at every level: the document, the view, each finding, snapshot rows) opens in today's page,
// which shows what it knows and skips the rest. The reader side is compat-reader.test.ts.
import { describe, expect, it } from 'vitest';
import { decodePermalink } from '../../src/share/codec';
import { sealEnvelope } from '../../src/share/envelope';
import { SCHEMA_VERSION, type SharePayload, type SharedView } from '../../src/share/schema';
import { encodeView } from '../../src/share/viewCodec';
import { check } from '../../src/share/shape';
import * as specs from '../../src/share/specs';
import { examplePayload } from './examples';
import { futureSpecs, futureValues } from './future';
import { goroutinePayload, heapPayload } from './realistic';

const future = futureSpecs(specs);

/** The payload as a later version holds it: today's fields plus its new ones. */
function withFutureFields(p: SharePayload): Record<string, unknown> {
  const { v: _v, ...body } = p;
  return {
    ...body,
    view: { ...body.view, ...futureValues.view },
    findings: body.findings.map((f) => ({ ...f, ...futureValues.finding })),
    snapshot: body.snapshot && {
      ...body.snapshot,
      top: body.snapshot.top && { ...body.snapshot.top, rows: body.snapshot.top.rows.map((r) => ({ ...r, ...futureValues.row })) },
    },
    comments: futureValues.comments,
  };
}

/** The v3 document the later writer makes: its description, its view through the view codec. */
function futureDocument(p: SharePayload): Record<string, unknown> & { view: Record<string, unknown> } {
  const body = check(future.body, withFutureFields(p)) as Record<string, unknown>;
  return { v: SCHEMA_VERSION, ...body, view: encodeView(body.view as SharedView, future.view) };
}

describe('a link made by a later version with new optional fields', () => {
  it('opens here, to the same report without the fields this page does not know', async () => {
    for (const p of [examplePayload(), examplePayload([], null), await goroutinePayload(), await heapPayload()]) {
      // What the later writer puts in the link: its own description, same schema version.
      const doc = futureDocument(p);
      const json = JSON.stringify(doc);
      expect(json).toContain('"theme":"dark"');
      expect(json).toContain('"comments":[');
      if (p.findings.length > 0) expect(json).toContain('"color":"red","pinnedAt":3');
      if (p.snapshot?.top) expect(json).toContain('"inlined":2');
      expect(decodePermalink(sealEnvelope(doc))).toEqual({ ok: true, payload: p });
    }
  });

  it('still refuses what is wrong in the fields this page knows', () => {
    const p = examplePayload();
    const doc = futureDocument(p);
    doc.view = { ...doc.view, tab: 'timeline' };
    expect(decodePermalink(sealEnvelope(doc))).toEqual({ ok: false, error: 'the link is cut or damaged: view.tab: expected one of goroutines, flame, top, graph, got "timeline"' });
  });
});
