// Runs the matcher on a file the way the worker and the CLI do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../../src/knowledge/catalogue';
import type { KnownBugMatch } from '../../src/knowledge/match';
import { matchFile } from '../../src/knowledge/matchFile';
import type { KnownBug } from '../../src/knowledge/types';
import type { GoroutineDump } from '../../src/model/goroutines';
import type { Profile } from '../../src/model/profile';
import { loadBytes, profileForViews } from '../../src/parse/load';
import { repoRoot } from '../support/fixtures';

export function findingsForBytes(bytes: Uint8Array, version: string | null = null, entries: KnownBug[] = catalogue): KnownBugMatch[] {
  const loaded = loadBytes(bytes);
  return matchFile(profileForViews(loaded), loaded.goroutines, version, entries);
}

export function findingsFor(profile: Profile, dump: GoroutineDump | null, version: string | null = null, entries: KnownBug[] = catalogue): KnownBugMatch[] {
  return matchFile(profile, dump, version, entries);
}

export function findingsForSample(file: string, version: string | null = null): KnownBugMatch[] {
  return findingsForBytes(new Uint8Array(readFileSync(join(repoRoot, 'public', 'samples', file))), version);
}
