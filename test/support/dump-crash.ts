// A stable, readable text form of a CrashReport for golden files: every fact with its line.

import type { CrashReport } from '../../src/model/goroutines';

export function dumpCrash(c: CrashReport | undefined): string {
  if (!c) return 'crash: none\n';
  const out = [`crash: ${c.kind}`];
  for (const p of c.panics) {
    const tag = p.repanicked ? ' [recovered, repanicked]' : p.recovered ? ' [recovered]' : '';
    out.push(`panic (line ${p.line}): ${JSON.stringify(p.message)}${tag}`);
  }
  for (const f of c.fatal) out.push(`fatal (line ${f.line}): ${JSON.stringify(f.message)}`);
  for (const r of c.runtime) out.push(`runtime (line ${r.line}): ${JSON.stringify(r.message)}`);
  const s = c.signal;
  if (s) {
    const fields = (['code', 'addr', 'pc', 'm'] as const).filter((k) => s[k] !== undefined).map((k) => `${k}=${s[k]}`);
    out.push(`signal (line ${s.line}): ${s.name} ${JSON.stringify(s.description)} ${fields.join(' ')}`.trimEnd());
  }
  const r = c.raised;
  if (r) out.push(`raised (line ${r.line}): ${r.name} ${JSON.stringify(r.description)}${r.pc !== undefined ? ` pc=${r.pc}` : ''}`);
  if (c.exitStatus) out.push(`exit status (line ${c.exitStatus.line}): ${c.exitStatus.code}`);
  if (c.exitSignal) out.push(`ended by signal (line ${c.exitSignal.line}): ${c.exitSignal.text}`);
  for (const r of c.runtimeStacks) out.push(`runtime stack (lines ${r.line}-${r.endLine}): ${r.frames} frames`);
  for (const r of c.registers) out.push(`registers (lines ${r.line}-${r.endLine}): ${r.count}`);
  const g = c.goroutine;
  out.push(g ? `crashed goroutine: ${g.id} (row ${g.row}, line ${g.line}, ${g.reason})` : 'crashed goroutine: none');
  out.push(`crash lines: ${c.lineCount}`);
  for (const l of c.lines) out.push(`  ${String(l.line).padStart(5)} ${l.kind.padEnd(15)} ${JSON.stringify(l.text)}`);
  return `${out.join('\n')}\n`;
}
