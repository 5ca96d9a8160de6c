// Function names as the runtime prints them in tracebacks.

const TAB = 9;
const SPACE = 32;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/**
 * Whether buf[s..e) can be a function name as the runtime prints it. Names hold no spaces
 * except inside brackets or braces and in "interface {" / "struct {" of generated type
 * functions; the check keeps log lines that happen to end in ")" out of stacks.
 */
export function validFunctionName(buf: Uint8Array, s: number, e: number): boolean {
  let depth = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c === SPACE) {
      if (depth === 0 && buf[i + 1] !== LBRACE) return false;
    } else if (c === LBRACKET || c === LBRACE) {
      depth++;
    } else if (c === RBRACKET || c === RBRACE) {
      if (depth > 0) depth--;
    } else if (c === TAB) {
      return false;
    }
  }
  return true;
}
