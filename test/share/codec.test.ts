// Links made and read back: every finding kind, with and without a snapshot, v1, v2 and v3;
// and every way a link from chat can be wrong, each with the sentence the page shows.
import { deflate, deflateRaw } from 'pako';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../src/share/base64url';
import { decodePermalink, encodePermalink, validatePayload } from '../../src/share/codec';
import { ENVELOPE_PREFIX, MAX_FRAGMENT_CHARS, sealEnvelope } from '../../src/share/envelope';
import type { SharePayload } from '../../src/share/schema';
import { checkV1, packBody, toV1, upgradeV1 } from '../../src/share/upgrade';
import { writeWire } from '../../src/share/wire';
import { LINK_DICTIONARY, LINK_DICTIONARY_V2 } from '../../src/share/dictionary';
import { examplePayload, findingsOfEveryKind } from './examples';
import { goroutinePayload, heapPayload } from './realistic';

function decodeOk(fragment: string): SharePayload {
  const r = decodePermalink(fragment);
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.payload;
}

function decodeError(fragment: string): string {
  const r = decodePermalink(fragment);
  if (r.ok) throw new Error('expected an error, got a payload');
  return r.error;
}

/** A fragment whose JSON text is exactly `text` (for documents JSON.stringify cannot write). */
function fragmentOfText(text: string): string {
  return ENVELOPE_PREFIX + encodeBase64Url(deflate(new TextEncoder().encode(text), { dictionary: LINK_DICTIONARY }));
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('round trips', () => {
  for (const f of findingsOfEveryKind) {
    it(`a ${f.kind} finding, with and without a snapshot`, () => {
      for (const snap of [examplePayload().snapshot, null]) {
        const p = examplePayload([f], snap);
        expect(decodeOk(encodePermalink(p))).toEqual(p);
      }
    });
  }

  it('every kind together, a snapshot with only some parts, no findings at all', () => {
    const p = examplePayload();
    expect(decodeOk(encodePermalink(p))).toEqual(p);
    const partial = examplePayload(findingsOfEveryKind, { top: null, goroutines: p.snapshot!.goroutines, knownBugs: [] });
    expect(decodeOk(encodePermalink(partial))).toEqual(partial);
    const empty = examplePayload([], null);
    expect(decodeOk(encodePermalink(empty))).toEqual(empty);
  });

  it('real findings from the samples', async () => {
    for (const p of [await goroutinePayload(), await heapPayload()]) {
      expect(validatePayload(p)).toEqual({ ok: true });
      expect(decodeOk(encodePermalink(p))).toEqual(p);
    }
  });

  it('reads "#fragment", a whole address, and links with chat punctuation glued on', () => {
    const p = examplePayload();
    const f = encodePermalink(p);
    expect(f.startsWith('s1.')).toBe(true);
    expect(f).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
    for (const variant of [`#${f}`, `https://stackscope.example/app/?sample=x#${f}`, `${f}.`, `(${'see'} #${f}).`.slice(6), ` ${f}\n`]) {
      expect(decodeOk(variant)).toEqual(p);
    }
  });

  it('links followed by the punctuation chat tools add, raw or percent-encoded as an address bar writes it', () => {
    const p = examplePayload();
    const f = encodePermalink(p);
    const tails = ['"', '»', ')', '.', ',', '%22', '%C2%BB', '%c2%bb', '%29', '%2C', '%E2%80%9D', '%22%C2%BB).', '».%22', '%20'];
    for (const tail of tails) {
      expect(decodeOk(`#${f}${tail}`)).toEqual(p);
      expect(decodeOk(`https://stackscope.example/app/#${f}${tail}`)).toEqual(p);
    }
    // A "%" sequence that is not one of those characters is still damage, named with its place.
    expect(decodeError(`#${f}%41`)).toMatch(/unexpected character "%" at position \d+/);
    expect(decodeError(`#${f}%C2`)).toMatch(/unexpected character "%"/);
  });

  it('keeps markup and script text as the same plain strings', () => {
    const hostile = ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '</script><script>alert(1)</script>', '"><svg onload=alert(1)>', '{{constructor.constructor("alert(1)")()}}', '\u202Eevil', '__proto__'];
    const p = examplePayload(
      findingsOfEveryKind.map((f, i) => ({ ...f, title: hostile[i % hostile.length]!, note: hostile.join('\n') })),
    );
    p.view.search = hostile[1]!;
    const back = decodeOk(encodePermalink(p));
    expect(back).toEqual(p);
    expect(back.findings.map((f) => f.title)).toEqual(findingsOfEveryKind.map((_, i) => hostile[i % hostile.length]));
  });
});

