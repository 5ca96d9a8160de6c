// The report's Markdown: the payload's own digits, in the user's order, and every string from a
// profile or a note escaped so it reads as the text it is (no markup, no links, no HTML).
import { describe, expect, it } from 'vitest';
import { mdCode, mdText, reportMarkdown } from '../../src/state/report';
import { examplePayload, findingsOfEveryKind } from '../share/examples';
import { goroutinePayload } from '../share/realistic';

describe('Markdown escaping', () => {
  it('keeps markup, links and HTML as text', () => {
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(mdText('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(mdText('*bold* _em_ `code` # | ~~x~~ &amp;')).toBe('\\*bold\\* \\_em\\_ \\`code\\` \\# \\| \\~\\~x\\~\\~ \\&amp;');
    // Inside a word "_" is never emphasis: Go names stay readable.
    expect(mdText('reflect.mapassign_faststr')).toBe('reflect.mapassign_faststr');
    expect(mdText('two\nlines')).toBe('two lines');
  });

  it('makes code spans that hold backticks and table pipes', () => {
    expect(mdCode('pkg.(*T).F')).toBe('`pkg.(*T).F`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
  });
});

describe('reportMarkdown', () => {
  it('prints every finding with the numbers the payload carries, in order', async () => {
    const p = await goroutinePayload();
    const md = reportMarkdown(p);
    const headings = [...md.matchAll(/^## (\d+)\. (.*)$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(headings.slice(0, p.findings.length)).toEqual(p.findings.map((f, i) => [i + 1, mdText(f.title)]));
    for (const f of p.findings) {
      if (f.kind === 'group') expect(md).toContain(`| goroutines | ${f.group.histogram.map((c) => c.toLocaleString('en-US')).join(' | ')} |`);
      if (f.kind === 'top-row' || f.kind === 'frame') {
        expect(md).toContain(`| flat | ${f.values.flatText} | ${f.values.flatPct} |`);
        expect(md).toContain(`| cum | ${f.values.cumText} | ${f.values.cumPct} |`);
      }
      if (f.kind === 'known-bug') for (const r of f.bug.refs) expect(md).toContain(`(${r.url})`);
    }
    for (const r of p.snapshot!.top!.rows) expect(md).toContain(`| ${r.flatText} | ${r.flatPct} | ${r.cumText} | ${r.cumPct} | ${mdCode(r.name, true)} |`);
    expect(md).toContain(`- SHA-256: \`${p.profile.sha256}\``);
  });

  it('labels the wait buckets as the link carries them: old bare minutes, or today\'s with units', async () => {
    // Links made before buckets fitted the data carry '<1', '1-4', '5-14', ... (minutes).
    const old = reportMarkdown(examplePayload());
    expect(old).toContain('| waiting (minutes) | \\<1 | 1-4 | 5-14 | 15-59 | 60-239 | 240+ |');
    const p = await goroutinePayload();
    expect(reportMarkdown(p)).toContain('| waiting | \\<1 min | 1 min | 2 min | 3 min | 4 min | 5 min | 6 min | 7 min | 8 min |');
  });

  it('quotes notes line by line, with nothing in them taken as markup', () => {
    const note = '# not a heading\n- not a list\n1. not a list either\n<script>alert(1)</script>\n\n[x](javascript:alert(2))';
    const md = reportMarkdown(examplePayload([{ ...findingsOfEveryKind[0]!, note }], null));
    expect(md).toContain(
      ['> \\# not a heading', '> \\- not a list', '> \\1. not a list either', '> \\<script\\>alert(1)\\</script\\>', '>', '> \\[x\\](javascript:alert(2))'].join('\n'),
    );
    expect(md).not.toMatch(/<script>|(?<!\\)\]\(javascript:/);
  });

  it('fences stack frames so no frame can close the block', () => {
    const bucket = findingsOfEveryKind[3]!;
    if (bucket.kind !== 'bucket') throw new Error('fixture changed');
    const md = reportMarkdown(examplePayload([{ ...bucket, frames: [{ func: 'evil.```F', file: '/x.go', line: 1 }] }], null));
    expect(md).toContain('````text\nevil.```F\n\t/x.go:1\n... 13 more frames\n````');
  });
});
