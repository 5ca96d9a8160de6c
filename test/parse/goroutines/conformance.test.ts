// Conformance with real dumps: gostackparse's own parse of its fixtures (*.golden.json), and
// goroutine counts of the goleak and stackgazer dumps counted independently here.
import { describe, expect, it } from 'vitest';
import type { GoroutineDump } from '../../../src/model/goroutines';
import { GoroutineFlag } from '../../../src/model/goroutines';
import type { Profile } from '../../../src/model/profile';
import { parseDebug2, parseGoroutineText } from '../../../src/parse/goroutines';
import { listFixtures, readFixture, sharedDir, sharedSkipReason } from '../../support/fixtures';

interface Frame {
  Func: string;
  File: string;
  Line: number;
}
interface GsGoroutine {
  ID: number;
  State: string;
  Wait: number;
  LockedToThread: boolean;
  Stack: Frame[];
  FramesElided: boolean;
  CreatedBy: Frame | null;
  Ancestor?: GsGoroutine | null;
}
interface GsGolden {
  Errors: string[] | null;
  Goroutines: GsGoroutine[] | null;
}

function frameOf(p: Profile, loc: number): Frame {
  const l = p.locations.lineStart[loc]!;
  expect(p.locations.lineStart[loc + 1]! - l).toBe(1);
  const fn = p.lines.func[l]!;
  return { Func: p.strings[p.functions.name[fn]!]!, File: p.strings[p.functions.filename[fn]!]!, Line: p.lines.line[l]! };
}

/** Our parse in gostackparse's shape (Wait in nanoseconds, ancestors as a chain). */
function asGostackparse(d: GoroutineDump): GsGoroutine[] {
  const p = d.profile;
  const g = d.goroutines!;
  const a = g.ancestors;
  const out: GsGoroutine[] = [];
  for (let i = 0; i < g.length; i++) {
    const stack: Frame[] = [];
    for (let k = p.samples.stackStart[i]!; k < p.samples.stackStart[i + 1]!; k++) stack.push(frameOf(p, p.samples.stack[k]!));
    const gr: GsGoroutine = {
      ID: g.id[i]!,
      State: p.strings[g.state[i]!]!,
      Wait: g.waitMinutes[i]! >= 0 ? g.waitMinutes[i]! * 60e9 : 0,
      LockedToThread: (g.flags[i]! & GoroutineFlag.Locked) !== 0,
      Stack: stack,
      FramesElided: (g.flags[i]! & GoroutineFlag.FramesElided) !== 0,
      CreatedBy: g.createdBy[i]! >= 0 ? frameOf(p, g.createdBy[i]!) : null,
    };
    let tail = gr;
    for (let j = g.ancestorStart[i]!; j < g.ancestorStart[i + 1]!; j++) {
      const astack: Frame[] = [];
      for (let k = a.stackStart[j]!; k < a.stackStart[j + 1]!; k++) astack.push(frameOf(p, a.stack[k]!));
      const anc: GsGoroutine = {
        ID: a.id[j]!,
        State: '',
        Wait: 0,
        LockedToThread: false,
        Stack: astack,
        FramesElided: a.framesElided[j] === 1,
        CreatedBy: a.createdBy[j]! >= 0 ? frameOf(p, a.createdBy[j]!) : null,
      };
      tail.Ancestor = anc;
      tail = anc;
    }
    out.push(gr);
  }
  return out;
}

function withoutEmptyAncestors(g: GsGoroutine): GsGoroutine {
  const { Ancestor, ...rest } = g;
  return Ancestor ? { ...rest, Ancestor: withoutEmptyAncestors(Ancestor) } : rest;
}

/**
 * Goroutines we keep that gostackparse drops, per fixture, and why. gostackparse discards a
 * whole goroutine on any line it cannot read; we keep the goroutine with what was readable,
 * count the bad lines in dump.unparsed, and mark a goroutine the input ends inside as cut.
 */
const keptByUs: Record<string, { ids: number[]; why: string; unparsed: number[]; cut: number[] }> = {
  'gostackparse-errorhandling.txt': {
    ids: [2],
    why: 'line 6 "main.main)(" is no function call: goroutine 2 is kept without frames; lines 6 and 7 are unparsed',
    unparsed: [6, 7],
    cut: [],
  },
  'gostackparse-empty_stack.txt': {
    ids: [1, 2],
    why: 'headers without frames: goroutine 1 is kept empty; goroutine 2 ends the input right after its header, so it is marked cut',
    unparsed: [],
    cut: [2],
  },
  'gostackparse-partial_createdby.txt': {
    ids: [1, 2],
    why: '"created by" without its file line: goroutine 1 keeps its frame and loses only the creator (line 4 unparsed); goroutine 2 ends the input there, so it is cut',
    unparsed: [4],
    cut: [2],
  },
  'gostackparse-partial_stack.txt': {
    ids: [1, 2],
    why: 'a function line without its file line: goroutine 1 is kept without frames (line 2 unparsed); goroutine 2 ends the input there, so it is cut',
    unparsed: [2],
    cut: [2],
  },
};

