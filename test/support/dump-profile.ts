// A stable, readable text dump of a whole Profile, for golden files: header, sample types,
// mappings, functions, locations with their lines (innermost first), and samples with values,
// labels and stacks (leaf first). Deterministic: it prints tables in model order.
//
// A dump that would pass the budget (default ~2 MB) gives each of its four tables (mappings,
// functions, locations, samples) a quarter of it: a table prints its first rows while its
// share lasts, then says how many rows it left out with a SHA-256 of their text; samples also
// print exact totals over all rows. So a change anywhere still changes the golden.

import { createHash } from 'node:crypto';
import type { Profile } from '../../src/model/profile';

export interface DumpOptions {
  /** Stop printing rows once the dump reaches this many characters. */
  maxChars?: number;
}

const DEFAULT_MAX_CHARS = 2_000_000;

export function dumpProfile(p: Profile, opts: DumpOptions = {}): string {
  const budget = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const out: string[] = [];
  let size = 0;
  const emit = (line: string) => {
    out.push(line);
    size += line.length + 1;
  };
  const s = (i: number) => JSON.stringify(p.strings[i] ?? `<bad string ${i}>`);

  emit('# stackscope profile dump');
  emit(`sample types: ${p.sampleTypes.map((t, i) => `[${i}] ${t.type}/${t.unit}`).join(', ') || '(none)'}`);
  emit(`default sample type: ${JSON.stringify(p.defaultSampleType)}`);
  emit(`period type: ${p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : '(none)'}`);
  emit(`period: ${p.period}`);
  emit(`time nanos: ${p.timeNanos}`);
  emit(`duration nanos: ${p.durationNanos}`);
  emit(`drop frames: ${JSON.stringify(p.dropFrames)}`);
  emit(`keep frames: ${JSON.stringify(p.keepFrames)}`);
  emit(`comments: ${p.comments.length}`);
  for (const c of p.comments) emit(`  ${JSON.stringify(c)}`);
  emit(`strings: ${p.strings.length}`);

  /** Rows 0..n-1 while the table's share of the budget lasts; the rest by count and hash. */
  const table = (title: string, n: number, render: (i: number) => string[], totals?: () => string) => {
    emit('');
    emit(`${title}: ${n}`);
    if (totals) emit(`  totals: ${totals()}`);
    const stop = size + budget / 4;
    let i = 0;
    for (; i < n && size < stop; i++) for (const line of render(i)) emit(line);
    if (i < n) {
      const hash = createHash('sha256');
      for (let j = i; j < n; j++) for (const line of render(j)) hash.update(`${line}\n`);
      emit(`  ... ${n - i} more ${title} not shown (dump budget ${budget} chars); sha256 of their dump: ${hash.digest('hex')}`);
    }
  };

  const hex = (v: bigint) => `0x${v.toString(16)}`;
  table('mappings', p.mappings.length, (i) => {
    const m = p.mappings[i]!;
    const has = [
      m.hasFunctions && 'functions',
      m.hasFilenames && 'filenames',
      m.hasLineNumbers && 'line_numbers',
      m.hasInlineFrames && 'inline_frames',
    ].filter(Boolean);
    return [
      `  M${i} ${hex(m.start)}-${hex(m.limit)} offset ${hex(m.offset)} file ${JSON.stringify(m.file)} build ${JSON.stringify(m.buildId)} has [${has.join(' ')}]`,
    ];
  });

  const f = p.functions;
  table('functions', f.length, (i) => [
    `  F${i} ${s(f.name[i]!)} system ${s(f.systemName[i]!)} file ${s(f.filename[i]!)} start ${f.startLine[i]}`,
  ]);

  const loc = p.locations;
  const lines = p.lines;
  const lineText = (l: number) => {
    const fn = lines.func[l]!;
    const where = `:${lines.line[l]}${lines.column[l] ? `:${lines.column[l]}` : ''}`;
    if (fn < 0) return `(no function)${where}`;
    return `F${fn} ${p.strings[f.name[fn]!]} ${p.strings[f.filename[fn]!]}${where}`;
  };
  table('locations', loc.length, (i) => {
    const m = loc.mapping[i]!;
    const head = `  L${i} ${hex(loc.address[i]!)} ${m < 0 ? 'no mapping' : `M${m}`}${loc.isFolded[i] ? ' folded' : ''}`;
    const rows = [head];
    for (let l = loc.lineStart[i]!; l < loc.lineStart[i + 1]!; l++) rows.push(`    ${lineText(l)}`);
    return rows;
  });

  /** One frame of a stack, as a person scans it: innermost function and place. */
  const frameText = (i: number) => {
    const first = loc.lineStart[i]!;
    const count = loc.lineStart[i + 1]! - first;
    if (count === 0) {
      const m = loc.mapping[i]!;
      const file = m < 0 ? '' : p.mappings[m]!.file;
      return `L${i} ${hex(loc.address[i]!)}${file ? ` [${file.slice(file.lastIndexOf('/') + 1)}]` : ''}`;
    }
    const fn = lines.func[first]!;
    const name = fn < 0 ? '(no function)' : p.strings[f.name[fn]!];
    return `L${i} ${name}:${lines.line[first]}${count > 1 ? ` (+${count - 1} inlined)` : ''}`;
  };

  const smp = p.samples;
  const lab = p.labels;
  const labelText = (k: number) => {
    const key = p.strings[lab.key[k]!];
    if (lab.str[k]! > 0) return `${key}=${s(lab.str[k]!)}`;
    const unit = lab.numUnit[k]! > 0 ? ` ${p.strings[lab.numUnit[k]!]}` : '';
    return `${key}=${lab.num[k]}${unit}`;
  };
  const totals = () =>
    smp.values
      .map((vals) => {
        // Exact for integers (all pprof values are); a plain sum otherwise.
        let sum = 0n;
        let plain = 0;
        let integral = true;
        for (const v of vals) {
          plain += v;
          if (Number.isInteger(v)) sum += BigInt(v);
          else integral = false;
        }
        return integral ? sum.toString() : String(plain);
      })
      .join(' ');
  table(
    'samples',
    smp.length,
    (i) => {
      const values = smp.values.map((v) => v[i]).join(' ');
      const labels: string[] = [];
      for (let k = smp.labelStart[i]!; k < smp.labelStart[i + 1]!; k++) labels.push(labelText(k));
      const rows = [`  S${i} values ${values}${labels.length ? ` labels ${labels.join(', ')}` : ''}`];
      for (let j = smp.stackStart[i]!; j < smp.stackStart[i + 1]!; j++) rows.push(`    ${frameText(smp.stack[j]!)}`);
      return rows;
    },
    totals,
  );
  emit('');
  return out.join('\n');
}
