// Where the shared real-world fixtures live. CI checks ../shared out beside the clone; when it
// is absent, tests that need it skip and say why instead of failing or passing silently.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const sharedCandidates = [
  process.env.STACKSCOPE_SHARED,
  resolve(repoRoot, '..', 'shared'),
].filter((p): p is string => Boolean(p));

export const sharedDir: string | null = sharedCandidates.find((p) => existsSync(join(p, 'fixtures'))) ?? null;

export const sharedSkipReason = sharedDir
  ? ''
  : `shared fixtures not found (looked in ${sharedCandidates.join(', ')}); set STACKSCOPE_SHARED to run these tests`;

if (!sharedDir) console.warn(`[fixtures] ${sharedSkipReason}`);

export function fixturePath(...parts: string[]): string {
  if (!sharedDir) throw new Error(sharedSkipReason);
  return join(sharedDir, 'fixtures', ...parts);
}

export function listFixtures(dir: string, suffix: string): string[] {
  if (!sharedDir) return [];
  return readdirSync(fixturePath(dir)).filter((f) => f.endsWith(suffix)).sort();
}

export function readFixture(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(...parts)));
}

export function readRepoFile(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(repoRoot, ...parts)));
}
