// A Go name (function, package path, file path) that wraps only at its package and type
// boundaries: a <wbr> after each `/`, `.` and `(`, so that with the `go-name` class
// (word-break and overflow-wrap normal) a browser breaks it there or at a space, never
// mid-word ("ServeHTTP.func1.1", not "ServeHTT P.func1.1").

import { Fragment, memo } from 'react';

const BREAK_AFTER = /[/.(]/;

/**
 * The name cut after each `/`, `.` and `(`: the pieces a line may end with. Joined, they are the
 * name; a run of break characters (`..`, `/(`) breaks after its last one only.
 */
export function goNameParts(name: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    if (BREAK_AFTER.test(name[i]!) && !BREAK_AFTER.test(name[i + 1] ?? '') && i + 1 < name.length) {
      parts.push(name.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < name.length || parts.length === 0) parts.push(name.slice(start));
  return parts;
}

/** Renders `name` as text with a <wbr> at each boundary (`className` adds to `go-name`). */
export const GoName = memo(function GoName({ name, className }: { name: string; className?: string }) {
  const parts = goNameParts(name);
  return (
    <span className={className ? `go-name ${className}` : 'go-name'}>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </span>
  );
});
