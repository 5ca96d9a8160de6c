// The matcher over a whole loaded file, as the worker, the CLI and the tests run it: goroutine
// groups with the default blocking-site rules (the catalogue's signatures are written for
// them), the profile kind from the sample types.

import { compileSkipList, defaultSkipList } from '../analysis/blockingSite';
import { groupGoroutines } from '../analysis/goroutineGroups';
import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import { catalogue } from './catalogue';
import { matchKnownBugs, profileKind, type KnownBugMatch, type MatchInput } from './match';
import type { KnownBug } from './types';

export function matchInputFor(profile: Profile, dump: GoroutineDump | null): MatchInput {
  return {
    kind: profileKind(profile, dump !== null),
    profile,
    goroutines: dump ? { dump, grouping: groupGoroutines(dump, compileSkipList(defaultSkipList)) } : null,
  };
}

export function matchFile(profile: Profile, dump: GoroutineDump | null, version: string | null, entries: KnownBug[] = catalogue): KnownBugMatch[] {
  return matchKnownBugs(entries, matchInputFor(profile, dump), version);
}
