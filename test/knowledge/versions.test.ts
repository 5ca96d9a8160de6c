import { describe, expect, it } from 'vitest';
import { parseVersion, statusText, versionStatus, type VersionStatus } from '../../src/knowledge/versions';
import { catalogue } from '../../src/knowledge/catalogue';

describe('versions', () => {
  it.each([
    ['1.18.4', '1.18.4'],
    ['v1.22.3-eks-1a2b3c', '1.22.3'],
    ['v1.27.3+k3s1', '1.27.3'],
    ['1.28.2-gke.1157000', '1.28.2'],
    [' v1.30 ', '1.30'],
  ])('%s -> %s', (input, out) => expect(parseVersion(input)?.text).toBe(out));

  it.each(['', 'latest', '1', 'v1.x.3', '1.2.3.4.5.6extra space'])('rejects %j', (s) => expect(parseVersion(s)).toBeNull());

  it('reads ranges and per-line fixes', () => {
    const r = { affected: [['1.14.0', '1.14.7'], ['1.15.0', '1.15.4']] as Array<[string, string]>, fixed: ['1.14.8', '1.15.5', '1.16.0'], affectedText: '', fixedText: '' };
    expect(versionStatus(r, parseVersion('1.14.7'))).toBe('affected');
    expect(versionStatus(r, parseVersion('1.14.9'))).toBe('fixed');
    expect(versionStatus(r, parseVersion('1.16.0'))).toBe('fixed');
    expect(versionStatus(r, parseVersion('1.13.2'))).toBe('not-affected');
    expect(versionStatus(r, null)).toBe('unknown-version');
    const open = { affected: [['1.0.0', '999.999.999']] as Array<[string, string]>, fixed: [], affectedText: '', fixedText: '' };
    expect(versionStatus(open, parseVersion('1.34.1'))).toBe('affected');
  });
});

/** Parentheses opened inside parentheses: a sentence that reads "(1.23.0 (no backports))". */
function nested(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth > 1) return true;
  }
  return false;
}

describe('version sentences for every catalogue entry', () => {
  const versions = ['1.9.3', '1.16.2', '1.22.3', '1.28.3', '1.35.0', '1.16', '1.28', null];
  for (const bug of catalogue) {
    it(`${bug.id} reads correctly whatever the version`, () => {
      const seen = new Set<VersionStatus>();
      for (const text of versions) {
        const v = text === null ? null : parseVersion(text);
        const status = versionStatus(bug.versions, v);
        seen.add(status);
        const s = statusText(status, v, bug.versions);
        expect(s).not.toMatch(/fixed in (not fixed|partly|no fix)/i);
        expect(s).not.toMatch(/\.\.|;\./);
        expect(nested(s), s).toBe(nested(bug.versions.affectedText) || nested(bug.versions.fixedText));
        expect(s).toMatch(/^[A-Z0-9].*[.]$/);
        if (v && !v.patchGiven) expect(s).toContain(`${v.text}`);
      }
      expect(seen.size).toBeGreaterThan(0);
    });
  }

  it('a minor line alone says which releases it means', () => {
    const r = { affected: [['1.16.0', '1.16.1']] as Array<[string, string]>, fixed: ['1.16.2', '1.17.0'], affectedText: '1.16.0-1.16.1', fixedText: '1.16.2, 1.17.0' };
    expect(versionStatus(r, parseVersion('1.16'))).toBe('unknown-version');
    expect(statusText('unknown-version', parseVersion('1.16'), r)).toBe(
      '1.16 covers 1.16.0 and every later 1.16 patch release, and they differ here: affected 1.16.0-1.16.1; fixed in 1.16.2, 1.17.0. Give the full version (kubectl version shows it).',
    );
    expect(versionStatus(r, parseVersion('1.17'))).toBe('fixed');
    expect(statusText('fixed', parseVersion('1.17'), r)).toBe('1.17 (every 1.17 patch release) has the fix: fixed in 1.16.2, 1.17.0. So this is probably something else with the same look.');
  });

  it('no fix and no backports read as sentences', () => {
    const open = { affected: [['1.0.0', '999.999.999']] as Array<[string, string]>, fixed: [], affectedText: 'all versions', fixedText: 'not fixed; tune the --audit-webhook-batch-* flags' };
    expect(statusText('unknown-version', null, open)).toBe('Give the kube-apiserver version to check. Affected: all versions. Not fixed; tune the --audit-webhook-batch-* flags.');
    const once = { affected: [['1.0.0', '1.22.99']] as Array<[string, string]>, fixed: ['1.23.0'], affectedText: '1.22 and earlier', fixedText: '1.23.0 (no backports)' };
    expect(statusText('fixed', parseVersion('1.24.1'), once)).toBe('1.24.1 has the fix: fixed in 1.23.0 (no backports). So this is probably something else with the same look.');
  });
});
