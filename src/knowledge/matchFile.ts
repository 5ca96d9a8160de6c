// The matcher over a whole loaded file, as the worker, the CLI and the tests run it: goroutine
// groups with the default blocking-site rules (the catalogue's signatures are written for
// them), the profile kind from the sample types. Formats that print no states (debug=0,
// debug=1) get each goroutine's state read from its runtime frames, so a signature that wants
// "chan send" counts the same goroutines in every format of one moment.

import { compileSkipList, defaultSkipList } from '../analysis/blockingSite';
import { groupGoroutines } from '../analysis/goroutineGroups';
import { readStates } from '../analysis/goroutineState';
import type { GoroutineDump } from '../model/goroutines';
import type { Profile } from '../model/profile';
import { catalogue } from './catalogue';
import { matchKnownBugs, profileKind, type KnownBugMatch, type MatchInput } from './match';
import type { KnownBug } from './types';

export function matchInputFor(profile: Profile, dump: GoroutineDump | null): MatchInput {
  const states = dump && dump.goroutines === null && dump.format !== 'debug2' ? readStates(dump.profile, dump.format) : null;
  return {
    kind: profileKind(profile, dump !== null),
    profile,
    goroutines: dump ? { dump, grouping: groupGoroutines(dump, compileSkipList(defaultSkipList), undefined, '', states ?? undefined), states } : null,
  };
}

export function matchFile(profile: Profile, dump: GoroutineDump | null, version: string | null, entries: KnownBug[] = catalogue): KnownBugMatch[] {
  return matchKnownBugs(entries, matchInputFor(profile, dump), version);
}
