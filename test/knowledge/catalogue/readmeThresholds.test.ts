// The catalogue README's threshold table is the catalogue's numbers, row for row: each goroutine
// signature's count with wait times (debug=2), the count that decides without them (debug=0,
// debug=1) and is the early count in debug=2, and the states. Regenerate with
// STACKSCOPE_WRITE_README=1 npx vitest run test/knowledge/catalogue/readmeThresholds.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { catalogue } from '../../../src/knowledge/catalogue';
import type { Signature } from '../../../src/knowledge/types';
import { repoRoot } from '../../support/fixtures';

const START = '<!-- thresholds:start (generated from the catalogue; test/knowledge/catalogue/readmeThresholds.test.ts) -->';
const END = '<!-- thresholds:end -->';

const minutes = (m: number) => (m === 1 ? '1 minute' : `${m} minutes`);

function row(id: string, sig: Signature): string | null {
  const states = (s: string[]) => (s.length === 0 ? 'any' : s.join(', '));
  switch (sig.kind) {
    case 'goroutine-site': {
      const t = sig.thresholds;
      if (t.minWaitMinutes === 0) return `| ${id} | site | ${states(sig.states)} | ${t.minGoroutinesWaiting}, any wait | ${t.minGoroutinesWithoutWait} | no: no time condition |`;
      return `| ${id} | site | ${states(sig.states)} | ${t.minGoroutinesWaiting} waiting ${minutes(t.minWaitMinutes)} or more | ${t.minGoroutinesWithoutWait} | ${t.minGoroutinesWithoutWait} or more, fewer than ${t.minGoroutinesWaiting} waiting ${minutes(t.minWaitMinutes)} |`;
    }
    case 'goroutine-stack': {
      const t = sig.thresholds;
      const share = t.minShare !== undefined ? ` (and ${t.minShare * 100}% of all)` : '';
      if (t.minWaitMinutes === undefined || t.minWaitMinutes === 0) return `| ${id} | stack | ${states(sig.states)} | ${t.minGoroutines}${share}, any wait | ${t.minGoroutines}${share} | no: no time condition |`;
      const without = t.minGoroutinesWithoutWait;
      return `| ${id} | stack | ${states(sig.states)} | ${t.minGoroutines} waiting ${minutes(t.minWaitMinutes)} or more${share} | ${without ?? 'not matched: the count cannot tell'} | ${without === undefined ? 'no' : `${without} or more, fewer than ${t.minGoroutines} waiting ${minutes(t.minWaitMinutes)}`} |`;
    }
    case 'goroutine-imbalance':
      return `| ${id} | imbalance | any | excess ${sig.thresholds.minExcess}, ratio ${sig.thresholds.minRatio} | the same | no: no time condition |`;
    case 'profile-functions':
      return null;
  }
}

function table(): string {
  const rows = catalogue.flatMap((b) => b.signatures.map((s) => row(b.id, s)).filter((r): r is string => r !== null));
  return [
    START,
    '| entry | signature | states | with wait times (debug=2) | without wait times (debug=0, debug=1) | early in debug=2 |',
    '|---|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
}

it('the README threshold table is the catalogue', () => {
  const path = join(repoRoot, 'src', 'knowledge', 'catalogue', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (process.env.STACKSCOPE_WRITE_README === '1' && a >= 0 && b > a) writeFileSync(path, readme.slice(0, a) + table() + readme.slice(b + END.length));
  const now = readFileSync(path, 'utf8');
  expect(now.slice(now.indexOf(START), now.indexOf(END) + END.length)).toBe(table());
});