describe('schema v1 and v2', () => {
  it('v1 and v2 links read as the same payload as the v3 link of the same findings', async () => {
    for (const p of [examplePayload(), examplePayload([], null), await goroutinePayload(), await heapPayload()]) {
      const { v: _v, ...body } = p;
      const v1 = sealEnvelope(toV1(p));
      const v2 = sealEnvelope(packBody(body));
      expect(decodeOk(v1)).toEqual(p);
      expect(decodeOk(v2)).toEqual(p);
      expect(decodeOk(encodePermalink(p))).toEqual(p);
    }
  });

  it('links deflated with the v2 dictionary open (it is chosen by the checksum in the zlib header)', () => {
    const p = examplePayload();
    const { v: _v, ...body } = p;
    const old = ENVELOPE_PREFIX + encodeBase64Url(deflate(new TextEncoder().encode(JSON.stringify(packBody(body))), { level: 9, dictionary: LINK_DICTIONARY_V2 }));
    expect(decodeOk(old)).toEqual(p);
  });

  it('upgradeV1 is pure: the v2 document of the same body, input untouched', () => {
    const doc = deepFreeze(checkV1(JSON.parse(JSON.stringify(toV1(examplePayload())))));
    const before = JSON.stringify(doc);
    const { v: _v, ...body } = examplePayload();
    const upgraded = upgradeV1(doc);
    expect(upgraded).toEqual(packBody(body));
    expect(JSON.stringify(doc)).toBe(before);
    expect(upgradeV1(doc)).toEqual(upgraded);
  });

  it('a v1 link is checked as strictly as v2', () => {
    const doc = JSON.parse(JSON.stringify(toV1(examplePayload()))) as Record<string, unknown>;
    (doc.findings as Array<Record<string, unknown>>)[0]!.kind = 'flamegraph';
    expect(decodeError(sealEnvelope(doc))).toBe('the link is cut or damaged: findings[0].kind: unknown kind "flamegraph" (known: frame, top-row, group, bucket, known-bug)');
  });
});

