import { describe, expect, it } from 'vitest';
import { goNameParts } from '../../src/components/common/GoName';

describe('goNameParts', () => {
  it('cuts a Go function name after /, . and ( only', () => {
    expect(goNameParts('k8s.io/apiserver/pkg/server/filters.(*timeoutHandler).ServeHTTP.func1.1')).toEqual([
      'k8s.',
      'io/',
      'apiserver/',
      'pkg/',
      'server/',
      'filters.(',
      '*timeoutHandler).',
      'ServeHTTP.',
      'func1.',
      '1',
    ]);
  });
  it('keeps a run of break characters together and never ends on an empty piece', () => {
    expect(goNameParts('main.main...')).toEqual(['main.', 'main...']);
    expect(goNameParts('a.(*T).m')).toEqual(['a.(', '*T).', 'm']);
    expect(goNameParts('/usr/local/go/src/net/http/server.go:2084')).toEqual(['/', 'usr/', 'local/', 'go/', 'src/', 'net/', 'http/', 'server.', 'go:2084']);
  });
  it('gives a name without boundaries whole, and the empty name as one empty piece', () => {
    expect(goNameParts('runtime_pollWait')).toEqual(['runtime_pollWait']);
    expect(goNameParts('')).toEqual(['']);
  });
  it('joins back to the name', () => {
    for (const n of ['sync.(*WaitGroup).Wait', 'x//y..z((', '.a', '(']) expect(goNameParts(n).join('')).toBe(n);
  });
});
