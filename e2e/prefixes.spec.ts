// Dumps copied out of logs, as an operator drops them mid-incident: a containerd/CRI log with
// partial (P) lines and a journald export with other log lines in between. The counts shown
// are checked against counts this test takes from the raw prefixed text with its own plain
// string handling, and the file notes must name the prefix that was removed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, dropFiles, repoRoot } from './support';

const source = (f: string) => readFileSync(join(repoRoot, 'public/samples', f), 'utf8');
const linesOf = (text: string) => text.replace(/\n$/, '').split('\n');
const time = (i: number) => `2026-12-03T13:04:${String(i % 60).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`;

/** containerd's CRI log: every line `<time> stderr F `, long lines cut into `P` parts. */
function criLog(text: string): string {
  return linesOf(text)
    .map((l, i) => {
      let out = '';
      let rest = l;
      while (rest.length > 50 && !rest.startsWith('goroutine ')) {
        out += `${time(i)} stderr P ${rest.slice(0, 37)}\n`;
        rest = rest.slice(37);
      }
      return `${out}${time(i)} stderr F ${rest}\n`;
    })
    .join('');
}

/** A journald export: `Mon DD HH:MM:SS host proc[pid]: ` with the program's other log lines between goroutines. */
function journald(text: string): string {
  const out: string[] = [];
  let blanks = 0;
  linesOf(text).forEach((l, i) => {
    out.push(`Dec  3 13:${String(4 + (i >> 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} master-2 kube-apiserver[81234]: ${l}`);
    // Lines another writer put in the same stream, without the prefix.
    if (l === '' && blanks++ % 20 === 0) out.push(`audit: kube-apiserver watchdog ping ${i}`);
  });
  return `${out.join('\n')}\n`;
}

/** Goroutine states counted from prefixed text: prefixes cut with regexps, P parts joined. */
function rawCounts(text: string, strip: (line: string) => { content: string; partial: boolean } | null) {
  const logical: string[] = [];
  let carried = '';
  let prefixed = 0;
  let other = 0;
  for (const line of linesOf(text)) {
    const s = strip(line);
    if (!s) {
      other++;
      logical.push(line);
      continue;
    }
    prefixed++;
    carried += s.content;
    if (!s.partial) {
      logical.push(carried);
      carried = '';
    }
  }
  const states = new Map<string, number>();
  let total = 0;
  for (const l of logical) {
    const m = /^goroutine \d+ \[([^,\]]+)/.exec(l);
    if (!m) continue;
    total++;
    states.set(m[1]!, (states.get(m[1]!) ?? 0) + 1);
  }
  return { total, states, prefixed, other };
}

test('prefixed dumps from a CRI log and from journald open as the dumps they carry', async ({ page }, info) => {
  const dir = info.outputPath('dumps');
  mkdirSync(dir, { recursive: true });
  const criPath = join(dir, 'apiserver-0.containerd.log');
  const journalPath = join(dir, 'apiserver-1.journal.txt');
  const cri = criLog(source('apiserver-leaks.t2.goroutine.debug2.txt'));
  const journal = journald(source('apiserver-leaks.t1.goroutine.debug2.txt'));
  writeFileSync(criPath, cri);
  writeFileSync(journalPath, journal);

  const criRaw = rawCounts(cri, (l) => {
    const m = /^\S+Z stderr ([FP]) (.*)$/.exec(l);
    return m ? { content: m[2]!, partial: m[1] === 'P' } : null;
  });
  const journalRaw = rawCounts(journal, (l) => {
    const m = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [^\s[]+\[\d+\]: (.*)$/.exec(l);
    return m ? { content: m[1]!, partial: false } : null;
  });
  expect(cri).toContain(' stderr P ');
  expect(criRaw.total).toBeGreaterThan(0);
  expect(journalRaw.other).toBeGreaterThan(0);

  await page.goto('./');
  await dropFiles(page, [criPath, journalPath]);
  const tabs = page.getByRole('navigation', { name: 'Open files' });

  for (const [name, raw] of [
    ['apiserver-0.containerd.log', criRaw],
    ['apiserver-1.journal.txt', journalRaw],
  ] as const) {
    await tabs.getByRole('button', { name, exact: true }).click();
    const summary = page.getByTestId('goroutine-summary');
    await expect(summary).toContainText(`${raw.total.toLocaleString('en-US')} goroutines`);
    for (const [state, n] of raw.states) {
      await expect(summary.locator(`[data-state="${state}"]`)).toContainText(n.toLocaleString('en-US'));
    }
    const notes = page.getByTestId('file-notes');
    await expect(notes).toContainText(`Removed the prefix ${'`'}`);
    await expect(notes).toContainText(`from ${raw.prefixed.toLocaleString('en-US')} lines.`);
    const removed = await notes.locator('li', { hasText: 'Removed the prefix' }).textContent() ?? '';
    // The prefix as it stood on the first goroutine header line (textContent: HTML shows runs of spaces as one).
    expect(removed.startsWith('Removed the prefix `')).toBe(true);
    expect(removed).toMatch(name.endsWith('.log') ? /^Removed the prefix `\S+Z stderr F ` / : /^Removed the prefix `Dec {2}3 13:\d\d:\d\d master-2 kube-apiserver\[81234\]: ` /);
    // Lines without the prefix are the program's other log lines: counted, not dropped.
    if (raw.other > 0) await expect(notes).toContainText(`${raw.other} log lines outside any goroutine`);
    else await expect(notes).not.toContainText('log line');
  }
});