describe('what the page says about a bad link', () => {
  const good = encodePermalink(examplePayload());

  it('names a newer schema and a newer link format', () => {
    expect(decodeError(sealEnvelope({ v: 7, s: [], d: [] }))).toBe('this link was made by a newer stackscope (schema v7); this page reads up to v3');
    expect(decodeError(`s2.${good.slice(3)}`)).toBe('this link was made by a newer stackscope (link format s2); this page reads s1');
  });

  it('tells an empty or foreign fragment from a damaged one', () => {
    expect(decodeError('')).toMatch(/carries no findings/);
    expect(decodeError('#')).toMatch(/carries no findings/);
    expect(decodeError('#section-2')).toMatch(/^this is not a stackscope findings link/);
    expect(decodeError('s1.')).toMatch(/^the link is cut or damaged: it ends right after/);
    expect(decodeError(sealEnvelope([1, 2]))).toBe('the link is cut or damaged: its data has no schema version');
    expect(decodeError(sealEnvelope({ v: '2' }))).toMatch(/schema version is not a version number/);
  });

  it('cut links: every truncation is an error, none a payload', () => {
    for (let cut = good.length - 1; cut > 3; cut -= Math.max(1, Math.floor(good.length / 97))) {
      expect(decodeError(good.slice(0, cut))).toMatch(/^the link is cut or damaged: /);
    }
  });

  it('a flipped bit fails the checksum rather than changing a number', () => {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let errors = 0;
    for (let i = 3; i < good.length; i += 7) {
      const c = chars[(chars.indexOf(good[i]!) ^ 1) & 63]!;
      const r = decodePermalink(good.slice(0, i) + c + good.slice(i + 1));
      if (!r.ok) errors++;
      else expect(r.payload).toEqual(examplePayload()); // only the unused low bits of the last character
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('refuses links past the length cap before decoding them', () => {
    expect(decodeError(`s1.${'A'.repeat(MAX_FRAGMENT_CHARS + 1)}`)).toBe(`the link is too long (${MAX_FRAGMENT_CHARS + 1} characters; the limit is ${MAX_FRAGMENT_CHARS})`);
    expect(decodeError('x'.repeat(10_000_000))).toMatch(/^the link is too long/);
  });

  it('answers on long runs of characters that regular expressions choke on', () => {
    const times: string[] = [];
    for (const run of ['.', ' ', ')', '(', '"', '[', 'A']) {
      const t0 = performance.now();
      expect(decodePermalink(`s1.${run.repeat(MAX_FRAGMENT_CHARS - 1)}$`).ok, JSON.stringify(run)).toBe(false);
      expect(decodePermalink(`${run.repeat(MAX_FRAGMENT_CHARS)}`).ok, JSON.stringify(run)).toBe(false);
      times.push(`${JSON.stringify(run)} ${(performance.now() - t0).toFixed(1)} ms`);
    }
    // A figure, not a timer: a backtracking regression would hang here until the test times out.
    console.log(`[share] long runs decoded: ${times.join(', ')}`);
  });

  it('stops a deflate bomb at the inflate cap', () => {
    const bomb = deflate(new Uint8Array(40 * 1024 * 1024), { level: 9 });
    const fragment = ENVELOPE_PREFIX + encodeBase64Url(bomb);
    expect(fragment.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const t0 = performance.now();
    expect(decodeError(fragment)).toBe("the link's data inflates to more than 1024 KiB, the most this page reads");
    console.log(`[share] deflate bomb stopped at the cap in ${(performance.now() - t0).toFixed(1)} ms`);
  });

  it('rejects bad compressed data: not zlib, another dictionary, extra bytes, not UTF-8', () => {
    const text = new TextEncoder().encode(JSON.stringify({ v: 2, s: [], d: [] }));
    expect(decodeError(ENVELOPE_PREFIX + encodeBase64Url(deflateRaw(text)))).toMatch(/compressed data is corrupt/);
    expect(decodeError(ENVELOPE_PREFIX + encodeBase64Url(deflate(text, { dictionary: new TextEncoder().encode('other') })))).toBe(
      'the link is cut or damaged: its data needs a dictionary this page does not have',
    );
    const extra = new Uint8Array([...deflate(text), 0, 1]);
    expect(decodeError(ENVELOPE_PREFIX + encodeBase64Url(extra))).toBe('the link is cut or damaged: it has extra data after its end');
    expect(decodeError(ENVELOPE_PREFIX + encodeBase64Url(deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))))).toBe('the link is cut or damaged: its text is not valid UTF-8');
    expect(decodeError('s1.ab$c')).toBe('the link is cut or damaged: unexpected character "$" at position 3 of its data');
    expect(decodeError('s1.abcde')).toMatch(/impossible length/);
  });

  it('rejects deep nesting before parsing and broken JSON after', () => {
    expect(decodeError(fragmentOfText(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe('the link is cut or damaged: its data is nested deeper than 16 levels');
    expect(decodeError(fragmentOfText('{"v":2,'))).toMatch(/^the link is cut or damaged: its data is not valid JSON/);
  });

  it('rejects prototype keys, unknown and missing fields', () => {
    const v1 = JSON.stringify(toV1(examplePayload()));
    expect(decodeError(fragmentOfText(v1.replace('{"v":1,', '{"v":1,"__proto__":{"polluted":1},')))).toBe('the link is cut or damaged: forbidden key "__proto__"');
    expect(decodeError(fragmentOfText(v1.replace('"kind":"frame",', '"kind":"frame","constructor":{"prototype":1},')))).toBe('the link is cut or damaged: findings[0]: forbidden key "constructor"');
    expect(decodeError(fragmentOfText(v1.replace('"tab":"flame",', '"tab":"flame","theme":"dark",')))).toBe('the link is cut or damaged: view: unexpected field "theme"');
    expect(decodeError(fragmentOfText(v1.replace('"tab":"flame",', '')))).toBe('the link is cut or damaged: view: missing field "tab"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const v2 = JSON.stringify(packBody(examplePayload()));
    expect(decodeError(fragmentOfText(v2.replace('{"v":2,', '{"v":2,"__proto__":{},')))).toBe('the link is cut or damaged: unexpected field "__proto__"');
  });

  it('v3: ignores unknown fields (a newer writer adds optional ones), refuses prototype keys and missing fields', () => {
    const { v: _v, ...body } = examplePayload();
    const v3 = JSON.stringify(writeWire(body));
    expect(v3.startsWith('{"v":3,"profile":{')).toBe(true);
    // The view is the view codec's keys (viewCodec.ts), defaults left out.
    expect(v3).toContain('"view":{"v":"1","type":"inuse_space","state":["chan send"],"wait":"5","frame":"timeout|DeleteCollection","focus":"encoding/json.Unmarshal",');
    expect(decodeOk(fragmentOfText(v3.replace('"view":{"v":"1",', '"view":{"v":"1","theme":{"dark":[1,2,{"x":null}]},')))).toEqual(examplePayload());
    expect(decodeOk(fragmentOfText(v3.replace('{"v":3,', '{"v":3,"comments":["hi"],')))).toEqual(examplePayload());
    expect(decodeError(fragmentOfText(v3.replace('{"v":3,', '{"v":3,"__proto__":{"polluted":1},')))).toBe('the link is cut or damaged: forbidden key "__proto__"');
    expect(decodeError(fragmentOfText(v3.replace('"kind":"frame",', '"kind":"frame","constructor":{"prototype":1},')))).toBe('the link is cut or damaged: findings[0]: forbidden key "constructor"');
    expect(decodeError(fragmentOfText(v3.replace('"view":{"v":"1",', '"view":{"v":"1","prototype":1,')))).toBe('the link is cut or damaged: view: forbidden key "prototype"');
    expect(decodeError(fragmentOfText(v3.replace(/"view":\{[^}]*\},/, '')))).toBe('the link is cut or damaged: missing field "view"');
    expect(decodeError(fragmentOfText(v3.replace('"view":{"v":"1",', '"view":{"v":"1","tab":2,')))).toBe('the link is cut or damaged: view.tab: expected text or a list of texts');
    expect(decodeError(fragmentOfText(v3.replace('"view":{"v":"1",', '"view":{"v":"1","tab":"timeline",')))).toBe(
      'the link is cut or damaged: view.tab: expected one of goroutines, flame, top, graph, got "timeline"',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects wrong types, non-finite numbers, bad words and URLs', () => {
    const v1 = JSON.stringify(toV1(examplePayload()));
    const cases: Array<[string, string, string]> = [
      ['"flat":3604398080', '"flat":1e999', 'findings[0].values.flat: expected a finite number, got an infinite number'],
      ['"count":1035', '"count":"1035"', 'findings[2].group.count: expected a finite number, got text'],
      ['"count":1035', '"count":10.5', 'findings[2].group.count: expected a whole number, got 10.5'],
      ['"count":1035', '"count":-1', 'findings[2].group.count: -1 is below the minimum, 0'],
      ['"tab":"flame"', '"tab":"<b>flame</b>"', 'view.tab: expected one of goroutines, flame, top, graph, got "<b>flame</b>"'],
      ['"status":"affected"', '"status":"pwned"', 'findings[4].bug.status: expected one of affected, fixed, not-affected, unknown-version, got "pwned"'],
      ['"url":"https://github.com/kubernetes/kubernetes/issues/83333"', '"url":"javascript:alert(1)"', 'findings[4].bug.refs[0].url: expected an http(s) URL'],
      ['"id":"frame001"', '"id":"<script>"', 'findings[0].id: expected a short id of letters, digits, "-" and "_"'],
      ['"createdAt":"2026-11-23T02:11:00.000Z"', '"createdAt":"yesterday"', 'findings[0].createdAt: expected a time like 2026-11-23T02:01:00.000Z'],
      ['"title":"Finding 1"', '"title":"\\ud800"', 'findings[0].title: text is not well-formed Unicode'],
      ['"title":"Finding 1"', `"title":"${'x'.repeat(201)}"`, 'findings[0].title: text of 201 characters is longer than the 200 allowed'],
      ['"path":["net/http.(*conn).serve",', `"path":[${'"f",'.repeat(1100)}`, 'findings[0].path: 1102 entries, more than the 1024 allowed'],
      ['"histogram":[124,517,394,0,0,0]', '"histogram":{"length":6}', 'findings[2].group.histogram: expected a list, got an object'],
      ['"wait":null', '"wait":[]', 'findings[3].wait: expected an object, got a list'],
    ];
    for (const [from, to, message] of cases) {
      expect(v1.includes(from), from).toBe(true);
      expect(decodeError(fragmentOfText(v1.replace(from, to)))).toBe(`the link is cut or damaged: ${message}`);
    }
  });

  it('rejects packed documents with bad indexes or strings no field uses', () => {
    const w = packBody(examplePayload());
    expect(decodeError(sealEnvelope({ ...w, s: [...w.s, 'hidden'] }))).toBe('the link is cut or damaged: s: 1 string that no field uses');
    expect(decodeError(sealEnvelope({ ...w, s: w.s.slice(0, 3) }))).toMatch(/expected a string-table index \(0\.\.2\)/);
    expect(decodeError(sealEnvelope({ ...w, s: [...w.s.slice(0, -1), 7] }))).toMatch(/^the link is cut or damaged: s\[\d+\]: expected text$/);
    expect(decodeError(sealEnvelope({ ...w, d: [...(w.d as unknown[]), 1] }))).toBe('the link is cut or damaged: expected 4 entries, got 5');
  });

  it('encodePermalink refuses a payload its decoder would refuse', () => {
    const p = examplePayload();
    p.findings = [{ ...findingsOfEveryKind[0]!, note: 'x'.repeat(4001) }];
    expect(validatePayload(p)).toEqual({ ok: false, error: 'findings[0].note: text of 4001 characters is longer than the 4000 allowed' });
    expect(() => encodePermalink(p)).toThrow(RangeError);
  });
});
