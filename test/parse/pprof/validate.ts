// Structural validation of a decoded Profile: every index in range, every start table
// monotone and closed, every column the right length. Returns the problems found (none: []).
import type { Profile } from '../../../src/model/profile';

export function validateProfile(p: Profile): string[] {
  const problems: string[] = [];
  const fail = (m: string) => {
    if (problems.length < 20) problems.push(m);
  };
  const nStrings = p.strings.length;
  const str = (i: number, what: string) => {
    if (!(Number.isInteger(i) && i >= 0 && i < nStrings)) fail(`${what}: string ${i} out of range`);
  };
  const starts = (a: Uint32Array, rows: number, total: number, what: string) => {
    if (a.length !== rows + 1) fail(`${what}: ${a.length} starts for ${rows} rows`);
    if (a[0] !== 0) fail(`${what}: first start is ${a[0]}`);
    for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) fail(`${what}: start ${i} goes backwards`);
    if (a[a.length - 1] !== total) fail(`${what}: last start ${a[a.length - 1]} != ${total}`);
  };

  if (p.strings[0] !== '') fail('strings[0] is not ""');
  for (const t of p.sampleTypes) if (typeof t.type !== 'string' || typeof t.unit !== 'string') fail('sample type not strings');

  const f = p.functions;
  for (const col of [f.name, f.systemName, f.filename, f.startLine]) if (col.length !== f.length) fail('function column length');
  for (let i = 0; i < f.length; i++) {
    str(f.name[i]!, `function ${i} name`);
    str(f.systemName[i]!, `function ${i} system name`);
    str(f.filename[i]!, `function ${i} filename`);
  }

  const loc = p.locations;
  for (const col of [loc.address, loc.mapping, loc.isFolded]) if (col.length !== loc.length) fail('location column length');
  starts(loc.lineStart, loc.length, p.lines.length, 'location lines');
  for (let i = 0; i < loc.length; i++) {
    const m = loc.mapping[i]!;
    if (m < -1 || m >= p.mappings.length) fail(`location ${i}: mapping ${m} out of range`);
    if (loc.isFolded[i]! > 1) fail(`location ${i}: isFolded ${loc.isFolded[i]}`);
  }

  const ln = p.lines;
  for (const col of [ln.func, ln.line, ln.column]) if (col.length !== ln.length) fail('line column length');
  for (let i = 0; i < ln.length; i++) {
    const fn = ln.func[i]!;
    if (fn < -1 || fn >= f.length) fail(`line ${i}: function ${fn} out of range`);
    if (!Number.isSafeInteger(ln.line[i]!)) fail(`line ${i}: line number ${ln.line[i]}`);
  }

  const s = p.samples;
  starts(s.stackStart, s.length, s.stack.length, 'sample stacks');
  starts(s.labelStart, s.length, p.labels.length, 'sample labels');
  if (s.values.length !== p.sampleTypes.length) fail(`${s.values.length} value columns for ${p.sampleTypes.length} types`);
  for (const v of s.values) {
    if (v.length !== s.length) fail('value column length');
    for (const x of v) if (!Number.isSafeInteger(x)) fail(`value ${x} not a safe integer`);
  }
  for (const l of s.stack) if (l >= loc.length) fail(`stack location ${l} out of range`);

  const lab = p.labels;
  for (const col of [lab.key, lab.str, lab.num, lab.numUnit]) if (col.length !== lab.length) fail('label column length');
  for (let i = 0; i < lab.length; i++) {
    str(lab.key[i]!, `label ${i} key`);
    str(lab.str[i]!, `label ${i} str`);
    str(lab.numUnit[i]!, `label ${i} unit`);
  }
  for (const m of p.mappings) {
    if (typeof m.file !== 'string' || typeof m.buildId !== 'string') fail('mapping strings');
    for (const v of [m.start, m.limit, m.offset]) if (v < 0n || v >= 1n << 64n) fail('mapping bound out of uint64');
  }
  return problems;
}
