// Writes links made by this version of stackscope into test/share/corpus/made-by-v<N>/ (N the
// schema version encodePermalink writes), each as NAME.link (the fragment) beside NAME.json (what
// it decodes to, without the "v"). test/share/corpus.test.ts reads them back with the current
// decoder for ever: links people shared must keep opening to the same report.
//
//   npx tsx test/share/corpus/make-corpus.ts
//
// It never overwrites: a file already there was made by an earlier build and is the record.
// Run it once per schema version, when that version is released, and commit what it writes.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePermalink, encodePermalink } from '../../../src/share/codec';
import { sealEnvelope } from '../../../src/share/envelope';
import { redact } from '../../../src/share/redact';
import { SCHEMA_VERSION, type SharePayload } from '../../../src/share/schema';
import { fitToSize } from '../../../src/share/size';
import { toV1 } from '../../../src/share/upgrade';
import { examplePayload, findingsOfEveryKind, snapshot } from '../examples';
import { goroutinePayload, heapPayload } from '../realistic';

const dir = join(dirname(fileURLToPath(import.meta.url)), `made-by-v${SCHEMA_VERSION}`);

/** Text a chat or a person may put in a note: markup, controls, astral and right-to-left characters. */
const odd = ['<img src=x onerror=alert(1)>', '"quoted" \\ back\\slash', 'tab\there\nnew line\r\n', '\u0000\u001f\u2028\u2029', '\u202Eevil\u202C', 'emoji 🧵🔥 and 日本語', '__proto__', ''];

async function links(): Promise<Array<[name: string, link: string]>> {
  const goroutine = await goroutinePayload();
  const heap = await heapPayload();
  const current = (p: SharePayload) => encodePermalink(p);
  const shortened = fitToSize(goroutine, 3300);
  const bare = fitToSize(heap, 2000);
  if (shortened.dropped.length === 0 || bare.payload.snapshot !== null) throw new Error('fitToSize cases no longer shorten: pick smaller sizes');
  const hostile = examplePayload(findingsOfEveryKind.map((f, i) => ({ ...f, title: odd[i % odd.length]!, note: odd.join(' | ') })));
  hostile.view.search = odd[5]!;
  hostile.view.zoomPath = odd.slice(0, 4);
  return [
    ['goroutine-dump', current(goroutine)],
    ['heap-profile', current(heap)],
    ['goroutine-dump-redacted', current(redact(goroutine, { paths: true, args: true, labels: true }))],
    ['every-kind-redacted', current(redact(examplePayload(), { paths: true, args: true, labels: true }))],
    ['goroutine-dump-shortened', current(shortened.payload)],
    ['heap-profile-findings-only', current(bare.payload)],
    ['every-kind', current(examplePayload())],
    ...findingsOfEveryKind.map((f): [string, string] => [`kind-${f.kind}`, current(examplePayload([f], null))]),
    ['partial-snapshot', current(examplePayload(findingsOfEveryKind, { top: null, goroutines: snapshot.goroutines, knownBugs: [] }))],
    ['empty', current(examplePayload([], null))],
    ['odd-text', current(hostile)],
    // Links as schema v1 wrote them (plain JSON, the envelope and dictionary of v2's time):
    // recorded with the v2 corpus, the last one made while this was still the v1 dictionary.
    ...(Number(SCHEMA_VERSION) === 2
      ? ([
          ['v1-every-kind', sealEnvelope(toV1(examplePayload()))],
          ['v1-heap-profile', sealEnvelope(toV1(heap))],
          ['v1-goroutine-dump-redacted', sealEnvelope(toV1(redact(goroutine, { paths: true, args: true, labels: true })))],
        ] as Array<[string, string]>)
      : []),
  ];
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  let wrote = 0;
  for (const [name, link] of await links()) {
    const linkFile = join(dir, `${name}.link`);
    const jsonFile = join(dir, `${name}.json`);
    if (existsSync(linkFile) || existsSync(jsonFile)) {
      console.log(`kept     ${name} (already there)`);
      continue;
    }
    const r = decodePermalink(link);
    if (!r.ok) throw new Error(`${name}: today's decoder refuses today's link: ${r.error}`);
    const { v: _v, ...body } = r.payload;
    writeFileSync(linkFile, `${link}\n`);
    writeFileSync(jsonFile, `${JSON.stringify(body, null, 2)}\n`);
    console.log(`wrote    ${name} (${link.length} characters)`);
    wrote++;
  }
  console.log(`${wrote} links written to ${dir}`);
}

await main();
