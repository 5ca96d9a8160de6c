// The layer arrows of DESIGN.md as `eslint .` applies them: the project's own config through
// ESLint's Node API, on source text placed (by filePath) in a layer folder of src/.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures';

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: repoRoot });
  await eslint.lintText('', { filePath: join(repoRoot, 'src', 'lib', 'X.ts') }); // loads the config once
});

/** The layer rule's messages for `code` as if it were src/<file>. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, 'src', file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/arrows' || m.fatal).map((m) => m.message);
}

describe('forbidden imports fail lint', () => {
  it.each([
    ['components -> analysis', 'components/top/X.tsx', "import { computeTop } from '../../analysis/top';"],
    ['components -> analysis, even types', 'components/top/X.tsx', "import type { TopTable } from '../../analysis/top';"],
    ['components -> worker', 'components/X.tsx', "import { ProfileWorker } from '../worker/client';"],
    ['components -> share', 'components/share/X.tsx', "import { redact } from '../../share/redact';"],
    ['components -> parse', 'components/X.tsx', "import { loadBytes } from '../parse/load';"],
    ['worker -> share', 'worker/X.ts', "import { redact } from '../share/redact';"],
    ['state -> analysis', 'state/X.ts', "import { noFilter } from '../analysis/sampleFilter';"],
    ['state -> analysis, even types', 'state/X.ts', "import type { SampleFilter } from '../analysis/sampleFilter';"],
    ['state -> parse', 'state/X.ts', "import { loadBytes } from '../parse/load';"],
    ['state -> worker modules other than the client', 'state/X.ts', "import type { LoadSource } from '../worker/protocol';"],
    ['app -> model', 'app/X.tsx', "import type { Profile } from '../model/profile';"],
    ['model -> lib', 'model/X.ts', "import { label } from '../lib/units';"],
    ['lib -> model', 'lib/X.ts', "import type { Profile } from '../model/profile';"],
    ['analysis -> knowledge', 'analysis/X.ts', "import { matchKnownBugs } from '../knowledge/match';"],
    ['cli -> share', 'cli/X.ts', "import { redact } from '../share/redact';"],
    ['a .js suffix (components -> analysis)', 'components/X.tsx', "import { computeTop } from '../analysis/top.js';"],
    ['a .js suffix (worker -> share)', 'worker/X.ts', "import { sealEnvelope } from '../share/envelope.js';"],
    ['an index file by its folder', 'analysis/X.ts', "import { decodeProfile } from '../parse/pprof';"],
    ['export * from', 'components/X.tsx', "export * from '../analysis/top';"],
    ['export { } from', 'worker/X.ts', "export { redact } from '../share/redact';"],
    ['dynamic import()', 'components/X.tsx', "export const m = () => import('../analysis/top');"],
    ['typeof import() in a type', 'components/X.tsx', "export type T = typeof import('../analysis/top');"],
    ['a worker entry URL', 'components/X.tsx', "export const w = new URL('../worker/entry.ts', import.meta.url);"],
    ['a folder that is no layer', 'analysis/X.ts', "import { x } from '../nowhere/x';"],
  ])('%s', async (_name, file, code) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('DESIGN.md');
    expect(errors[0]).toContain(`src/${file.split('/')[0]}`);
  });

  it.each([
    ['import { value }', "import { computeTop } from '../analysis/top';"],
    ['a value beside inline types', "import { computeTop, type TopTable } from '../analysis/top';"],
    ['a .js suffix', "import { computeTop } from '../analysis/top.js';"],
    ['export { value } from', "export { computeTop } from '../analysis/top';"],
    ['export * from', "export * from '../analysis/top';"],
  ])('share takes analysis for types only: %s fails', async (_name, code) => {
    const errors = await layerErrors('share/X.ts', code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/types only.*DESIGN\.md: share -> analysis types/);
  });

  it('names the arrow and what the layer may import', async () => {
    const [error] = await layerErrors('worker/X.ts', "import { redact } from '../share/redact';");
    expect(error).toContain('no arrow worker -> share in DESIGN.md');
    expect(error).toContain('src/worker may import: model, parse, analysis, knowledge, lib.');
  });

  it('a file in a src/ folder that is no layer fails', async () => {
    const errors = await layerErrors('newlayer/X.ts', "export const x = 1;");
    expect(errors).toEqual(['src/newlayer is not a layer in DESIGN.md: add it there and to the arrows in eslint.config.js.']);
  });

  it('resolves a .js suffix to the .ts file it means', async () => {
    const [error] = await layerErrors('components/X.tsx', "import { computeTop } from '../analysis/top.js';");
    expect(error).toContain("'../analysis/top.js' (src/analysis/top.ts)");
  });
});

describe('allowed imports pass lint', () => {
  it.each([
    ['share -> analysis, import type', 'share/X.ts', "import type { TopTable } from '../analysis/top';"],
    ['share -> analysis, inline type specifiers (.js)', 'share/X.ts', "import { type TopTable, type TopRows } from '../analysis/top.js';"],
    ['share -> analysis, export type', 'share/X.ts', "export type { TopTable } from '../analysis/top';"],
    ['share -> analysis, export type *', 'share/X.ts', "export type * from '../analysis/top';"],
    ['share -> model and lib', 'share/X.ts', "import { GoroutineLabel } from '../model/goroutines';\nimport { label } from '../lib/units';"],
    ['worker -> analysis (.js)', 'worker/X.ts', "import { computeTop } from '../analysis/top.js';"],
    ['worker -> parse, knowledge, model, lib', 'worker/X.ts', "import '../parse/load';\nimport '../knowledge/match';\nimport '../model/errors';\nimport '../lib/hash';"],
    ['state -> worker/client (.js)', 'state/X.ts', "import { ProfileWorker } from '../worker/client.js';"],
    ['state -> share and lib', 'state/X.ts', "import { redact } from '../share/redact';\nimport { label } from '../lib/units';"],
    ['state -> model types', 'state/X.ts', "import type { Problem } from '../model/errors';"],
    ['components -> state, model types, lib', 'components/top/X.tsx', "import { useStore } from '../../state/store';\nimport type { Profile } from '../../model/profile';\nimport { label } from '../../lib/units';"],
    ['components -> its own share feature folder', 'components/profile/X.tsx', "import { ShareDialog } from '../share/ShareDialog';"],
    ['within a layer', 'analysis/X.ts', "import { buildCallTree } from './callTree.js';"],
    ['app -> components, state, lib', 'app/X.tsx', "import { ErrorBanner } from '../components/common/ErrorBanner';\nimport '../state/store';\nimport '../lib/units';"],
    ['knowledge -> analysis', 'knowledge/X.ts', "import { defaultSkipList } from '../analysis/blockingSite';"],
    ['cli -> knowledge', 'cli/X.ts', "import '../knowledge/match';"],
    ['packages', 'analysis/X.ts', "import pako from 'pako';\nexport { pako };"],
    ['the client creating its worker', 'worker/X.ts', "export const w = new URL('./entry.ts', import.meta.url);"],
  ])('%s', async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  it('leaves files outside src/ alone', async () => {
    const [result] = await eslint.lintText("import { redact } from '../src/share/redact';\nexport { redact };", { filePath: join(repoRoot, 'test', 'X.ts') });
    expect(result!.messages.filter((m) => m.ruleId === 'layers/arrows')).toEqual([]);
  });
});
