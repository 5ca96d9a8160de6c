import { describe, expect, it } from 'vitest';
import { parseVersion, versionStatus } from '../../src/knowledge/versions';

describe('versions', () => {
  it.each([
    ['1.18.4', '1.18.4'],
    ['v1.22.3-eks-1a2b3c', '1.22.3'],
    ['v1.27.3+k3s1', '1.27.3'],
    ['1.28.2-gke.1157000', '1.28.2'],
    [' v1.30 ', '1.30.0'],
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