describe.skipIf(!sharedDir)(`conformance with real dumps${sharedDir ? '' : ` (${sharedSkipReason})`}`, () => {
  const goldens = listFixtures('goroutine-text', '.golden.json');

  it('has the gostackparse fixtures', () => {
    expect(goldens.length).toBe(13);
  });

  for (const golden of goldens) {
    const txt = golden.replace('.golden.json', '.txt');
    it(`${txt} agrees with gostackparse`, () => {
      const want = JSON.parse(new TextDecoder().decode(readFixture('goroutine-text', golden))) as GsGolden;
      const dump = parseDebug2(readFixture('goroutine-text', txt));
      const ours = asGostackparse(dump);
      const theirs = want.Goroutines ?? [];
      const extra = keptByUs[txt];
      const theirIds = new Set(theirs.map((g) => g.ID));
      const onlyOurs = ours.filter((g) => !theirIds.has(g.ID)).map((g) => g.ID);
      expect(onlyOurs, extra?.why ?? 'no goroutine beyond gostackparse').toEqual(extra?.ids ?? []);
      const shared = ours.filter((g) => theirIds.has(g.ID)).map(withoutEmptyAncestors);
      expect(shared).toEqual(theirs.map(withoutEmptyAncestors));
      // What we did instead of dropping: the exact lines reported and the goroutines cut.
      expect(dump.unparsed.firstLines).toEqual(extra?.unparsed ?? []);
      const g = dump.goroutines!;
      const cut = [...g.id].filter((_, i) => (g.flags[i]! & GoroutineFlag.Cut) !== 0);
      expect(cut).toEqual(extra?.cut ?? []);
      expect(dump.truncated).toBe(cut.length > 0);
      if (want.Errors === null) expect(dump.unparsed.count).toBe(0);
    });
  }

  const countHeaders = (text: string): number =>
    text.split('\n').filter((l) => l.replace(/\r$/, '').startsWith('goroutine ') && l.replace(/\r$/, '').endsWith(':')).length;

  for (const file of listFixtures('goroutine-text', '.txt').filter((f) => /^(goleak|stackgazer)-/.test(f))) {
    it(`${file}: every goroutine or record is read`, () => {
      const bytes = readFixture('goroutine-text', file);
      const text = new TextDecoder().decode(bytes);
      const dump = parseGoroutineText(bytes);
      expect(dump.unparsed.count).toBe(0);
      expect(dump.truncated).toBe(false);
      if (dump.format === 'debug2') {
        const headers = countHeaders(text);
        expect(headers).toBeGreaterThan(0);
        expect(dump.total).toBe(headers);
        expect(dump.goroutines!.length).toBe(headers);
        expect(dump.profile.samples.length).toBe(headers);
      } else {
        const header = /^goroutine profile: total (\d+)$/m.exec(text);
        expect(header).not.toBeNull();
        const counts = [...text.matchAll(/^(\d+) @( 0x[0-9a-f]+)+$/gm)].map((m) => Number(m[1]));
        const sum = counts.reduce((x, y) => x + y, 0);
        expect(dump.total).toBe(Number(header![1]));
        expect(dump.total).toBe(sum);
        expect(dump.profile.samples.length).toBe(counts.length);
        expect(dump.problems).toEqual([]);
      }
    });
  }

  it('stackgazer-stacks.txt: states and minutes as the headers print them', () => {
    const bytes = readFixture('goroutine-text', 'stackgazer-stacks.txt');
    const text = new TextDecoder().decode(bytes);
    const want = [...text.matchAll(/^goroutine (\d+) \[([^,\]]+)(?:, (\d+) minutes)?\]:$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3] ?? -1}`);
    const d = parseGoroutineText(bytes);
    const g = d.goroutines!;
    const got = [...g.id].map((id, i) => `${id} ${d.profile.strings[g.state[i]!]} ${g.waitMinutes[i]}`);
    expect(got).toEqual(want);
  });
});
