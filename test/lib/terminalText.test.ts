import { describe, expect, it } from 'vitest';
import { escapeJsonText, escapeTerminal } from '../../src/lib/terminalText';

const clearScreen = '\x1b[2J\x1b[H';
const osc0Title = '\x1b]0;you have been pwned\x07';
const osc52Clipboard = '\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x1b\\';

describe('escapeTerminal', () => {
  it('writes ESC and BEL of clear-screen, OSC 0 title and OSC 52 clipboard sequences as \\x escapes', () => {
    expect(escapeTerminal(`main.F${clearScreen}`)).toBe('main.F\\x1b[2J\\x1b[H');
    expect(escapeTerminal(`main.F${osc0Title}`)).toBe('main.F\\x1b]0;you have been pwned\\x07');
    expect(escapeTerminal(`main.F${osc52Clipboard}`)).toBe('main.F\\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\\x1b\\');
  });

  it('escapes every C0 but tab and newline, DEL and C1, and keeps tab and newline', () => {
    expect(escapeTerminal('a\tb\nc')).toBe('a\tb\nc');
    expect(escapeTerminal('\x00\x01\x08\x0b\x0c\r\x1f')).toBe('\\x00\\x01\\x08\\x0b\\x0c\\x0d\\x1f');
    expect(escapeTerminal('\x7f\x80\x9b\x9d\x9f')).toBe('\\x7f\\x80\\x9b\\x9d\\x9f');
    // Printable Latin-1 stays.
    expect(escapeTerminal('\xa0é ü')).toBe('\xa0é ü');
  });

  it('escapes bidi controls and line separators as \\u escapes', () => {
    expect(escapeTerminal('main.\u202egnp.exe')).toBe('main.\\u202egnp.exe');
    expect(escapeTerminal('\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029')).toBe(
      '\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c\\u2028\\u2029',
    );
    // Other non-ASCII text is left as it is.
    expect(escapeTerminal('日本語 ✓ \u200d')).toBe('日本語 ✓ \u200d');
  });

  it('doubles the backslash for Graphviz text, where a label reads \\x1b', () => {
    expect(escapeTerminal(`label="F${osc0Title}"`, '\\\\')).toBe('label="F\\\\x1b]0;you have been pwned\\\\x07"');
  });
});

describe('escapeJsonText', () => {
  it('writes what JSON.stringify leaves raw (DEL, C1, bidi, U+2028/9) as JSON escapes of the same value', () => {
    const value = { name: `F${osc0Title}\x7f\x9b\u202e\u2028\u2029${clearScreen}` };
    const text = escapeJsonText(JSON.stringify(value));
    expect(text).toBe('{"name":"F\\u001b]0;you have been pwned\\u0007\\u007f\\u009b\\u202e\\u2028\\u2029\\u001b[2J\\u001b[H"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
