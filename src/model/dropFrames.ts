// profile.RemoveUninteresting: the profile's own drop_frames / keep_frames regexps cut frames
// from its stacks before any report, as `go tool pprof` does when it loads a file. Without
// this a C++ profile that asks to hide its allocator frames would show different flat values.

import { RE2JS } from 're2js';
import type { Profile } from './profile';

const bracketRx = /\(anonymous namespace\)|operator\(\)|\(/g;
const reservedNames = new Set(['(anonymous namespace)', 'operator()']);

/** pprof's simplifyFunc: drop a leading "." and the argument list. */
export function simplifyFunc(name: string): string {
  let fn = name.startsWith('.') ? name.slice(1) : name;
  bracketRx.lastIndex = 0;
  for (let m = bracketRx.exec(fn); m; m = bracketRx.exec(fn)) {
    if (!reservedNames.has(m[0])) {
      fn = fn.slice(0, m.index);
      break;
    }
  }
  return fn;
}

/**
 * Go's regexp.Compile("^(" + p + ")$"), in RE2 (re2js): linear time, so a file's
 * `(a+)+$` cannot stall the load. This layer imports no other, only the package.
 */
function compile(pattern: string): { test(s: string): boolean } | null {
  if (pattern.length > MAX_PATTERN_CHARS) return null;
  try {
    return RE2JS.compile(`^(${pattern})$`);
  } catch {
    return null; // pprof ignores a drop_frames it cannot compile
  }
}

const MAX_PATTERN_CHARS = 4096;

/** The profile with drop_frames applied; the same object when there is nothing to drop. */
export function removeUninteresting(p: Profile): Profile {
  if (!p.dropFrames) return p;
  const drop = compile(p.dropFrames);
  if (!drop) return p;
  const keep = p.keepFrames ? compile(p.keepFrames) : null;
  if (p.keepFrames && !keep) return p;

  const { locations, lines, functions, strings, samples } = p;
  const prune = new Uint8Array(locations.length);
  const pruneBeneath = new Uint8Array(locations.length);
  // New first line of each location (lines before it, the innermost ones, are cut).
  const firstLine = new Uint32Array(locations.length);
  let changedLines = false;

  for (let l = 0; l < locations.length; l++) {
    const begin = locations.lineStart[l]!;
    const end = locations.lineStart[l + 1]!;
    firstLine[l] = begin;
    let i = end - 1;
    for (; i >= begin; i--) {
      const f = lines.func[i]!;
      if (f < 0) continue;
      const name = strings[functions.name[f]!]!;
      if (name === '') continue;
      const simple = simplifyFunc(name);
      if (drop.test(simple) && !(keep && keep.test(simple))) break;
    }
    if (i >= begin) {
      pruneBeneath[l] = 1;
      if (i === end - 1) prune[l] = 1;
      else {
        firstLine[l] = i + 1;
        changedLines = true;
      }
    }
  }

  const stackStart = new Uint32Array(samples.length + 1);
  const stack: number[] = [];
  for (let s = 0; s < samples.length; s++) {
    const begin = samples.stackStart[s]!;
    const end = samples.stackStart[s + 1]!;
    let from = begin;
    let foundUser = false;
    for (let i = end - 1; i >= begin; i--) {
      const l = samples.stack[i]!;
      if (!prune[l] && !pruneBeneath[l]) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      if (prune[l]) {
        from = i + 1;
        break;
      }
      from = i;
      break;
    }
    for (let i = from; i < end; i++) stack.push(samples.stack[i]!);
    stackStart[s + 1] = stack.length;
  }

  let newLocations = locations;
  let newLines = lines;
  if (changedLines) {
    const lineStart = new Uint32Array(locations.length + 1);
    const func: number[] = [];
    const line: number[] = [];
    const column: number[] = [];
    for (let l = 0; l < locations.length; l++) {
      for (let i = firstLine[l]!; i < locations.lineStart[l + 1]!; i++) {
        func.push(lines.func[i]!);
        line.push(lines.line[i]!);
        column.push(lines.column[i]!);
      }
      lineStart[l + 1] = func.length;
    }
    newLocations = { ...locations, lineStart };
    newLines = {
      length: func.length,
      func: Int32Array.from(func),
      line: Float64Array.from(line),
      column: Float64Array.from(column),
    };
  }

  return {
    ...p,
    locations: newLocations,
    lines: newLines,
    samples: { ...samples, stackStart, stack: Uint32Array.from(stack) },
  };
}
