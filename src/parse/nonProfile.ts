// Files people drop by mistake that are no profile at all, named from their first bytes with
// what opens them: a Go execution trace, a zip archive, an ELF binary, an HTML page, JSON.
// pprof refuses each ("unrecognized profile format"); we say what the file is instead.

function startsWithAscii(bytes: Uint8Array, s: string, at = 0): boolean {
  if (bytes.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (bytes[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** A sentence naming what the bytes are and what opens them, or null when they are none of these. */
export function knownNonProfile(bytes: Uint8Array): string | null {
  if (startsWithAscii(bytes, 'go 1.') && bytes.subarray(0, 16).includes(0)) {
    const version = new TextDecoder().decode(bytes.subarray(3, bytes.indexOf(0))).replace(/ trace$/, '');
    return `this is a Go execution trace (go ${version}), not a profile: open it with \`go tool trace FILE\``;
  }
  if (startsWithAscii(bytes, 'PK\x03\x04') || startsWithAscii(bytes, 'PK\x05\x06')) {
    return 'this is a zip archive, not a profile: unzip it and open the profiles inside';
  }
  if (startsWithAscii(bytes, '\x7fELF')) {
    return 'this is an ELF binary (an executable or library), not a profile: `go tool pprof BINARY PROFILE` uses it to symbolize a profile';
  }
  if (startsWithAscii(bytes, '\xca\xfe\xba\xbe') || startsWithAscii(bytes, '\xcf\xfa\xed\xfe') || startsWithAscii(bytes, 'MZ')) {
    return 'this is an executable (Mach-O or PE), not a profile';
  }
  // Text: skip a byte-order mark and leading white space.
  let i = startsWithAscii(bytes, '\xef\xbb\xbf') ? 3 : 0;
  while (i < bytes.length && i < 4096 && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
  const head = new TextDecoder().decode(bytes.subarray(i, i + 64)).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<head') || head.startsWith('<body')) {
    return 'this is an HTML page, not a profile (an error or login page saved instead of the profile?): open it in a browser, then fetch /debug/pprof/... again';
  }
  if (head.startsWith('<?xml') || head.startsWith('<svg')) {
    return 'this is XML or SVG (a rendered graph?), not a profile: open it in a browser';
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    return 'this is JSON, not a profile: open it in a text editor (a speedscope or Chrome trace file opens in speedscope or chrome://tracing)';
  }
  return null;
}
